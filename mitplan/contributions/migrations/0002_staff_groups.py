"""The two staff roles of a participation process, as Wagtail groups, in the first
version. Installs that ran this keep its groups: processes 0005 links them to their
roles. The roles are now created after every migrate by processes.roles, so on a
new install this does nothing."""

from django.db import migrations

class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("moderation", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
