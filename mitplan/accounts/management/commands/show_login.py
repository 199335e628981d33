from django.core.management.base import BaseCommand

from mitplan.accounts.services import admin_login_hint


class Command(BaseCommand):
    help = "Print where the site runs and how staff sign in."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args, url, **options):
        url = url.rstrip("/")
        self.stdout.write(
            "\n"
            f"  mitplan runs on   {url}/\n"
            f"  Staff admin       {url}/admin/  —  {admin_login_hint()}\n"
        )
