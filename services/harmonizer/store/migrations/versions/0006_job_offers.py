"""job offers and their full-text search

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
# The title's tsvector in the offer's own language, accents ignored (PostgreSQL), stored in the
# generated column `title_search` (GIN index): a search never recomputes it row by row.
TITLE_VECTOR = (
    "to_tsvector(CASE WHEN text_language = 'nl' THEN 'nl_unaccent'::regconfig "
    "ELSE 'fr_unaccent'::regconfig END, title)"
)
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE job_offers_fts USING fts5(title, content='job_offers', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER job_offers_fts_insert AFTER INSERT ON job_offers BEGIN "
    "INSERT INTO job_offers_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER job_offers_fts_delete AFTER DELETE ON job_offers BEGIN "
    "INSERT INTO job_offers_fts(job_offers_fts, rowid, title) "
    "VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER job_offers_fts_update AFTER UPDATE OF title ON job_offers BEGIN "
    "INSERT INTO job_offers_fts(job_offers_fts, rowid, title) "
    "VALUES ('delete', old.id, old.title); "
    "INSERT INTO job_offers_fts(rowid, title) VALUES (new.id, new.title); END",
]
POSTGRES_FTS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent",
    "CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french)",
    "ALTER TEXT SEARCH CONFIGURATION fr_unaccent ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, french_stem",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS nl_unaccent",
    "CREATE TEXT SEARCH CONFIGURATION nl_unaccent (COPY = dutch)",
    "ALTER TEXT SEARCH CONFIGURATION nl_unaccent ALTER MAPPING FOR hword, hword_part, word "
    "WITH unaccent, dutch_stem",
    f"ALTER TABLE job_offers ADD COLUMN title_search tsvector GENERATED ALWAYS AS ({TITLE_VECTOR}) "
    "STORED",
    "CREATE INDEX ix_job_offers_title_search ON job_offers USING gin (title_search)",
]


def _columns() -> list[sa.Column]:  # type: ignore[type-arg]
    text = sa.String
    return [
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("source_service", text(16), nullable=False),
        sa.Column("source_offer_id", text(64), nullable=False),
        sa.Column("republished_from", text(128), nullable=True),
        sa.Column("external_reference", text(128), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("employer", text(255), nullable=True),
        sa.Column("text_language", text(2), nullable=False),
        sa.Column("country", text(2), nullable=False),
        sa.Column("commune_code", text(8), nullable=True),
        sa.Column("commune_name", text(128), nullable=True),
        sa.Column("postal_code", text(8), nullable=True),
        sa.Column("nuts3", text(8), nullable=True),
        sa.Column("zone", text(16), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("occupation_system", text(16), nullable=True),
        sa.Column("occupation_code", text(64), nullable=True),
        sa.Column("isco08", text(4), nullable=True),
        sa.Column("esco_code", text(64), nullable=True),
        sa.Column("nace", text(8), nullable=True),
        sa.Column("contract_type", text(24), nullable=True),
        sa.Column("working_time", text(16), nullable=True),
        sa.Column("languages", text(64), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_through", sa.Date(), nullable=True),
        sa.Column("original_url", sa.Text(), nullable=True),
        sa.Column("synthetic", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("fingerprint", text(64), nullable=False),
        sa.Column("duplicate_of_id", BIG_ID, nullable=True),
        sa.Column("file_sha256", text(64), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "job_offers",
        *_columns(),
        sa.ForeignKeyConstraint(
            ["duplicate_of_id"],
            ["job_offers.id"],
            name=op.f("fk_job_offers_duplicate_of_id_job_offers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_offers")),
        sa.UniqueConstraint(
            "source_service", "source_offer_id", name=op.f("uq_job_offers_source_service")
        ),
    )
    for name, columns in (
        ("ix_job_offers_search", ["duplicate_of_id", "valid_through"]),
        ("ix_job_offers_position", ["latitude", "longitude"]),
        ("ix_job_offers_nuts3", ["nuts3"]),
        ("ix_job_offers_isco08", ["isco08"]),
        ("ix_job_offers_valid_from", ["valid_from"]),
        ("ix_job_offers_fingerprint", ["fingerprint"]),
    ):
        op.create_index(op.f(name), "job_offers", columns, unique=False)
    statements = SQLITE_FTS if op.get_bind().dialect.name == "sqlite" else POSTGRES_FTS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS job_offers_fts")
    op.drop_table("job_offers")
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS nl_unaccent")
