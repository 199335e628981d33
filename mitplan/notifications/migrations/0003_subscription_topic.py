"""Subscriptions name what they follow as a topic ("contribution:41") instead of a
foreign key to contributions, so any app can offer mail about its things."""

from django.db import migrations, models


def topics_from_contributions(apps, schema_editor):
    Subscription = apps.get_model("notifications", "Subscription")
    for pk, contribution_id in Subscription.objects.values_list(
        "pk", "contribution_id"
    ).iterator():
        Subscription.objects.filter(pk=pk).update(
            topic=f"contribution:{contribution_id}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_subscription_is_author"),
        ("contributions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="subscription",
            name="topic",
            field=models.CharField(default="", max_length=100, verbose_name="topic"),
            preserve_default=False,
        ),
        # One way only: a topic of another kind has no contribution to go back to.
        migrations.RunPython(topics_from_contributions),
        migrations.RemoveConstraint(
            model_name="subscription", name="subscription_once_per_address"
        ),
        migrations.RemoveField(model_name="subscription", name="contribution"),
        migrations.AddConstraint(
            model_name="subscription",
            constraint=models.UniqueConstraint(
                fields=("topic", "email"), name="subscription_once_per_topic"
            ),
        ),
    ]
