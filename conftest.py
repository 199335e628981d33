"""Shared fixtures: every test database starts with the demo process loaded once,
and each test runs in a transaction that is rolled back."""

import pytest
from django.core.cache import cache


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Test databases are built from the models (--nomigrations in pyproject.toml):
    # a third of the time of running the migrations. What migrations add beside
    # tables comes from post_migrate handlers, as on a real install, and the cache
    # table from here; the migrations themselves run in test_fresh_install.
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from mitplan.demo.services import demo_load

    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
        # wagtail-localize reads the migration table (its schema version); without
        # migrations PostgreSQL has none.
        MigrationRecorder(connection).ensure_schema()
        demo_load()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and duplicate guards live in the cache; tests must not share them.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def process(db):
    from mitplan.processes.models import Process

    return Process.objects.get(slug="lip-2")


@pytest.fixture
def advisor(db):
    from mitplan.processes.models import Advisor

    return Advisor.objects.order_by("pk").first()


@pytest.fixture
def client():
    """Django's test client, sending the Origin header browsers send on POST."""
    from django.test import Client

    return Client(headers={"Origin": "http://testserver"})


@pytest.fixture
def cache_down(monkeypatch):
    """The default cache is a Redis nobody listens on, for every module (also those
    that imported `cache` before): what a stopped Redis looks like to the code."""
    import socket

    from django.core.cache import caches

    from mitplan.core import cache as degrading

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    monkeypatch.setattr(degrading, "_health", {})
    down = degrading.DegradingRedisCache(
        f"redis://127.0.0.1:{port}/0", {"OPTIONS": {"socket_connect_timeout": 0.5}}
    )
    monkeypatch.setattr(caches._connections, "default", down, raising=False)
    return down


def staff_member(username: str, role, **fields):
    """A signed-in staff account in one of the roles (processes.roles), found by
    its key, whatever its group is called."""
    from django.contrib.auth import get_user_model

    from mitplan.processes.roles import group_of

    user = get_user_model().objects.create_user(
        username=username, password="x" * 12, **fields
    )
    user.groups.add(group_of(role))
    return get_user_model().objects.get(pk=user.pk)  # no cached permissions


@pytest.fixture
def process_owner(db):
    from mitplan.processes.roles import PROCESS_OWNERS

    return staff_member("owner", PROCESS_OWNERS)
