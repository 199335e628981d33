"""Accounts: the first staff account (made by `make setup` so a fresh install can be
opened), a resident's own data (download, deletion), and the retention of sign-ups
that were never confirmed."""

import hashlib
import secrets
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from config.env import DATA_DIR, env, private_file_ensure

PASSWORD_DIR: Path = DATA_DIR


def password_file(settings_dict: dict | None = None) -> Path:
    """Where the generated admin password of a database is kept: one file per
    database (engine, host, port, name), so that `make run` against a second
    DATABASE_URL neither overwrites nor shows the first one's password."""
    from django.db import connection

    database = settings_dict or connection.settings_dict
    identity = "|".join(
        str(database.get(key) or "") for key in ("ENGINE", "HOST", "PORT", "NAME")
    )
    return (
        PASSWORD_DIR
        / f"admin_password-{hashlib.sha256(identity.encode()).hexdigest()[:12]}"
    )


def _legacy_password_file() -> Path | None:
    """Installations from before the per-database files kept one `admin_password`
    for the default SQLite database."""
    from django.db import connection

    default_database = str(DATA_DIR / "db.sqlite3")
    if str(connection.settings_dict.get("NAME")) == default_database:
        return PASSWORD_DIR / "admin_password"
    return None


@transaction.atomic
def admin_ensure() -> tuple[object, str | None]:
    """Create the admin account if no superuser exists. Returns (user, password):
    the password from MITPLAN_ADMIN_PASSWORD or generated and kept in an untracked file."""
    User = get_user_model()
    existing = User.objects.filter(is_superuser=True).order_by("pk").first()
    if existing:
        return existing, None
    password = env.str("MITPLAN_ADMIN_PASSWORD", default="") or secrets.token_urlsafe(
        12
    )
    user = User.objects.create_superuser(
        username="admin",
        email=env.str("MITPLAN_ADMIN_EMAIL", default="admin@example.org"),
        password=password,
        first_name="Admin",
    )
    path = password_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a database made anew under the same name
    private_file_ensure(path, password)
    return user, password


def admin_login_hint() -> str:
    path = password_file()
    legacy = _legacy_password_file()
    if not path.exists() and legacy and legacy.exists():
        path = legacy
    password = path.read_text().strip() if path.exists() else None
    if password:
        return f"user 'admin', password '{password}' (unless you changed it)"
    return "the admin account you set up (MITPLAN_ADMIN_PASSWORD)"


def personal_data(user) -> dict:
    """Everything kept about a signed-in resident, for the download they can ask for
    at any time (GDPR Art. 15 and 20): addresses, contributions with what became of
    them, comments, supports and e-mail subscriptions."""
    from allauth.account.models import EmailAddress

    from mitplan.comments.models import Comment
    from mitplan.contributions.models import Support
    from mitplan.contributions.selectors import contributions_of_author
    from mitplan.notifications.models import Subscription

    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    } - {""}
    return {
        "account": {
            "email_addresses": sorted(addresses),
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "contributions": [
            {
                "id": c.pk,
                "process": c.process.slug,
                "field_of_action": c.field_of_action.slug,
                "kind": c.kind,
                "title": c.title,
                "text": c.text,
                "language": c.language,
                "pseudonym": c.pseudonym,
                "sent_at": c.created_at.isoformat(),
                "moderation": c.moderation_state,
                "reason_given_by_the_moderation": c.moderation_reason,
                "processing": c.processing_state,
            }
            for c in contributions_of_author(user)
        ],
        "comments": [
            {
                "id": comment.pk,
                "contribution": comment.contribution_id,
                "text": comment.text,
                "pseudonym": comment.pseudonym,
                "written_at": comment.created_at.isoformat(),
                "hidden_by_the_moderation": comment.is_hidden,
            }
            for comment in Comment.objects.filter(author=user).order_by("pk")
        ],
        "supports": [
            {"contribution": contribution_id, "at": at.isoformat()}
            for contribution_id, at in Support.objects.filter(user=user)
            .order_by("pk")
            .values_list("contribution_id", "created_at")
        ],
        "email_subscriptions": [
            {
                "contribution": contribution_id,
                "email": email,
                "confirmed": confirmed_at is not None,
            }
            for contribution_id, email, confirmed_at in Subscription.objects.filter(
                email__in=addresses
            ).values_list("contribution_id", "email", "confirmed_at")
        ],
    }


@transaction.atomic
def account_delete(user) -> None:
    """Delete a resident's account. What others could read stays, without a name:
    published contributions and comments lose author and pseudonym. What was never
    public (waiting or rejected contributions) goes; supports are withdrawn and
    their counts follow; e-mail subscriptions of the account's addresses end."""
    from allauth.account.models import EmailAddress
    from django.core.exceptions import PermissionDenied
    from django.db.models import F

    from mitplan.comments.models import Comment
    from mitplan.contributions.models import Contribution, Support
    from mitplan.notifications.models import Subscription

    if user.is_staff or user.is_superuser:
        # Staff accounts carry the audit trail; administrators remove them.
        raise PermissionDenied
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    } - {""}
    own = Contribution.objects.filter(author=user)
    own.filter(
        moderation_state__in=[
            Contribution.Moderation.PENDING,
            Contribution.Moderation.REJECTED,
        ]
    ).delete()
    own.update(author=None, pseudonym="")
    Comment.objects.filter(author=user).update(author=None, pseudonym="")
    supported = list(
        Support.objects.filter(user=user).values_list("contribution_id", flat=True)
    )
    Contribution.objects.filter(pk__in=supported).update(
        support_count=F("support_count") - 1
    )
    Support.objects.filter(user=user).delete()
    Subscription.objects.filter(email__in=addresses).delete()
    user.delete()


def unverified_accounts_purge(*, older_than_days: int) -> int:
    """Delete sign-ups whose address was never confirmed (retention): such an account
    could never sign in, so it holds nothing but the address."""
    from allauth.account.models import EmailAddress
    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    cutoff = timezone.now() - timedelta(days=older_than_days)
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    stale = (
        get_user_model()
        .objects.filter(
            is_staff=False,
            is_superuser=False,
            last_login__isnull=True,
            date_joined__lt=cutoff,
        )
        .exclude(Exists(verified))
    )
    count = 0
    for user in stale.iterator():
        account_delete(user)
        count += 1
    return count
