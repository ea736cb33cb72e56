"""The SMTP password in the keyring: kept, read back, forgotten; refused where unsafe."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from desktop.platform import secrets
from tests.helpers.memory_keyring import (
    MEMORY,
    MemoryKeyring,
    PlaintextFileKeyring,
    keyring_backend,
)

KEY = "smtp:ada@smtp.example.com"


@pytest.fixture
def use_backend() -> Iterator[Callable[[str], None]]:
    """Point keyring at a backend by name, as a person would with PYTHON_KEYRING_BACKEND."""
    with ExitStack() as stack:
        yield lambda name: stack.enter_context(keyring_backend(name))


def test_a_password_is_kept_read_back_and_forgotten(use_backend):
    use_backend(MEMORY)
    usable, reason = secrets.keyring_usable()
    assert usable, reason
    assert reason == "The password is kept in memory keyring MemoryKeyring"
    assert secrets.get_password(KEY) is None
    secrets.set_password(KEY, "s3cret pässword")
    assert MemoryKeyring.store == {("Afterword", KEY): "s3cret pässword"}
    assert secrets.get_password(KEY) == "s3cret pässword"
    secrets.set_password(KEY, "changed")
    assert secrets.get_password(KEY) == "changed"
    secrets.delete_password(KEY)
    assert secrets.get_password(KEY) is None
    secrets.delete_password(KEY)  # forgetting twice is fine
    with pytest.raises(ValueError):
        secrets.set_password(KEY, "")


def test_no_keyring_is_said_plainly(use_backend):
    use_backend("keyring.backends.fail.Keyring")
    usable, reason = secrets.keyring_usable()
    assert usable is False
    assert reason.startswith("No password store (keyring) was found on this computer")
    with pytest.raises(secrets.SecretsUnavailable, match="No password store"):
        secrets.set_password(KEY, "pw")
    with pytest.raises(secrets.SecretsUnavailable):
        secrets.get_password(KEY)


def test_a_plain_text_keyring_is_refused(use_backend):
    use_backend("tests.helpers.memory_keyring.PlaintextFileKeyring")
    usable, reason = secrets.keyring_usable()
    assert usable is False
    assert "keeps passwords in a plain file" in reason
    with pytest.raises(secrets.SecretsUnavailable, match="plain file"):
        secrets.set_password(KEY, "pw")
    assert PlaintextFileKeyring.store == {}, "nothing was written to it"


def test_a_chain_with_nothing_in_it_or_a_plain_text_link_is_refused():
    from keyring.backends.chainer import ChainerBackend

    from tests.helpers.memory_keyring import EmptyChainer

    assert secrets.judge_backend(EmptyChainer())[0] is False

    class WithPlaintext(ChainerBackend):
        backends = (MemoryKeyring(), PlaintextFileKeyring())  # type: ignore[assignment]

    usable, reason = secrets.judge_backend(WithPlaintext())
    assert usable is False and "plain file" in reason


def test_a_backend_that_fails_says_so_without_the_password(use_backend):
    use_backend("tests.helpers.memory_keyring.LockedKeyring")
    with pytest.raises(secrets.SecretsUnavailable) as caught:
        secrets.set_password(KEY, "hunter2")
    assert str(caught.value) == "The password could not be stored: Prompt dismissed"
    with pytest.raises(secrets.SecretsUnavailable, match="did not answer: Prompt dismissed"):
        secrets.get_password(KEY)


def test_a_misspelled_backend_is_a_reason_not_a_crash(use_backend, monkeypatch):
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "no.such.Keyring")
    keyring.core._keyring_backend = None  # as in a fresh process
    usable, reason = secrets.keyring_usable()
    assert usable is False
    assert reason.startswith("The password store could not be opened")


def test_importing_secrets_does_not_load_keyring():
    import subprocess
    import sys

    from tests.conftest import REPO

    code = "import sys, desktop.platform.secrets; print('keyring' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "False"
