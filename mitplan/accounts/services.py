"""The first staff account, made by `make setup` so a fresh install can be opened."""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from config.env import DATA_DIR, env

PASSWORD_FILE: Path = DATA_DIR / "admin_password"


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
    PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
    PASSWORD_FILE.write_text(password)
    PASSWORD_FILE.chmod(0o600)
    return user, password


def admin_login_hint() -> str:
    password = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else None
    if password:
        return f"user 'admin', password '{password}' (unless you changed it)"
    return "the admin account you set up (MITPLAN_ADMIN_PASSWORD)"
