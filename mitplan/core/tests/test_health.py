"""`/healthz`: what a load balancer needs to know, and only what is true."""

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import override_settings

pytestmark = pytest.mark.django_db


def _make_read_only():
    """The database refuses writes the way a read-only file or volume does."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET transaction_read_only = on")


def _make_writable():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")


def test_healthy_app_reports_each_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_the_database_check_writes_and_leaves_no_growing_data(client):
    from mitplan.core.models import HealthProbe

    for _ in range(3):
        assert client.get("/healthz").status_code == 200
    assert HealthProbe.objects.count() == 1


def test_a_database_that_refuses_writes_answers_503(client):
    _make_read_only()
    try:
        response = client.get("/healthz")
    finally:
        _make_writable()
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "down"
    assert "no-store" in response["Cache-Control"]


class BrokenCache(LocMemCache):
    """A cache whose server is gone (Redis stopped): every call raises."""

    def get(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    def set(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")


class ForgetfulCache(LocMemCache):
    """A cache that swallows errors and so forgets what it was given."""

    def set(self, *args, **kwargs):
        return None


@pytest.mark.parametrize("backend", ["BrokenCache", "ForgetfulCache"])
def test_a_cache_that_is_down_is_reported_without_taking_the_app_out(client, backend):
    # Django rebuilds its cache handlers when CACHES changes under a test.
    with override_settings(CACHES={"default": {"BACKEND": f"{__name__}.{backend}"}}):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


@override_settings(SECURE_SSL_REDIRECT=True)
def test_health_answers_on_plain_http_under_an_https_redirect(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    # Everything else still goes to HTTPS.
    assert client.get("/de/").status_code == 301


@override_settings(ALLOWED_HOSTS=["mitplan.example.org"], SECURE_SSL_REDIRECT=True)
def test_health_answers_a_probe_that_names_the_instance_by_its_address(client):
    response = client.get("/healthz", HTTP_HOST="192.0.2.5:8000")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    # The host check still guards every page.
    assert client.get("/de/", HTTP_HOST="192.0.2.5:8000").status_code == 400
