import factory

from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.moderation.models import Report


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    contribution = factory.SubFactory(ContributionFactory)
    reason = Report.Reason.choices[0][0]
