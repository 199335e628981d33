"""Databases of their own for tests that start the app in another process (the
browser tests' server, a fresh install): SQLite in a temp dir, or, when the suite
runs on PostgreSQL, a new database on the same server, dropped afterwards."""

import os
from pathlib import Path


def throwaway_database(tmp: Path, purpose: str = "e2e") -> str:
    """SQLite in a temp dir, or (when the suite runs on PostgreSQL) a fresh database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp / 'db.sqlite3'}"
    import psycopg

    base, _slash, name = url.rpartition("/")
    e2e_name = f"{name or 'mitplan'}_{purpose}_{os.getpid()}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{e2e_name}"')
        connection.execute(f'CREATE DATABASE "{e2e_name}"')
    return f"{base}/{e2e_name}"


def database_drop(url: str) -> None:
    if url.startswith("postgres"):
        import psycopg

        base, _slash, name = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
