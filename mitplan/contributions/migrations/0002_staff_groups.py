"""The two staff roles of a participation process, as Wagtail groups:
process owners moderate and publish statements; expert-group members see and answer
the contributions of their own group (the screens filter by membership)."""

from django.db import migrations

ROLES = {
    "Prozessverantwortliche": [
        ("wagtailadmin", "admin", "access_admin"),
        ("contributions", "contribution", "view_contribution"),
        ("contributions", "contribution", "change_contribution"),
        ("contributions", "statement", "view_statement"),
        ("contributions", "statement", "change_statement"),
        ("moderation", "report", "view_report"),
        ("moderation", "report", "change_report"),
        ("processes", "process", "view_process"),
        ("processes", "process", "change_process"),
    ],
    "Fachgruppen": [
        ("wagtailadmin", "admin", "access_admin"),
        ("contributions", "contribution", "view_contribution"),
    ],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, model, codename in permissions:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("moderation", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
