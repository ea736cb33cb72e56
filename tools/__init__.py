"""Programs that make things for the repository (screenshots, card pictures, schema
fixtures); see tests/README.md. Run from the repository root: python -m tools.NAME."""
