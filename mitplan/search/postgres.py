"""What only PostgreSQL has: the tsvector column, the trigger that fills it with the
dictionary of each row's language, and its GIN index.

Created by a post_migrate handler (and by migration 0002), idempotently, so a fresh
install, an upgrade and the test databases (built without migrations) all get it;
SQLite gets nothing of it and searches with the fallback."""

from functools import cache

from django.db import connection

# The dictionary per interface language; a language PostgreSQL has none for (or a
# server without it) uses 'simple': words lower-cased, not stemmed.
CONFIGS = {
    "de": "german",
    "en": "english",
    "ar": "arabic",
    "ro": "romanian",
    "tr": "turkish",
    "ru": "russian",
}
SIMPLE = "simple"

TABLE = "search_searchentry"

# Constants only, no input: S608 does not apply.
SCHEMA_SQL = f"""
ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector;
CREATE OR REPLACE FUNCTION search_entry_vector() RETURNS trigger AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = NEW.config) THEN
    NEW.config := '{SIMPLE}';
  END IF;
  NEW.search_vector :=
    setweight(to_tsvector(NEW.config::regconfig, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector(NEW.config::regconfig, coalesce(NEW.body, '')), 'B') ||
    -- the folded words, unstemmed: 'SPRACHCAFE' finds 'Sprachcafé'
    setweight(to_tsvector('simple', coalesce(NEW.folded_title, '')), 'C') ||
    setweight(to_tsvector('simple', coalesce(NEW.folded_body, '')), 'D');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS search_entry_vector ON {TABLE};
CREATE TRIGGER search_entry_vector BEFORE INSERT OR UPDATE ON {TABLE}
  FOR EACH ROW EXECUTE FUNCTION search_entry_vector();
CREATE INDEX IF NOT EXISTS search_entry_vector_gin ON {TABLE} USING gin (search_vector);
"""  # noqa: S608


def is_postgres(conn=None) -> bool:
    return (conn or connection).vendor == "postgresql"


def schema_ensure(conn=None) -> None:
    conn = conn or connection
    if not is_postgres(conn):
        return
    with conn.cursor() as cursor:
        cursor.execute(SCHEMA_SQL)


def config_for(language: str) -> str:
    """The configuration stored with an entry (the trigger falls back to 'simple'
    where the server lacks it)."""
    return CONFIGS.get(language, SIMPLE)


@cache
def _available() -> frozenset[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        return frozenset(row[0] for row in cursor.fetchall())


def query_config_for(language: str) -> str:
    """The configuration a query in `language` is parsed with: the one its entries
    were indexed with (read once per process)."""
    config = config_for(language)
    return config if config in _available() else SIMPLE
