"""On PostgreSQL, `manage.py backup` does not pretend: it says how to use pg_dump."""

import os
import subprocess
import sys
import tarfile

from django.conf import settings


def test_backup_on_postgresql_archives_files_and_says_how_to_dump_the_database(
    tmp_path,
):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "MITPLAN_DATA_DIR": str(tmp_path),
        # Never contacted: the backup of a PostgreSQL site holds no database.
        "DATABASE_URL": "postgres://mitplan@127.0.0.1:9/mitplan",
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "backup", "--skip-checks"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "NOT in this archive" in result.stdout
    assert "pg_dump --format=custom" in result.stdout
    assert "pg_restore" in result.stdout
    (archive,) = (tmp_path / "backups").glob("mitplan-*.tar.gz")
    with tarfile.open(archive) as tar:
        assert "db.sqlite3" not in tar.getnames()
        assert "secret_key" in tar.getnames()
