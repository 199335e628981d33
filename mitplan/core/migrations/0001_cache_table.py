"""Without Redis the cache lives in the database, so that every app server process
shares rate limits and the cached navigation. Creating its table here means every
`migrate` (make setup, CI, production) has it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
