"""How `make run` serves: uvicorn through config.serve, and mails that name the
address it serves on."""

import os
import subprocess
import sys

from django.conf import settings


def _make_run_commands(*variables: str) -> str:
    result = subprocess.run(
        ["make", "-n", "run", *variables],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def test_make_run_serves_through_the_asgi_server_on_the_given_address():
    commands = _make_run_commands("HOST=127.0.0.2", "PORT=8123")
    serve = next(line for line in commands.splitlines() if "config.serve" in line)
    assert "--host 127.0.0.2 --port 8123" in serve
    assert "MITPLAN_SERVE_URL=http://127.0.0.2:8123" in serve
    assert "gunicorn" not in commands


def _settings_under(**variables) -> list[str]:
    unset = {
        "SITE_URL",
        "ALLOWED_HOSTS",
        "MITPLAN_SERVE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(variables, DJANGO_SETTINGS_MODULE="config.settings.dev")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SITE_URL, s.WAGTAILADMIN_BASE_URL, ','.join(s.ALLOWED_HOSTS))",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split()


def test_site_url_follows_where_make_run_serves():
    site, admin, hosts = _settings_under(MITPLAN_SERVE_URL="http://192.0.2.7:8080")
    assert site == admin == "http://192.0.2.7:8080"
    assert "192.0.2.7" in hosts.split(",")


def test_a_site_url_that_is_set_wins():
    site, _admin, _hosts = _settings_under(
        SITE_URL="https://mitplan.example.org",
        MITPLAN_SERVE_URL="http://192.0.2.7:8080",
    )
    assert site == "https://mitplan.example.org"


def test_the_browser_tests_start_the_server_as_make_run_does():
    conftest = (settings.BASE_DIR / "tests" / "e2e" / "conftest.py").read_text()
    assert '"config.serve"' in conftest
    assert "gunicorn" not in conftest.split("def server", 1)[1].split("def browser")[0]


def test_make_setup_makes_existing_data_private():
    commands = subprocess.run(
        ["make", "-n", "setup"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "manage.py make_data_private" in commands
