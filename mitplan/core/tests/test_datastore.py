"""Backups that hold what was committed, restores that serve it, and data files
that only their owner can read."""

import json
import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection

from mitplan.core.datastore import (
    DataPaths,
    RestoreRefused,
    backup_create,
    backup_restore,
    data_make_private,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="SQLite's files and online backup; PostgreSQL uses pg_dump",
    ),
]

TABLE = "contributions_contribution"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _seed_database(path: Path) -> Path:
    """A file copy of the test database (migrated, demo loaded), in WAL mode as the
    settings open it."""
    connection.ensure_connection()
    target = sqlite3.connect(path, isolation_level=None)
    target.execute("PRAGMA journal_mode = WAL")
    # Not the backup API here: the test's own open transaction keeps it waiting.
    # The dump cannot recreate the search index's virtual table; no test needs it.
    statements = connection.connection.iterdump()
    target.executescript(
        "\n".join(s for s in statements if "wagtailsearch_indexentry_fts" not in s)
    )
    target.close()
    return path


def _seed_data_dir(data_dir: Path) -> DataPaths:
    data_dir.mkdir()
    paths = DataPaths(
        database=_seed_database(data_dir / "db.sqlite3"),
        media_root=data_dir / "media",
        secret_key=data_dir / "secret_key",
    )
    (paths.media_root / "images").mkdir(parents=True)
    (paths.media_root / "images" / "Stadtplan.png").write_bytes(b"\x89PNG fictional")
    paths.secret_key.write_text("a-fictional-secret-key-of-erika-beispiel")
    return paths


def _rows(database: Path, up_to_id: int | None = None) -> list[tuple]:
    with sqlite3.connect(database) as db:
        query = f"SELECT * FROM {TABLE}"  # noqa: S608 - fixed name
        if up_to_id is not None:
            query += f" WHERE id <= {int(up_to_id)}"
        rows = db.execute(query + " ORDER BY id").fetchall()
    db.close()
    return rows


class Writer(threading.Thread):
    """Keeps inserting contributions (each its own committed transaction), like
    residents sending while the backup runs. Bounded in rows and time."""

    def __init__(self, database: Path):
        super().__init__(daemon=True)
        self.database = database
        self.committed: list[int] = []
        self.stop = threading.Event()

    def run(self):
        db = sqlite3.connect(self.database, isolation_level=None, timeout=10)
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({TABLE})")]
        columns.remove("id")
        template = db.execute(f"SELECT MIN(id) FROM {TABLE}").fetchone()[0]  # noqa: S608
        values = ", ".join(
            "NULL" if c == "submission_key" else "?" if c == "title" else f'"{c}"'
            for c in columns
        )
        insert = (
            f"INSERT INTO {TABLE} ({', '.join(f'{c!r}' for c in columns)}) "  # noqa: S608
            f"SELECT {values} FROM {TABLE} WHERE id = ?"
        )
        deadline = time.monotonic() + 30
        for number in range(20_000):
            if self.stop.is_set() or time.monotonic() > deadline:
                break
            cursor = db.execute(
                insert, (f"Nachtrag von Erika Beispiel {number}", template)
            )
            self.committed.append(cursor.lastrowid)
        db.close()

    def wait_for(self, rows: int):
        deadline = time.monotonic() + 20
        while len(self.committed) < rows and time.monotonic() < deadline:
            time.sleep(0.01)


def test_a_backup_taken_while_residents_write_restores_every_committed_row(tmp_path):
    source = _seed_data_dir(tmp_path / "live")
    writer = Writer(source.database)
    writer.start()
    writer.wait_for(200)
    committed_before = list(writer.committed)
    result = backup_create(
        source, tmp_path / "live" / "backups", now=datetime(2026, 12, 3, 20, 15, 0)
    )
    writer.wait_for(len(committed_before) + 200)
    writer.stop.set()
    writer.join()
    assert len(writer.committed) > len(committed_before) + 100  # writes went on

    assert result.archive.name == "mitplan-20261203-201500.tar.gz"
    assert mode(result.archive) == 0o600
    assert mode(result.archive.parent) == 0o700

    fresh = DataPaths(
        database=tmp_path / "fresh" / "db.sqlite3",
        media_root=tmp_path / "fresh" / "media",
        secret_key=tmp_path / "fresh" / "secret_key",
    )
    restored = backup_restore(result.archive, fresh, force=False)
    rows = _rows(fresh.database)
    ids = [row[0] for row in rows]
    # Nothing committed before the backup started is missing ...
    assert set(committed_before) <= set(ids)
    # ... and the copy is one moment: exactly the source's rows up to its last one,
    # identical, without holes.
    assert rows == _rows(source.database, up_to_id=max(ids))
    assert restored.counts[TABLE] == len(rows) == result.counts[TABLE]
    with sqlite3.connect(fresh.database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    assert mode(fresh.database) == 0o600
    assert fresh.secret_key.read_text() == source.secret_key.read_text()
    assert mode(fresh.secret_key) == 0o600
    picture = fresh.media_root / "images" / "Stadtplan.png"
    assert picture.read_bytes() == b"\x89PNG fictional"
    assert mode(picture) == 0o640


def test_restore_refuses_to_replace_a_database_that_holds_data(tmp_path):
    source = _seed_data_dir(tmp_path / "live")
    result = backup_create(source, tmp_path / "backups", now=datetime(2026, 12, 3))
    with sqlite3.connect(source.database) as db:
        db.execute(f"DELETE FROM {TABLE}")  # noqa: S608
    db.close()
    with pytest.raises(RestoreRefused):
        backup_restore(result.archive, source, force=False)
    assert _rows(source.database) == []
    backup_restore(result.archive, source, force=True)
    assert len(_rows(source.database)) == result.counts[TABLE] > 0


def test_restore_refuses_archives_with_paths_outside_the_data(tmp_path):
    archive = tmp_path / "evil.tar.gz"
    payload = tmp_path / "payload"
    payload.write_text("x")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(payload, "media/../../outside")
    paths = DataPaths(None, tmp_path / "media", tmp_path / "secret_key")
    with pytest.raises(ValueError, match="unexpected entry"):
        backup_restore(archive, paths, force=True)
    assert not (tmp_path.parent / "outside").exists()


def _manage(*args, data_dir: Path) -> subprocess.CompletedProcess:
    unset = {"DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "SECRET_KEY", "MEDIA_ROOT"}
    env = {
        **{k: v for k, v in os.environ.items() if k not in unset},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "MITPLAN_DATA_DIR": str(data_dir),
        "REDIS_URL": "",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),  # noqa: PLW1509 - the usual umask
    )


COUNT = (
    "from mitplan.contributions.models import Contribution as C; "
    "from django.conf import settings as s; "
    "print(C.objects.count(), sorted(C.objects.values_list('title', flat=True))[:3], "
    "s.SECRET_KEY[:12])"
)


def test_backup_and_restore_commands_carry_a_site_to_a_fresh_data_dir(tmp_path):
    live = _seed_data_dir(tmp_path / "live")
    backup = _manage("backup", data_dir=tmp_path / "live")
    assert backup.returncode == 0, backup.stderr
    (archive,) = (tmp_path / "live" / "backups").glob("mitplan-*.tar.gz")
    assert f"Backup written to {archive}" in backup.stdout
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("MANIFEST.json"))
    assert {"db.sqlite3", "secret_key", "media/images/Stadtplan.png"} <= names
    assert manifest["counts"][TABLE] > 0

    fresh = tmp_path / "fresh"
    restore = _manage("restore", str(archive), data_dir=fresh)
    assert restore.returncode == 0, restore.stderr
    served = _manage("shell", "-v0", "-c", COUNT, data_dir=fresh)
    original = _manage("shell", "-v0", "-c", COUNT, data_dir=tmp_path / "live")
    assert served.returncode == 0, served.stderr
    assert served.stdout == original.stdout
    assert served.stdout.startswith(f"{manifest['counts'][TABLE]} ")
    assert (fresh / "secret_key").read_text() == live.secret_key.read_text()

    again = _manage("restore", str(archive), data_dir=fresh)
    assert again.returncode != 0
    assert "--force" in again.stderr

    # Replacing a site's data also forgets what its cache held about the old data.
    stale = "from django.core.cache import cache; cache.set('probe', 'stale', 3600)"
    assert _manage("shell", "-v0", "-c", stale, data_dir=fresh).returncode == 0
    forced = _manage("restore", "--force", str(archive), data_dir=fresh)
    assert forced.returncode == 0, forced.stderr
    probe = "from django.core.cache import cache; print(cache.get('probe'))"
    assert _manage("shell", "-v0", "-c", probe, data_dir=fresh).stdout.strip() == "None"


def test_a_new_data_dir_database_and_key_are_private(tmp_path):
    data_dir = tmp_path / "new"
    opened = _manage(
        "shell",
        "-v0",
        "-c",
        "from django.db import connection; import os, stat; "
        "c = connection.cursor(); c.execute('CREATE TABLE t (x)'); "
        "c.execute('INSERT INTO t VALUES (1)'); "
        "name = connection.settings_dict['NAME']; "
        "print(*[oct(stat.S_IMODE(os.stat(f'{name}{s}').st_mode)) "
        "for s in ('', '-wal', '-shm')])",
        data_dir=data_dir,
    )
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.split() == ["0o600", "0o600", "0o600"]
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "secret_key") == 0o600


def test_uploaded_media_are_not_world_readable(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "media")
    name = storage.save("original_images/Rathaus.jpg", ContentFile(b"fictional"))
    assert mode(Path(storage.path(name))) == 0o640
    assert mode(tmp_path / "media" / "original_images") == 0o750


def test_existing_data_files_are_made_private(tmp_path):
    data_dir = tmp_path / "var"
    (data_dir / "media" / "images").mkdir(parents=True)
    files = {
        data_dir / "db.sqlite3": 0o600,
        data_dir / "db.sqlite3-wal": 0o600,
        data_dir / "secret_key": 0o600,
        data_dir / "admin_password": 0o600,
        data_dir / "media" / "images" / "a.png": 0o640,
    }
    for path in files:
        path.write_text("x")
        path.chmod(0o644)
    data_dir.chmod(0o755)
    paths = DataPaths(
        data_dir / "db.sqlite3", data_dir / "media", data_dir / "secret_key"
    )
    changed = data_make_private(data_dir, paths)
    assert {path: mode(path) for path in files} == files
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "media" / "images") == 0o750
    assert data_dir / "secret_key" in changed
    assert data_make_private(data_dir, paths) == []


def test_health_reports_a_database_file_locked_by_another_writer(tmp_path):
    _seed_data_dir(tmp_path / "live")
    holder = sqlite3.connect(tmp_path / "live" / "db.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process that writes and does not stop
    probe = (
        "from django.test import Client; r = Client().get('/healthz'); "
        "print(r.status_code, r.json()['database'])"
    )
    try:
        result = _manage("shell", "-v0", "-c", probe, data_dir=tmp_path / "live")
    finally:
        holder.rollback()
        holder.close()
    assert result.stdout.split() == ["503", "down"], result.stderr
