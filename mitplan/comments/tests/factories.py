import factory

from mitplan.comments.models import Comment
from mitplan.contributions.tests.factories import ContributionFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """A visible comment (made directly: count it with `manage.py recount`, or use
    comments.services.comment_add where the contribution's count matters)."""

    class Meta:
        model = Comment

    contribution = factory.SubFactory(ContributionFactory)
    text = factory.Sequence(lambda n: f"Ein Kommentar, Nummer {n}.")
    language = "de"
