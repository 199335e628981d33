"""The privacy registry covers every piece of personal data a model can hold."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from mitplan.core import privacy


def personal_fields() -> set[str]:
    """Every concrete user reference and e-mail field, named by the model that
    declares it ("app_label.Model.field")."""
    user_model = get_user_model()
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False):
                continue
            if field.related_model is user_model or isinstance(
                field, models.EmailField
            ):
                found.add(f"{field.model._meta.label}.{field.name}")
    return found


def test_every_user_reference_and_email_field_is_declared():
    uncovered = personal_fields() - privacy.covered_fields()
    assert not uncovered, (
        "Personal data no app declares in its privacy.py (export, erase or say why "
        f"it is kept): {sorted(uncovered)}"
    )


def test_declarations_name_only_fields_that_exist():
    assert privacy.covered_fields() <= personal_fields()


def test_a_declaration_must_say_what_happens_to_the_data():
    with pytest.raises(ValueError, match="say why"):
        privacy.register(privacy.PersonalData(name="nothing said", fields=()))


@pytest.mark.django_db
def test_the_download_has_what_the_apps_declare_in_order(django_user_model):
    user = django_user_model.objects.create_user(
        username="erika", email="erika@example.org"
    )
    person = privacy.Person(user=user, addresses=frozenset({"erika@example.org"}))
    assert list(privacy.export(person)) == [
        "account",
        "contributions",
        "supports",
        "comments",
        "survey_responses",
        "event_registrations",
        "expert_group_memberships",
        "email_subscriptions",
    ]
