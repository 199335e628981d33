import datetime

import factory

from mitplan.processes.models import (
    Advisor,
    ExpertGroup,
    ExpertGroupMember,
    FieldOfAction,
    Phase,
    Process,
)


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    title_de = factory.Sequence(lambda n: f"Prozess {n}")
    slug = factory.Sequence(lambda n: f"prozess-{n}")
    status = Process.Status.ACTIVE


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory)
    title_de = factory.Sequence(lambda n: f"Phase {n}")
    starts_on = datetime.date(2020, 1, 1)
    ends_on = datetime.date(2020, 1, 31)


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction

    process = factory.SubFactory(ProcessFactory)
    name_de = factory.Sequence(lambda n: f"Handlungsfeld {n}")
    slug = factory.Sequence(lambda n: f"feld-{n}")
    summary_de = "Kurzbeschreibung"


class AdvisorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Advisor

    name = factory.Sequence(lambda n: f"Beraterin Beispiel {n}")
    email = factory.Sequence(lambda n: f"beraterin{n}@example.org")
    languages = ["de"]


class ExpertGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertGroup

    field_of_action = factory.SubFactory(FieldOfActionFactory)
    name = factory.Sequence(lambda n: f"Fachgruppe {n}")


class ExpertGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertGroupMember

    group = factory.SubFactory(ExpertGroupFactory)
    name = factory.Sequence(lambda n: f"Erika Beispiel {n}")
