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
from mitplan.core import privacy
from mitplan.core.privacy import Person

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


ADMIN_LAST_NAME = "mitplan"


@transaction.atomic
def admin_ensure() -> tuple[object, str | None]:
    """Create the admin account if no superuser exists. Returns (user, password):
    the password from MITPLAN_ADMIN_PASSWORD or generated and kept in an untracked file."""
    User = get_user_model()
    existing = User.objects.filter(is_superuser=True).order_by("pk").first()
    if existing:
        if existing.username == "admin" and not existing.last_name:
            # Wagtail's account settings require both names: without one the
            # first admin could not save their language.
            existing.last_name = ADMIN_LAST_NAME
            existing.save(update_fields=["last_name"])
        return existing, None
    password = env.str("MITPLAN_ADMIN_PASSWORD", default="") or secrets.token_urlsafe(
        12
    )
    user = User.objects.create_superuser(
        username="admin",
        email=env.str("MITPLAN_ADMIN_EMAIL", default="admin@example.org"),
        password=password,
        first_name="Admin",
        last_name=ADMIN_LAST_NAME,
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


def person(user) -> Person:
    from allauth.account.models import EmailAddress

    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    } - {""}
    return Person(user=user, addresses=frozenset(addresses))


def personal_data(user) -> dict:
    """Everything kept about a signed-in resident, for the download they can ask for
    at any time (GDPR Art. 15 and 20): what every app declares in the privacy
    registry (the account, contributions with what became of them, comments,
    supports, e-mail subscriptions, …)."""
    return privacy.export(person(user))


@transaction.atomic
def account_delete(user) -> None:
    """Delete a resident's account. Every app erases what it declared: what others
    could read stays, without a name (published contributions and comments); what
    was never public goes; supports are withdrawn and their counts follow; e-mail
    subscriptions of the account's addresses end."""
    from django.core.exceptions import PermissionDenied

    if user.is_staff or user.is_superuser:
        # Staff accounts carry the audit trail; administrators remove them.
        raise PermissionDenied
    privacy.erase(person(user))
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
