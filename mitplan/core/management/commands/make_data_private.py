"""`manage.py make_data_private` (run by `make setup`): narrow the modes of what an
older installation created world-readable — data dir 0700, database, -wal, -shm,
secret key and admin password 0600, media 0640 (folders 0750)."""

from django.core.management.base import BaseCommand

from config.env import DATA_DIR
from mitplan.core.datastore import data_make_private, data_paths


class Command(BaseCommand):
    help = "Make the data directory, database, secret key and media private."

    def handle(self, *args, **options):
        changed = data_make_private(DATA_DIR, data_paths())
        for path in changed:
            self.stdout.write(f"  made private: {path}")
        if options["verbosity"] > 1 or changed:
            self.stdout.write(
                f"Data in {DATA_DIR} is private ({len(changed)} changed)."
            )
