""".env.example lists exactly the variables the settings read (no database)."""

import re

from django.conf import settings

# Django reads it itself.
READ_ELSEWHERE = {"DJANGO_SETTINGS_MODULE"}
READ = re.compile(
    r"(?:\benv(?:\.\w+)?\(|os\.environ\.get\(|os\.environ\[|getenv\()"
    r"\s*\"([A-Z][A-Z0-9_]*)\""
)
# Set by the test runner or the Makefile for one run, not configuration.
NOT_CONFIGURATION = {"PYTEST_XDIST_WORKER", "DATABASE_URL_TEST"}


def test_the_example_lists_what_the_settings_read_and_nothing_else():
    base = settings.BASE_DIR
    sources = [*(base / "config").rglob("*.py"), *(base / "mitplan").rglob("*.py")]
    read = {
        name
        for path in sources
        if "tests" not in path.parts
        for name in READ.findall(path.read_text())
    } - NOT_CONFIGURATION
    assert {"SECRET_KEY", "REDIS_URL", "CONTRIBUTION_RATE", "MITPLAN_WARM_UP"} <= read
    listed = set(
        re.findall(
            r"^([A-Z][A-Z0-9_]*)=", (base / ".env.example").read_text(), re.MULTILINE
        )
    )
    assert read - listed == set(), "read by the settings, missing in .env.example"
    assert listed - read - READ_ELSEWHERE == set(), "listed but read by nothing"
