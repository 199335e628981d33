"""Personal data of comments: what a signed-in resident wrote."""

from mitplan.core.privacy import Person, PersonalData, register

from .models import Comment


def _export(person: Person) -> list[dict]:
    return [
        {
            "id": comment.pk,
            "contribution": comment.contribution_id,
            "text": comment.text,
            "pseudonym": comment.pseudonym,
            "written_at": comment.created_at.isoformat(),
            "hidden_by_the_moderation": comment.is_hidden,
        }
        for comment in Comment.objects.filter(author=person.user).order_by("pk")
    ]


def _erase(person: Person) -> None:
    # What others could read stays, without a name.
    Comment.objects.filter(author=person.user).update(author=None, pseudonym="")


register(
    PersonalData(
        name="comments",
        order=30,
        fields=("comments.Comment.author",),
        export=_export,
        erase=_erase,
    )
)
