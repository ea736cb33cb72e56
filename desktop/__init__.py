"""Afterword: follow up on every job interview, on time, one personal note per interviewer."""

__version__ = "0.1.0"
