"""The page cache's write hook never breaks the write it watches: with the cache in
the database (PostgreSQL without Redis) a fresh `migrate` ran into a cache table
that did not exist yet, and on PostgreSQL the failed cache query aborted the
migration's transaction."""

import pytest
from django.db import transaction
from django.test import override_settings

from mitplan.core import pagecache
from mitplan.processes.models import Process

pytestmark = pytest.mark.django_db

MISSING_TABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "no_such_cache_table",
    }
}


@override_settings(CACHES=MISSING_TABLE_CACHE)
def test_a_write_in_a_transaction_survives_a_cache_table_that_is_missing():
    assert pagecache._cache_in_the_database()
    with transaction.atomic():
        Process.objects.filter(slug="lip-2").update(mandate_reference="Drs. 1")
        # Still usable: on PostgreSQL an aborted transaction refuses every query.
        assert Process.objects.get(slug="lip-2").mandate_reference == "Drs. 1"


@override_settings(CACHES=MISSING_TABLE_CACHE)
def test_retiring_pages_without_a_cache_table_is_logged_not_raised(caplog):
    pagecache._told_once.clear()
    pagecache.pages_changed()
    assert "Could not retire cached pages" in caplog.text
