"""Personal data of the accounts app: the account and its e-mail addresses."""

from django.conf import settings

from mitplan.core.privacy import Person, PersonalData, register


def _export(person: Person) -> dict:
    user = person.user
    return {
        "email_addresses": sorted(person.addresses),
        "joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def _expire() -> int:
    from .services import unverified_accounts_purge

    return unverified_accounts_purge(
        older_than_days=settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS
    )


register(
    PersonalData(
        name="account",
        order=0,
        fields=(
            "accounts.User.email",
            "account.EmailAddress.user",
            "account.EmailAddress.email",
        ),
        export=_export,
        expire=_expire,
        expired="{count} never-confirmed account(s)",
        why="The account and its addresses go when account_delete deletes the user.",
    )
)
