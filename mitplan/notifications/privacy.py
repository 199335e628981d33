"""Personal data of notifications: the addresses that asked for mail about something."""

from django.conf import settings

from mitplan.core.privacy import Person, PersonalData, register

from .models import Subscription


def _export(person: Person) -> list[dict]:
    return [
        {
            "about": topic,
            "email": email,
            "confirmed": confirmed_at is not None,
        }
        for topic, email, confirmed_at in Subscription.objects.filter(
            email__in=person.addresses
        ).values_list("topic", "email", "confirmed_at")
    ]


def _erase(person: Person) -> None:
    Subscription.objects.filter(email__in=person.addresses).delete()


def _expire() -> int:
    from .services import unconfirmed_subscriptions_purge

    return unconfirmed_subscriptions_purge(
        older_than_days=settings.RETENTION_UNCONFIRMED_SUBSCRIPTION_DAYS
    )


register(
    PersonalData(
        name="email_subscriptions",
        order=50,
        fields=("notifications.Subscription.email",),
        export=_export,
        erase=_erase,
        expire=_expire,
        expired="{count} unconfirmed subscription(s)",
    )
)
