"""Keyring backends for tests, loaded through PYTHON_KEYRING_BACKEND like any other."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict shared by every instance (keyring makes its own instance)."""

    # Below the fail backend (0): never picked by keyring's own detection, only by name.
    priority = -1  # type: ignore[assignment]
    store: ClassVar[dict[tuple[str, str], str]] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.store[(service, username)]
        except KeyError:
            raise PasswordDeleteError("no such password") from None


class PlaintextFileKeyring(MemoryKeyring):
    """Stands in for keyrings.alt's PlaintextKeyring (not installed: it must never be)."""


class LockedKeyring(MemoryKeyring):
    """A keyring whose unlock prompt was dismissed."""

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("Prompt dismissed")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("Prompt dismissed")


class EmptyChainer(ChainerBackend):
    backends: ClassVar[list[KeyringBackend]] = []  # type: ignore[assignment,misc]


MEMORY = "tests.helpers.memory_keyring.MemoryKeyring"


@contextmanager
def keyring_backend(name: str = MEMORY) -> Iterator[None]:
    """Use the backend named `name` (PYTHON_KEYRING_BACKEND) for the block, then go back."""
    import keyring.core

    # keyring keeps the backend it chose for the life of the process; put it back after.
    before_backend = keyring.core._keyring_backend
    before_env = os.environ.get("PYTHON_KEYRING_BACKEND")
    MemoryKeyring.store.clear()
    os.environ["PYTHON_KEYRING_BACKEND"] = name
    try:
        keyring.core.init_backend()
        yield
    finally:
        if before_env is None:
            os.environ.pop("PYTHON_KEYRING_BACKEND", None)
        else:
            os.environ["PYTHON_KEYRING_BACKEND"] = before_env
        keyring.core._keyring_backend = before_backend
        MemoryKeyring.store.clear()
