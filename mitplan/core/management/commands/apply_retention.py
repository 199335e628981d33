"""Delete personal data whose time is up. Run it daily (cron, a systemd timer or a
Kubernetes CronJob): `python manage.py apply_retention`."""

from django.conf import settings
from django.core.management.base import BaseCommand

from mitplan.accounts.services import unverified_accounts_purge
from mitplan.notifications.services import unconfirmed_subscriptions_purge


class Command(BaseCommand):
    help = "Delete unconfirmed e-mail subscriptions and never-confirmed sign-ups."

    def handle(self, *args, **options):
        subscriptions = unconfirmed_subscriptions_purge(
            older_than_days=settings.RETENTION_UNCONFIRMED_SUBSCRIPTION_DAYS
        )
        accounts = unverified_accounts_purge(
            older_than_days=settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS
        )
        self.stdout.write(
            f"Deleted {subscriptions} unconfirmed subscription(s) and "
            f"{accounts} never-confirmed account(s)."
        )
