"""A new city's install: `migrate` on an empty database, without the demo, gives a
usable platform in ten languages (cms.setup's post_migrate handler).

This is also where the real migrations run, on the database the suite runs on
(SQLite, or a new PostgreSQL database): the other tests build their databases from
the models (--nomigrations)."""

import json
import os
import subprocess
import sys

from django.conf import settings

from tests.databases import database_drop, throwaway_database

CHECK = """
import json
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from mitplan.cms.models import HomePage
from mitplan.processes.roles import ROLES, group_of
site = Site.objects.get(is_default_site=True)
print(json.dumps({
    "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
    "synchronised": LocaleSynchronization.objects.count(),
    "homes": HomePage.objects.count(),
    "placeholders": Page.objects.filter(depth=2).exclude(
        pk__in=HomePage.objects.values("pk")).count(),
    "site_root_is_home": HomePage.objects.filter(pk=site.root_page_id).exists(),
    "roles": sorted(Group.objects.values_list("name", flat=True)),
    "grants": {
        role.key: sorted(
            f"{p.content_type.app_label}.{p.codename}"
            for p in group_of(role).permissions.all()
        )
        for role in ROLES
    },
}))
"""


def test_migrate_without_the_demo_gives_ten_languages_and_a_home(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    database = throwaway_database(tmp_path, "fresh")
    env.update(
        MITPLAN_DATA_DIR=str(tmp_path),
        MITPLAN_LOAD_DEMO="false",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=database,
    )
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    try:
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v0"], env=env, check=True, timeout=300
        )
        found = subprocess.run(
            [*manage, "shell", "-c", CHECK],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        database_drop(database)
    state = json.loads(found.stdout.strip().splitlines()[-1])
    assert state["locales"] == sorted(code for code, _name in settings.LANGUAGES)
    assert state["synchronised"] == len(settings.LANGUAGES) - 1
    assert state["homes"] == len(settings.LANGUAGES)  # the German one and its mirrors
    assert state["placeholders"] == 0  # Wagtail's "Welcome" page is gone
    assert state["site_root_is_home"]
    assert {"Prozessverantwortliche", "Fachgruppen"} <= set(state["roles"])
    # Each app granted its part of a role (processes.roles).
    assert "contributions.change_statement" in state["grants"]["process_owners"]
    assert "moderation.change_report" in state["grants"]["process_owners"]
    assert "processes.change_process" in state["grants"]["process_owners"]
    assert state["grants"]["expert_groups"] == [
        "contributions.view_contribution",
        "wagtailadmin.access_admin",
    ]
