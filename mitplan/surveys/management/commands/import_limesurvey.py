"""Import a LimeSurvey survey structure (.lss) as a new survey of a process, or
with --dry-run only say what the import would do. Prints the report: every
question with its kind, languages and condition, and every problem by question
code with its reason."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from mitplan.processes.models import Process
from mitplan.surveys.limesurvey import (
    MAX_BYTES,
    ImportRefused,
    import_structure,
    report_lines,
    too_large,
)


class Command(BaseCommand):
    help = "Import a LimeSurvey survey structure file (.lss) into a process."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .lss file LimeSurvey exported")
        parser.add_argument(
            "--process", required=True, help="the slug of the process to import into"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and print the report, write nothing",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        process = Process.objects.filter(slug=options["process"]).first()
        if process is None:
            raise CommandError(
                _("There is no process with the slug “%(slug)s”.")
                % {"slug": options["process"]}
            )
        try:
            if path.stat().st_size > MAX_BYTES:  # refused before it is read
                raise CommandError(" ".join(too_large().messages))
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("The file %(path)s cannot be read: %(error)s")
                % {"path": path, "error": error.strerror or error}
            ) from None
        try:
            report = import_structure(data, process=process, dry_run=options["dry_run"])
        except ImportRefused as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write("\n".join(report_lines(report)))
