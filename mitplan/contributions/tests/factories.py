import factory

from mitplan.contributions.models import (
    Contribution,
    HistoryEntry,
    Statement,
    Support,
    Tag,
)
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


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    process = factory.LazyFunction(lambda: Process.objects.get(slug="lip-2"))
    group = "Stadtteil"
    name = factory.Sequence(lambda n: f"Stadtteil {n}")
    slug = factory.Sequence(lambda n: f"stadtteil-{n}")


class SupportFactory(factory.django.DjangoModelFactory):
    """One anonymous support (made directly: the contribution's count is the
    services' business, support_add)."""

    class Meta:
        model = Support

    contribution = factory.SubFactory(ContributionFactory)
    token_hash = factory.Sequence(lambda n: f"{n:064x}")


class StatementFactory(factory.django.DjangoModelFactory):
    """A draft statement of the contribution's field's expert group."""

    class Meta:
        model = Statement

    contribution = factory.SubFactory(ContributionFactory)
    expert_group = factory.LazyAttribute(
        lambda o: o.contribution.field_of_action.expert_group
    )
    outcome = Statement.Outcome.choices[0][0]
    text = "Die Fachgruppe nimmt die Idee in den Entwurf auf."


class HistoryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HistoryEntry

    contribution = factory.SubFactory(ContributionFactory)
    step = HistoryEntry.Step.RECEIVED
