"""A phase's resident actions move from one column per action to a list of the codes
the apps declare (processes.actions), without losing a setting."""

from django.db import migrations

import mitplan.processes.models

COLUMNS = ("contributions", "comments", "supports")


def columns_to_codes(apps, schema_editor):
    Phase = apps.get_model("processes", "Phase")
    for phase in Phase.objects.all():
        phase.actions = [code for code in COLUMNS if getattr(phase, f"accepts_{code}")]
        phase.save(update_fields=["actions"])


def codes_to_columns(apps, schema_editor):
    Phase = apps.get_model("processes", "Phase")
    for phase in Phase.objects.all():
        for code in COLUMNS:
            setattr(phase, f"accepts_{code}", code in (phase.actions or []))
        phase.save(update_fields=[f"accepts_{code}" for code in COLUMNS])


class Migration(migrations.Migration):
    dependencies = [("processes", "0003_phase_participation")]

    operations = [
        migrations.AddField(
            model_name="phase",
            name="actions",
            field=mitplan.processes.models.ResidentActionsField(
                blank=True,
                default=list,
                verbose_name="Open to residents online while it runs",
            ),
        ),
        migrations.RunPython(columns_to_codes, codes_to_columns),
        migrations.RemoveField(model_name="phase", name="accepts_contributions"),
        migrations.RemoveField(model_name="phase", name="accepts_comments"),
        migrations.RemoveField(model_name="phase", name="accepts_supports"),
    ]
