"""The store: SQLAlchemy tables, engine, migrations and the one-transaction ingestion."""
