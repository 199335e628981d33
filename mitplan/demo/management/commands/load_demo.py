from django.core.management.base import BaseCommand

from config.env import env
from mitplan.accounts.services import admin_ensure
from mitplan.demo.services import demo_load, demo_translations_load


class Command(BaseCommand):
    help = (
        "Create the admin account and the demo process (Local Integration Plan 2.0) "
        "if the database has none yet. Existing data is kept; an existing demo "
        "gains the demo translations it lacks (texts staff wrote are kept)."
    )

    def handle(self, *args, **options):
        _user, password = admin_ensure()
        if password:
            self.stdout.write("Created the admin account.")
        if not env.bool("MITPLAN_LOAD_DEMO", default=True):
            self.stdout.write("MITPLAN_LOAD_DEMO is off; no demo content loaded.")
        elif demo_load():
            self.stdout.write(
                "Loaded the demo process “Lokaler Integrationsplan (LIP) 2.0”."
            )
        else:
            added = demo_translations_load()
            if added:
                self.stdout.write(
                    f"Content exists already and is kept; added {added} missing "
                    "translations of the demo texts."
                )
            else:
                self.stdout.write(
                    "Content exists already; nothing loaded, your data is kept."
                )
