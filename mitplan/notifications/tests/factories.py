import factory

from mitplan.notifications.models import Subscription


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """An unconfirmed address following a topic ("contribution:41")."""

    class Meta:
        model = Subscription

    topic = factory.Sequence(lambda n: f"contribution:{n + 1}")
    email = factory.Sequence(lambda n: f"leserin{n}@example.org")
    language = "de"
