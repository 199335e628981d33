"""The data directory: kept private, backed up and restored as one archive.

A backup holds the SQLite database (copied with SQLite's online backup API, so a copy
taken while others write is one consistent moment), the uploaded media and the
generated secret key. PostgreSQL has its own tools (pg_dump / pg_restore); there the
archive holds media and key, and the commands say what to run for the database.
"""

import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from config.env import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, private_file_ensure

MEDIA_FILE_MODE = 0o640
MEDIA_DIR_MODE = 0o750
DATABASE_MEMBER = "db.sqlite3"
KEY_MEMBER = "secret_key"
MANIFEST_MEMBER = "MANIFEST.json"
MEDIA_MEMBER = "media"


@dataclass(frozen=True)
class DataPaths:
    """Where one installation keeps its data. `database` is None on PostgreSQL."""

    database: Path | None
    media_root: Path
    secret_key: Path


class RestoreRefused(Exception):
    """The target holds data and the caller did not say to replace it."""


# --- Private files ---------------------------------------------------------------


def data_make_private(data_dir: Path, paths: DataPaths) -> list[Path]:
    """Narrow what exists to owner-only (data dir, database with -wal/-shm, key,
    admin password) and owner+group (media). Returns what was changed; for
    installations made before the files were created private."""
    changed = []

    def narrow(path: Path, mode: int) -> None:
        if (
            path.exists()
            and not path.is_symlink()
            and path.stat().st_mode & 0o777 != mode
        ):
            path.chmod(mode)
            changed.append(path)

    narrow(data_dir, PRIVATE_DIR_MODE)
    private_files = [paths.secret_key, data_dir / "admin_password"]
    private_files += sorted(data_dir.glob("admin_password*"))
    if paths.database:
        private_files += [
            paths.database,
            Path(f"{paths.database}-wal"),
            Path(f"{paths.database}-shm"),
        ]
    for path in dict.fromkeys(private_files):
        narrow(path, PRIVATE_FILE_MODE)
    backups = data_dir / "backups"
    if backups.is_dir():
        narrow(backups, PRIVATE_DIR_MODE)
        for archive in backups.glob("*.tar.gz"):
            narrow(archive, PRIVATE_FILE_MODE)
    if paths.media_root.is_dir():
        narrow(paths.media_root, MEDIA_DIR_MODE)
        for root, dirs, files in os.walk(paths.media_root):
            for name in dirs:
                narrow(Path(root, name), MEDIA_DIR_MODE)
            for name in files:
                narrow(Path(root, name), MEDIA_FILE_MODE)
    return changed


# --- Backup ------------------------------------------------------------------------


@dataclass
class BackupResult:
    archive: Path
    has_database: bool
    has_secret_key: bool
    media_files: int
    counts: dict = field(default_factory=dict)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy a live SQLite database into `target` in one step of the online backup
    API: it reads one snapshot while writers go on (WAL), and the copy is a plain
    self-contained file (rollback journal), checked before it is used."""
    private_file_ensure(target)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.execute("PRAGMA busy_timeout = 10000")
        src.backup(dst)  # pages=-1: the whole database from one read transaction
        dst.execute("PRAGMA journal_mode = DELETE")
        result = dst.execute("PRAGMA integrity_check").fetchone()[0]
    src.close()
    dst.close()
    if result != "ok":
        raise sqlite3.DatabaseError(f"the copy fails integrity_check: {result}")


def _table_counts(database: Path) -> dict:
    tables = ("contributions_contribution", "comments_comment", "wagtailcore_page")
    counts = {}
    with sqlite3.connect(database) as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        for table in tables:
            if table in names:
                query = f'SELECT COUNT(*) FROM "{table}"'  # noqa: S608 - fixed names
                counts[table] = db.execute(query).fetchone()[0]
    db.close()
    return counts


def backup_create(paths: DataPaths, target_dir: Path, *, now: datetime) -> BackupResult:
    """Write `mitplan-YYYYmmdd-HHMMSS.tar.gz` (mode 0600) into `target_dir` (0700)."""
    target_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    target_dir.chmod(PRIVATE_DIR_MODE)
    archive = target_dir / f"mitplan-{now:%Y%m%d-%H%M%S}.tar.gz"
    if archive.exists():
        raise FileExistsError(archive)
    with tempfile.TemporaryDirectory(dir=target_dir) as work:
        work = Path(work)
        counts = {}
        if paths.database:
            _sqlite_copy(paths.database, work / DATABASE_MEMBER)
            counts = _table_counts(work / DATABASE_MEMBER)
        manifest = {
            "created_at": now.isoformat(),
            "database": DATABASE_MEMBER if paths.database else None,
            "counts": counts,
        }
        (work / MANIFEST_MEMBER).write_text(json.dumps(manifest, indent=2))
        partial = work / "archive.tar.gz"
        private_file_ensure(partial)
        media_files = 0
        with open(partial, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(work / MANIFEST_MEMBER, MANIFEST_MEMBER)
            if paths.database:
                tar.add(work / DATABASE_MEMBER, DATABASE_MEMBER)
            has_key = paths.secret_key.is_file()
            if has_key:
                tar.add(paths.secret_key, KEY_MEMBER)
            if paths.media_root.is_dir():
                for root, dirs, files in os.walk(paths.media_root):
                    dirs.sort()
                    for name in sorted(files):
                        path = Path(root, name)
                        if path.is_symlink():
                            continue
                        relative = path.relative_to(paths.media_root).as_posix()
                        tar.add(path, f"{MEDIA_MEMBER}/{relative}")
                        media_files += 1
        os.replace(partial, archive)  # never a half-written archive under its name
    return BackupResult(
        archive=archive,
        has_database=bool(paths.database),
        has_secret_key=has_key,
        media_files=media_files,
        counts=counts,
    )


# --- Restore -----------------------------------------------------------------------


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Only what a backup writes: plain files named as expected, no links, no
    absolute paths, no '..'."""
    members = []
    for member in tar.getmembers():
        name = PurePosixPath(member.name)
        if member.isdir():
            continue
        if not member.isfile() or name.is_absolute() or ".." in name.parts:
            raise ValueError(f"unexpected entry in the archive: {member.name!r}")
        top = name.parts[0]
        if str(name) not in (DATABASE_MEMBER, KEY_MEMBER, MANIFEST_MEMBER) and not (
            top == MEDIA_MEMBER and len(name.parts) > 1
        ):
            raise ValueError(f"unexpected entry in the archive: {member.name!r}")
        members.append(member)
    return members


def database_holds_data(database: Path) -> bool:
    if not database.exists() or database.stat().st_size == 0:
        return False
    with sqlite3.connect(database) as db:
        tables = db.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
        ).fetchone()[0]
    db.close()
    return tables > 0


@dataclass
class RestoreResult:
    has_database: bool
    has_secret_key: bool
    media_files: int
    counts: dict


def backup_restore(archive: Path, paths: DataPaths, *, force: bool) -> RestoreResult:
    """Put an archive's database, media and key in place. Refuses to replace a
    database that holds data unless `force`. The database is written through the
    backup API into the target file, so a process that still has it open sees
    either the old or the restored data, never a torn file."""
    with tarfile.open(archive, mode="r:gz") as tar:
        members = _safe_members(tar)
        names = {member.name for member in members}
        has_database = DATABASE_MEMBER in names
        if has_database and paths.database is None:
            raise ValueError(
                "this archive holds a SQLite database, but DATABASE_URL points to "
                "PostgreSQL"
            )
        if has_database and database_holds_data(paths.database) and not force:
            raise RestoreRefused(paths.database)
        with tempfile.TemporaryDirectory() as work:
            work = Path(work)
            os.chmod(work, PRIVATE_DIR_MODE)
            counts = {}
            if has_database:
                paths.database.parent.mkdir(parents=True, exist_ok=True)
                extracted = work / DATABASE_MEMBER
                with (
                    tar.extractfile(DATABASE_MEMBER) as source,
                    open(extracted, "wb") as out,
                ):
                    shutil.copyfileobj(source, out)
                with sqlite3.connect(extracted) as db:
                    result = db.execute("PRAGMA integrity_check").fetchone()[0]
                db.close()
                if result != "ok":
                    raise sqlite3.DatabaseError(f"the archive's database: {result}")
                private_file_ensure(paths.database)
                with (
                    sqlite3.connect(extracted) as src,
                    sqlite3.connect(paths.database) as dst,
                ):
                    dst.execute("PRAGMA busy_timeout = 10000")
                    src.backup(dst)
                src.close()
                dst.close()
                counts = _table_counts(paths.database)
            has_key = KEY_MEMBER in names
            if has_key:
                paths.secret_key.parent.mkdir(parents=True, exist_ok=True)
                partial = paths.secret_key.with_name(
                    paths.secret_key.name + ".restoring"
                )
                partial.unlink(missing_ok=True)
                private_file_ensure(
                    partial, tar.extractfile(KEY_MEMBER).read().decode()
                )
                os.replace(partial, paths.secret_key)
            media_files = 0
            for member in members:
                name = PurePosixPath(member.name)
                if name.parts[0] != MEDIA_MEMBER:
                    continue
                target = paths.media_root.joinpath(*name.parts[1:])
                parent = target.parent
                if not parent.exists():
                    parent.mkdir(parents=True, mode=MEDIA_DIR_MODE)
                with tar.extractfile(member) as source:
                    partial = target.with_name(target.name + ".restoring")
                    fd = os.open(
                        partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, MEDIA_FILE_MODE
                    )
                    with os.fdopen(fd, "wb") as out:
                        shutil.copyfileobj(source, out)
                    os.replace(partial, target)
                media_files += 1
    return RestoreResult(
        has_database=has_database,
        has_secret_key=has_key,
        media_files=media_files,
        counts=counts,
    )


def data_paths() -> DataPaths:
    """This installation's paths, from the settings."""
    from django.conf import settings

    from config.env import DATA_DIR

    database = settings.DATABASES["default"]
    is_sqlite = database["ENGINE"] == "django.db.backends.sqlite3"
    return DataPaths(
        database=Path(database["NAME"]) if is_sqlite else None,
        media_root=Path(settings.MEDIA_ROOT),
        secret_key=DATA_DIR / "secret_key",
    )


PG_DUMP_GUIDANCE = """\
The database is PostgreSQL: back it up with its own tool, at the same moment:
    pg_dump --format=custom --file=mitplan-{stamp}.pgdump "$DATABASE_URL"
and restore it into an empty database with:
    pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" mitplan-{stamp}.pgdump
(pg_dump reads one consistent snapshot while the site keeps running.)"""
