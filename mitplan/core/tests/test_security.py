import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import RequestFactory

from mitplan.core.ratelimits import Limit, subject_key

pytestmark = pytest.mark.django_db


def test_public_pages_have_a_strict_content_security_policy(client):
    policy = client.get("/de/lip/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_security_headers(client):
    response = client.get("/de/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def client_key(group, request) -> str:
    """What a per-client limit stores for this request."""
    limit = Limit.per_client(request, group, "1/h")
    return subject_key(limit.group, limit.subject)


def test_rate_limit_key_never_contains_the_address():
    request = RequestFactory().post(
        "/", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Test"
    )
    key = client_key("group", request)
    assert "203.0.113.77" not in key
    assert len(key) == 64
    other = RequestFactory().post(
        "/", REMOTE_ADDR="203.0.113.78", HTTP_USER_AGENT="Test"
    )
    assert client_key("group", other) != key
    assert client_key("group", request) == key
    # What the client chooses does not change its key.
    disguised = RequestFactory().post(
        "/", REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="Another browser"
    )
    assert client_key("group", disguised) == key


def test_rate_limit_key_behind_a_proxy_uses_the_forwarded_address(settings):
    settings.MITPLAN_PROXY_COUNT = 1
    one = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1"
    )
    two = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2"
    )
    assert client_key("g", one) != client_key("g", two)


def test_no_model_stores_an_ip_address():
    from django.apps import apps
    from django.db import models

    ours = [m for m in apps.get_models() if m.__module__.startswith("mitplan.")]
    assert ours
    for model in ours:
        for field in model._meta.get_fields():
            assert not isinstance(field, models.GenericIPAddressField), (model, field)
            assert "ip_address" not in field.name


def test_health_check(client):
    assert client.get("/healthz").json()["status"] == "ok"


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-production-secret-that-is-long-enough-" + "x" * 40,
        "ALLOWED_HOSTS": "mitplan.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "MITPLAN_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
