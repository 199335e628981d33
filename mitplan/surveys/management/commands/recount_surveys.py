"""Recount every survey's tallies from its stored responses."""

from django.core.management.base import BaseCommand, CommandError

from mitplan.surveys.models import Survey
from mitplan.surveys.services import tallies_recount


class Command(BaseCommand):
    help = (
        "Count every survey's answers again from the stored responses and compare "
        "with the tallies the results are read from; exit status 1 if any differ. "
        "--fix replaces the tallies by the recount (best while the survey is quiet)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Correct what differs (else only say)."
        )
        parser.add_argument("--survey", type=int, help="Only the survey with this id.")

    def handle(self, *args, fix=False, survey=None, **options):
        surveys = Survey.objects.select_related("process").order_by("pk")
        if survey is not None:
            surveys = surveys.filter(pk=survey)
        drifted = 0
        checked = 0
        for each in surveys.iterator():
            checked += 1
            drift = tallies_recount(each, fix=fix)
            if not drift.differences:
                continue
            drifted += 1
            self.stdout.write(f"{each.process.slug}/{each.slug} (#{each.pk}):")
            for (
                question,
                key,
                source,
                group_by,
                group_key,
                stored,
                counted,
            ) in drift.differences:
                group = f" [{group_by}={group_key}]" if group_by else ""
                self.stdout.write(
                    f"  {question or '-'} {key} {source}{group}: "
                    f"stored {stored}, counted {counted}"
                    + (" – corrected" if fix else "")
                )
        said = f"{checked} survey(s) recounted, {drifted} with differences" + (
            " (corrected)." if fix and drifted else "."
        )
        if drifted and not fix:
            raise CommandError(said, returncode=1)
        self.stdout.write(said)
