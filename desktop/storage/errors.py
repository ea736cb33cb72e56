"""The one exception type of the storage layer: something the user can act on."""

from desktop.errors import UserError


class StorageError(UserError):
    """The database cannot be used as asked; the message says why and what to do."""
