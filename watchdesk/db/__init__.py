"""Persistence: ORM models, engine factory, migrations, backups. No rules beyond constraints."""
