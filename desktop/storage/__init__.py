"""SQLite storage: models, engine, migrations, backups and the services that read and write.

Everything above this layer receives plain dataclasses, never live ORM objects.
"""
