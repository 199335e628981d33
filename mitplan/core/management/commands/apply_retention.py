"""Delete personal data whose time is up. Run it daily (cron, a systemd timer or a
Kubernetes CronJob): `python manage.py apply_retention`. What expires, and when, each
app declares in the privacy registry (mitplan.core.privacy)."""

from django.core.management.base import BaseCommand

from mitplan.core import privacy


class Command(BaseCommand):
    help = "Delete personal data past its retention time (see the privacy registry)."

    def handle(self, *args, **options):
        said = [
            declaration.expired.format(count=count)
            for declaration, count in privacy.expire()
        ]
        if not said:
            self.stdout.write("Nothing in the privacy registry expires.")
            return
        listed = (
            said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]
        )
        self.stdout.write(f"Deleted {listed}.")
