from django.conf import settings
from django.core.management.base import BaseCommand

from mitplan.accounts.services import admin_login_hint


class Command(BaseCommand):
    help = "Print where the site runs and how staff sign in."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="", help="default: SITE_URL")

    def handle(self, *args, url, **options):
        url = (url or settings.SITE_URL).rstrip("/")
        self.stdout.write(
            "\n"
            f"  mitplan runs on   {url}/\n"
            f"  Staff admin       {url}/admin/  —  {admin_login_hint()}\n"
        )
