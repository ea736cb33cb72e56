"""`python -m desktop` is the same as the `afterword` command."""

from desktop.cli import main

raise SystemExit(main())
