"""`manage.py backup`: database, media and secret key in one dated, private archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from config.env import DATA_DIR
from mitplan.core.datastore import PG_DUMP_GUIDANCE, backup_create, data_paths


class Command(BaseCommand):
    help = (
        "Write var/backups/mitplan-YYYYmmdd-HHMMSS.tar.gz (mode 0600): the SQLite "
        "database copied consistently while the site runs, media and the secret key. "
        "On PostgreSQL: media and key, and how to run pg_dump for the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=DATA_DIR / "backups",
            help="Folder for the archive (default: $MITPLAN_DATA_DIR/backups).",
        )

    def handle(self, *args, output_dir, **options):
        paths = data_paths()
        if paths.database and "memory" in str(paths.database):
            raise CommandError("An in-memory database cannot be backed up.")
        if paths.database and not paths.database.exists():
            raise CommandError(f"There is no database at {paths.database}.")
        now = timezone.localtime()
        result = backup_create(paths, output_dir, now=now)
        self.stdout.write(f"Backup written to {result.archive}")
        if result.has_database:
            counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
            self.stdout.write(f"  database: consistent copy, integrity ok ({counts})")
        self.stdout.write(f"  media: {result.media_files} file(s)")
        if result.has_secret_key:
            self.stdout.write("  secret key: included (keep the archive private)")
        else:
            self.stdout.write(
                "  secret key: not included (SECRET_KEY comes from the environment; "
                "keep it with the backup)"
            )
        if not result.has_database:
            self.stdout.write(
                self.style.WARNING(
                    "  database: NOT in this archive.\n"
                    + PG_DUMP_GUIDANCE.format(stamp=f"{now:%Y%m%d-%H%M%S}")
                )
            )
