import factory

from mitplan.contributions.models import Contribution
from mitplan.processes.models import FieldOfAction, Process


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    process = factory.LazyFunction(lambda: Process.objects.get(slug="lip-2"))
    field_of_action = factory.LazyAttribute(
        lambda o: FieldOfAction.objects.filter(process=o.process).order_by("pk").first()
    )
    kind = Contribution.Kind.IDEA
    title = factory.Sequence(lambda n: f"Idee Nummer {n}")
    text = "Mehr Sprachkurse am Abend, damit Eltern nach der Arbeit lernen können."
    language = "de"
    moderation_state = Contribution.Moderation.PUBLISHED
    published_at = factory.LazyFunction(
        __import__("django.utils.timezone").utils.timezone.now
    )
