import types

import pytest
from django.db import transaction


@pytest.fixture(autouse=True)
def _mails_at_once(monkeypatch):
    """Mails wait for the commit, which a test's transaction never reaches: here
    they go as soon as the service asks (a refusal raises before it asks)."""
    from mitplan.events import services

    shim = types.SimpleNamespace(
        atomic=transaction.atomic, on_commit=lambda call, **kwargs: call()
    )
    monkeypatch.setattr(services, "transaction", shim)
