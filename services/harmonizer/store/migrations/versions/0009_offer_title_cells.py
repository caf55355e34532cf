"""offer title words by place cell: a title search near a place reads only the nearby matches

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 23:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# PostgreSQL only (SQLite searches titles through FTS5). Each title lexeme of an offer (as in
# `title_search`) joined to the offer's place cell, a 0.25° × 0.25° grid square
# ("infirmi@201:11": floor(latitude × 4), floor(longitude × 4)); NULL without coordinates. The
# GIN index then holds, per word and cell, only the offers there: a title search near a place
# reads the matches in the cells covering its box instead of every match of the region
# (services/offers/search_sql.py, `title_search_cells && :title_cells`).
FUNCTION = (
    "CREATE OR REPLACE FUNCTION title_search_cells(language text, title text, "
    "latitude double precision, longitude double precision) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ "
    "SELECT CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL ELSE ARRAY("
    "SELECT lexeme || '@' || floor(latitude * 4)::int || ':' || floor(longitude * 4)::int "
    "FROM unnest(tsvector_to_array(to_tsvector(CASE WHEN language = 'nl' "
    "THEN 'nl_unaccent'::regconfig ELSE 'fr_unaccent'::regconfig END, title))) AS lexeme) END $$"
)
COLUMN = (
    "ALTER TABLE job_offers ADD COLUMN title_search_cells text[] GENERATED ALWAYS AS "
    "(title_search_cells(text_language, title, latitude, longitude)) STORED"
)
INDEX = (
    "CREATE INDEX ix_job_offers_title_search_cells ON job_offers USING gin (title_search_cells) "
    "WHERE duplicate_of_id IS NULL"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for statement in (FUNCTION, COLUMN, INDEX):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("DROP INDEX IF EXISTS ix_job_offers_title_search_cells")
    op.execute("ALTER TABLE job_offers DROP COLUMN IF EXISTS title_search_cells")
    op.execute(
        "DROP FUNCTION IF EXISTS title_search_cells(text, text, double precision, double precision)"
    )
