"""The one entry point: the window by default, and the subcommands of ARCHITECTURE §4.

`parser` builds the command line, `main` runs it, one module per group of commands does the
work (`reminders`, `data`, `notes`, `outbox`) and `output` formats what they print. Heavy
modules are imported only by the command that needs them, so `afterword --help` is quick.
"""

from desktop.cli.main import COMMANDS, main

__all__ = ["COMMANDS", "main"]
