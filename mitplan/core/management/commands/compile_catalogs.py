"""Compile the gettext catalogs (.po → .mo) with polib, so no machine needs GNU gettext
just to run the site."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile mitplan's translation catalogs (.po) into .mo files."

    def handle(self, *args, **options):
        count = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if (
                    mo_path.exists()
                    and mo_path.stat().st_mtime >= po_path.stat().st_mtime
                ):
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        self.stdout.write(f"Compiled {count} catalog(s).")
