from django.core.management.base import BaseCommand

from mitplan.search.indexing import index_rebuild


class Command(BaseCommand):
    help = (
        "Empty the site search index and fill it again from everything the apps "
        "register as findable (after a restore, an import or a change of dictionary)."
    )

    def handle(self, *args, **options):
        count = index_rebuild()
        self.stdout.write(f"Indexed {count} search entries.")
