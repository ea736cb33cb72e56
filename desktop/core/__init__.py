"""The rules of follow-up etiquette, in plain Python: no Qt, no SQLAlchemy, no I/O.

Every function that depends on the time takes it as an argument.
"""
