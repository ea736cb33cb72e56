"""The SMTP password in the OS keyring (Keychain, Credential Manager, Secret Service).

Nothing else in Afterword holds a secret: not the database, the logs, exports or backups
(ARCHITECTURE §3). When the keyring cannot keep a secret safely, callers say so and ask for
the password at send time instead. keyring is imported on first use: start-up and the
tray never pay for finding a backend.
"""

from __future__ import annotations

import logging
from typing import Any

SERVICE = "Afterword"

log = logging.getLogger(__name__)

_NO_KEYRING = (
    "No password store (keyring) was found on this computer, so Afterword will not keep "
    "the password"
)


class SecretsUnavailable(Exception):
    """The OS keyring cannot be used; the message says why, in words a person can act on."""


def _is_plaintext(backend: Any) -> bool:
    """keyrings.alt writes secrets to files (plain text, or asks on a terminal): refused."""
    module = type(backend).__module__
    name = type(backend).__name__.lower()
    return module.startswith("keyrings.alt") or "plaintext" in name


def judge_backend(backend: Any) -> tuple[bool, str]:
    """Whether `backend` keeps secrets safely, and if not, why (for a person)."""
    from keyring.backends import chainer, fail

    try:
        from keyring.backends import null

        nothing: tuple[type, ...] = (fail.Keyring, null.Keyring)
    except ImportError:  # pragma: no cover - null is part of every keyring since 19
        nothing = (fail.Keyring,)
    if isinstance(backend, nothing):
        return False, _NO_KEYRING
    parts = list(backend.backends) if isinstance(backend, chainer.ChainerBackend) else [backend]
    if not parts:
        return False, _NO_KEYRING
    if any(_is_plaintext(part) for part in parts):
        return False, (
            "The only password store found keeps passwords in a plain file "
            f"({type(parts[0]).__module__}), so Afterword will not store the password there"
        )
    return True, f"The password is kept in {_place(backend)}"


# keyring's backends by module, as people know them.
_PLACES = {
    "keyring.backends.SecretService": "the system keyring (Secret Service)",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.macOS": "the macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Manager",
    "keyring.backends.libsecret": "the system keyring (libsecret)",
}


def _place(backend: Any) -> str:
    if type(backend).__name__ == "ChainerBackend" and backend.backends:
        backend = backend.backends[0]
    known = _PLACES.get(type(backend).__module__)
    return known or str(getattr(backend, "name", type(backend).__name__))


def _backend() -> Any:
    try:
        import keyring
    except ImportError as exc:  # a broken install, not a user choice
        raise SecretsUnavailable(f"{_NO_KEYRING} (keyring is not installed)") from exc
    try:
        return keyring.get_keyring()
    except Exception as exc:  # a misconfigured keyring (bad PYTHON_KEYRING_BACKEND etc.)
        raise SecretsUnavailable(f"The password store could not be opened: {exc}") from exc


def keyring_usable() -> tuple[bool, str]:
    """(True, where) when passwords can be kept; else (False, why not, for a person)."""
    try:
        return judge_backend(_backend())
    except SecretsUnavailable as exc:
        return False, str(exc)


def _usable_backend() -> Any:
    backend = _backend()
    usable, reason = judge_backend(backend)
    if not usable:
        raise SecretsUnavailable(reason)
    return backend


def get_password(account_key: str) -> str | None:
    """The stored password for `account_key`, or None if none was stored."""
    backend = _usable_backend()
    try:
        value = backend.get_password(SERVICE, account_key)
    except Exception as exc:  # locked keyring, dismissed unlock prompt, bus gone
        raise SecretsUnavailable(f"The password store did not answer: {_why(exc)}") from exc
    return value if isinstance(value, str) else None


def set_password(account_key: str, password: str) -> None:
    """Keep `password` for `account_key`, replacing any earlier one."""
    if not password:
        raise ValueError("an empty password is not stored; delete it instead")
    backend = _usable_backend()
    try:
        backend.set_password(SERVICE, account_key, password)
    except Exception as exc:
        raise SecretsUnavailable(f"The password could not be stored: {_why(exc)}") from exc
    log.info("stored the password for %s in %s", account_key, type(backend).__name__)


def delete_password(account_key: str) -> None:
    """Forget the password for `account_key`; nothing happens if none was stored."""
    import keyring.errors

    backend = _usable_backend()
    try:
        backend.delete_password(SERVICE, account_key)
    except keyring.errors.PasswordDeleteError:
        return
    except Exception as exc:
        raise SecretsUnavailable(f"The password could not be removed: {_why(exc)}") from exc
    log.info("removed the password for %s", account_key)


def _why(exc: BaseException) -> str:
    # One short line for the status bar; the full exception goes with `from exc`.
    return type(exc).__name__ if not str(exc) else str(exc).splitlines()[0][:200]
