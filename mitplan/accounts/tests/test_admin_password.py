"""The generated admin password is kept per database, so a second database does
not overwrite (or show) the first one's."""

import pytest

from mitplan.accounts import services

pytestmark = pytest.mark.django_db

SQLITE = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/mitplan/var/db.sqlite3"}
POSTGRES = {
    "ENGINE": "django.db.backends.postgresql",
    "HOST": "127.0.0.1",
    "PORT": 5432,
    "NAME": "mitplan_second",
}


def test_each_database_has_its_own_password_file(tmp_path, monkeypatch):
    monkeypatch.setattr(services, "PASSWORD_DIR", tmp_path)
    assert services.password_file(SQLITE) != services.password_file(POSTGRES)
    assert services.password_file(POSTGRES) == services.password_file(dict(POSTGRES))
    assert services.password_file(SQLITE).parent == tmp_path


def test_a_second_database_leaves_the_first_ones_password(tmp_path, monkeypatch):
    monkeypatch.setattr(services, "PASSWORD_DIR", tmp_path)
    first = services.password_file(POSTGRES)
    first.write_text("the-first-databases-password")
    _user, password = services.admin_ensure()
    assert first.read_text() == "the-first-databases-password"
    assert services.password_file().read_text() == password
    assert password in services.admin_login_hint()
    assert "the-first-databases-password" not in services.admin_login_hint()
    assert services.password_file().stat().st_mode & 0o777 == 0o600
