"""Proof of work (ALTCHA): challenges are solved the way the browser's worker solves
them, and verification turns away malformed, forged, expired and replayed payloads."""

import base64
import datetime
import hashlib
import json
import re
import struct

import pytest
import time_machine
from django import forms
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import path
from django.utils import translation

from mitplan.core.altcha import (
    ALGORITHM,
    EXPIRES_SECONDS,
    PROOF_INVALID,
    PROOF_MISSING,
    ProofOfWorkMixin,
    altcha_challenge,
    altcha_challenge_view,
    altcha_verify,
)

# The URL the project wires (config/urls.py); here for the view and widget tests.
urlpatterns = [
    path("altcha/challenge", altcha_challenge_view, name="altcha_challenge"),
]

small_work = override_settings(ALTCHA_MAX_NUMBER=20)

# A used proof is remembered in the database (ratelimits.first_use).
pytestmark = pytest.mark.django_db


def _challenge():
    return altcha_challenge(RequestFactory().get("/"))


def _solve(challenge: dict) -> dict:
    """Brute force as the widget's PBKDF2 worker does: password = nonce + counter as
    big-endian uint32, salt from the challenge, until the key starts with the prefix."""
    parameters = challenge["parameters"]
    nonce = bytes.fromhex(parameters["nonce"])
    salt = bytes.fromhex(parameters["salt"])
    for counter in range(settings.ALTCHA_MAX_NUMBER + 1):
        key = hashlib.pbkdf2_hmac(
            "sha256",
            nonce + struct.pack(">I", counter),
            salt,
            parameters["cost"],
            parameters["keyLength"],
        ).hex()
        if key.startswith(parameters["keyPrefix"]):
            return {"counter": counter, "derivedKey": key}
    raise AssertionError("no solution below ALTCHA_MAX_NUMBER")


def _encode(challenge: dict, solution: dict) -> str:
    return base64.b64encode(
        json.dumps({"challenge": challenge, "solution": solution}).encode()
    ).decode()


def _solved_payload() -> str:
    challenge = _challenge()
    return _encode(challenge, _solve(challenge))


@small_work
def test_a_solved_challenge_is_accepted():
    assert altcha_verify(_solved_payload())


@small_work
def test_a_challenge_is_json_with_expiry_and_signature():
    challenge = _challenge()
    assert json.loads(json.dumps(challenge)) == challenge
    assert challenge["parameters"]["algorithm"] == ALGORITHM
    assert re.fullmatch(r"[0-9a-f]{64}", challenge["signature"])


@small_work
def test_a_replayed_payload_is_rejected():
    payload = _solved_payload()
    assert altcha_verify(payload)
    assert not altcha_verify(payload)


@small_work
def test_a_wrong_solution_is_rejected():
    challenge = _challenge()
    solution = _solve(challenge)
    solution["counter"] += 1
    assert not altcha_verify(_encode(challenge, solution))


@small_work
def test_a_forged_signature_is_rejected():
    challenge = _challenge()
    solution = _solve(challenge)
    challenge["signature"] = "0" * 64
    assert not altcha_verify(_encode(challenge, solution))


@small_work
def test_an_altered_challenge_is_rejected():
    challenge = _challenge()
    solution = _solve(challenge)
    challenge["parameters"]["expiresAt"] += 3600
    assert not altcha_verify(_encode(challenge, solution))


@small_work
def test_the_signing_key_is_derived_not_the_secret_key_itself():
    import altcha

    challenge = altcha.create_challenge(
        ALGORITHM,
        10,
        counter=3,
        expires_at=int(datetime.datetime.now().timestamp()) + 60,
        hmac_secret=settings.SECRET_KEY,
    ).to_dict()
    assert not altcha_verify(_encode(challenge, _solve(challenge)))


@small_work
def test_a_challenge_survives_a_secret_key_rotation():
    challenge = _challenge()
    with override_settings(
        SECRET_KEY="a-new-key-" + "x" * 50, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]
    ):
        assert altcha_verify(_encode(challenge, _solve(challenge)))


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "not base64 at all!",
        base64.b64encode(b"\xff\xfe").decode(),
        base64.b64encode(b"not json").decode(),
        base64.b64encode(b"[1, 2]").decode(),
        base64.b64encode(b'{"challenge": null, "solution": null}').decode(),
        # what the widget posts in its test mode
        base64.b64encode(b'{"challenge":null,"solution":null,"test":true}').decode(),
        base64.b64encode(b'{"challenge": {"parameters": {}}, "solution": {}}').decode(),
        "A" * 10_000,
        None,
    ],
)
def test_a_malformed_payload_is_rejected(payload):
    assert not altcha_verify(payload)


@small_work
def test_an_expired_challenge_is_rejected():
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC), tick=False) as t:
        challenge = _challenge()
        payload = _encode(challenge, _solve(challenge))
        t.shift(EXPIRES_SECONDS + 1)
        assert not altcha_verify(payload)


@small_work
def test_a_challenge_is_accepted_until_it_expires():
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC), tick=False) as t:
        challenge = _challenge()
        payload = _encode(challenge, _solve(challenge))
        t.shift(EXPIRES_SECONDS - 5)
        assert altcha_verify(payload)


class MessageForm(ProofOfWorkMixin):
    message = forms.CharField()


def test_without_require_proof_the_form_has_no_altcha_field():
    form = MessageForm({"message": "Hallo"})
    assert "altcha" not in form.fields
    assert form.is_valid()


def test_with_require_proof_a_missing_check_is_an_error_next_to_the_field():
    form = MessageForm({"message": "Hallo"}, require_proof=True)
    assert not form.is_valid()
    assert form.errors["altcha"] == [PROOF_MISSING]


def test_with_require_proof_an_invalid_check_is_an_error_next_to_the_field():
    form = MessageForm({"message": "Hallo", "altcha": "forged"}, require_proof=True)
    assert not form.is_valid()
    assert form.errors["altcha"] == [PROOF_INVALID]


@small_work
def test_with_require_proof_a_solved_check_lets_the_form_through_once():
    data = {"message": "Hallo", "altcha": _solved_payload()}
    assert MessageForm(data, require_proof=True).is_valid()
    assert not MessageForm(data, require_proof=True).is_valid()


@override_settings(ROOT_URLCONF=__name__)
def test_the_check_is_the_last_field_and_renders_without_inline_code():
    form = MessageForm(require_proof=True, proof_wait_minutes=45)
    assert list(form.fields) == ["message", "altcha"]
    with translation.override("en"):
        html = str(form)
    assert '<altcha-widget id="id_altcha" name="altcha"' in html
    assert 'challenge="/altcha/challenge"' in html
    assert "45 minutes" in html  # the notice for browsers without JavaScript
    assert "<noscript>" in html
    assert " style=" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    strings = re.search(r'data-strings="([^"]*)"', html).group(1)
    assert "label" in json.loads(strings.replace("&quot;", '"'))


@override_settings(ROOT_URLCONF=__name__)
def test_the_challenge_view_answers_json_without_cookies_or_caching(client):
    response = client.get("/altcha/challenge")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert response.json()["parameters"]["algorithm"] == ALGORITHM


@override_settings(ROOT_URLCONF=__name__)
def test_the_challenge_view_only_answers_get(client):
    assert client.post("/altcha/challenge").status_code == 405


@small_work
def test_the_replay_guard_holds_while_the_cache_is_down(cache_down):
    """Used proofs are remembered in the database, not the cache: with the cache
    down a solved proof is accepted once and its replay still refused."""
    from django.core.cache import cache

    assert cache.add("probe", 1) is False  # down, for every module
    payload = _solved_payload()
    assert altcha_verify(payload)
    assert not altcha_verify(payload)
    # Forged or wrong payloads are still refused without the cache.
    challenge = _challenge()
    solution = _solve(challenge)
    solution["counter"] += 1
    assert not altcha_verify(_encode(challenge, solution))
