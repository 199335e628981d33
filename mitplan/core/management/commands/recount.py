"""Recount the counts kept on rows (mitplan.core.counters) from the rows they count."""

from django.core.management.base import BaseCommand, CommandError

from mitplan.core.counters import counters, recount


class Command(BaseCommand):
    help = (
        "Compare every stored count (a contribution's supports and comments, …) "
        "with its rows; --fix corrects the ones that drifted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fix", action="store_true", help="Correct what drifted (else only say)."
        )

    def handle(self, *args, fix=False, **options):
        drifts = recount(fix=fix)
        for drift in drifts:
            self.stdout.write(
                f"{drift.counter} #{drift.pk}: stored {drift.stored}, "
                f"counted {drift.counted}" + (" – corrected" if fix else "")
            )
        names = ", ".join(counter.name for counter in counters())
        said = (
            f"{len(drifts)} count(s) drifted"
            + (" and were corrected" if fix and drifts else "")
            + f" ({names})."
        )
        if drifts and not fix:
            # A scheduled check fails, so that someone looks (and runs --fix).
            raise CommandError(said, returncode=1)
        self.stdout.write(said)
