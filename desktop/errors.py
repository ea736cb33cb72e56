"""The one root of errors a person can act on (docs/ARCHITECTURE.md, "Errors").

Every layer raises a subclass of `UserError` for a problem the user can fix: a bad file, a
full disk, a locked or damaged database, a card too long for its size. The command line maps
it once to exit status 1 and its message; the window maps it once to a dialog. Any other
exception is a bug: it is logged with its traceback and reported as one.

This module imports nothing, so every layer, `desktop.core` included, may derive from it.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can act on; the message names what, where and what to do."""


class EnvironmentFault(UserError):
    """The machine, not the data, is in the way: a full disk, a read-only folder, a lock
    held by another program, missing permission. Retrying after fixing it works."""
