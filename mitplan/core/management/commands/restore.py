"""`manage.py restore ARCHIVE`: put a backup's database, media and key in place."""

from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from mitplan.core.datastore import (
    PG_DUMP_GUIDANCE,
    RestoreRefused,
    backup_restore,
    data_paths,
)


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup`. Refuses to replace a "
        "database that holds data unless --force is given; stop the server first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database, media files and key that are there now.",
        )

    def handle(self, *args, archive, force, **options):
        if not archive.is_file():
            raise CommandError(f"No archive at {archive}.")
        paths = data_paths()
        try:
            result = backup_restore(archive, paths, force=force)
        except RestoreRefused as refused:
            raise CommandError(
                f"{refused} holds data and may be in use. Stop the server (make run, "
                "gunicorn, the task worker), then run again with --force to replace it."
            ) from refused
        except ValueError as error:
            raise CommandError(str(error)) from error
        if result.has_database:
            counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
            self.stdout.write(f"Database restored to {paths.database} ({counts})")
        else:
            self.stdout.write(
                self.style.WARNING(
                    "This archive holds no database.\n"
                    + PG_DUMP_GUIDANCE.format(stamp="…")
                )
            )
        self.stdout.write(f"Media: {result.media_files} file(s) in {paths.media_root}")
        if result.has_secret_key:
            self.stdout.write(f"Secret key restored to {paths.secret_key}")
        # The cache (files in the data dir, Redis or the database table) still holds
        # pages and counts of the data before.
        try:
            cache.clear()
            self.stdout.write("Cache cleared. Start the server again.")
        except Exception as error:  # noqa: BLE001 - the restore itself succeeded
            self.stdout.write(
                self.style.WARNING(
                    f"The cache could not be cleared ({error}); clear it before "
                    "starting the server, it holds pages of the data before."
                )
            )
