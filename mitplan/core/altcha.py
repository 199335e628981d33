"""Proof of work (ALTCHA) for public forms whose sender is over a rate limit.

Instead of turning away someone who has sent several contributions in a row, a form
can ask their browser for a small computing task: a second or two for a person, a
real cost for a bot that sends in bulk. The ALTCHA web component solves it in the
browser; no third-party service, no cookie, nothing stored about the person.

A challenge is signed with a key derived from SECRET_KEY, expires after ten minutes
and is accepted once: used challenges are remembered in the database until they
expire (not in the cache: a cache that is down or full would let a proof count twice).
The browser searches for a number the server picked at random below
ALTCHA_MAX_NUMBER, so the work is bounded and, on average, half that many attempts.
"""

import json
import secrets
import time

import altcha
from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import ratelimits
from .forms import KernBoundField, KernForm

# Each attempt is one PBKDF2 derivation with COST iterations: the browser does them
# natively (WebCrypto) in Web Workers, the server one to issue and one to verify a
# challenge (under a millisecond each). A high cost keeps WebCrypto's overhead per
# attempt small against the hashing, so a bot's native code gains little on a browser.
ALGORITHM = "PBKDF2/SHA-256"
COST = 1000
# The browser needs on average MAX_NUMBER / 2 attempts, at most MAX_NUMBER. Measured
# in Debian's chromium with two workers: about 6,000 attempts a second, so about one
# second on average (two at most) for 10,000; an old phone may take a few seconds.
DEFAULT_MAX_NUMBER = 10_000
EXPIRES_SECONDS = 10 * 60
# A payload is about 600 characters; anything much longer is not one.
PAYLOAD_MAX_LENGTH = 2000

_KEY_SALT = "mitplan.core.altcha"
_USED_PREFIX = "altcha-used:"


def _hmac_keys() -> list[str]:
    """The signing key derived from SECRET_KEY, then those of its fallbacks, so that
    challenges in flight survive a key rotation."""
    return [
        salted_hmac(
            _KEY_SALT, "challenge", secret=secret, algorithm="sha256"
        ).hexdigest()
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    ]


def altcha_challenge(request) -> dict:
    """A new signed challenge, JSON-serialisable, as the ALTCHA widget expects it.

    `request` is taken so that the difficulty may one day depend on the client
    without changing callers; it is not used now.
    """
    max_number = getattr(settings, "ALTCHA_MAX_NUMBER", DEFAULT_MAX_NUMBER)
    challenge = altcha.create_challenge(
        ALGORITHM,
        COST,
        counter=secrets.randbelow(max_number + 1),
        expires_at=int(time.time()) + EXPIRES_SECONDS,
        hmac_secret=_hmac_keys()[0],
    )
    return challenge.to_dict()


@never_cache
@require_GET
def altcha_challenge_view(request):
    """GET: a fresh challenge as JSON. Sets no cookie; never cached."""
    return JsonResponse(altcha_challenge(request))


def altcha_verify(payload: str) -> bool:
    """True once for a solved challenge of ours that has not expired.

    False for anything malformed, forged (not signed by us, or altered), expired,
    wrongly solved, or already used: the first valid use marks the challenge as used
    (atomically, `ratelimits.first_use`) until it would have expired anyway.
    """
    if not isinstance(payload, str) or not 0 < len(payload) <= PAYLOAD_MAX_LENGTH:
        return False
    try:
        parsed = altcha.Payload.from_base64(payload)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return False
    parameters = parsed.challenge.parameters
    # Every challenge we issue is signed with an expiry and our algorithm; checked
    # before the signature only to turn away foreign payloads early.
    if type(parameters.expires_at) is not int or parameters.algorithm != ALGORITHM:
        return False
    for key in _hmac_keys():
        result = altcha.verify_solution(parsed, key)
        if result.verified:
            break
        if not result.invalid_signature:
            return False  # expired or wrongly solved: another key will not help
    else:
        return False
    return ratelimits.first_use(
        _USED_PREFIX + parsed.challenge.signature, parameters.expires_at + 1
    )


def _widget_strings() -> dict:
    """The labels of the ALTCHA widget in the current language (keys as the widget
    names them; those of features not used here keep the widget's English)."""
    return {
        "label": gettext("I am a person, not a program"),
        "verifying": gettext("Checking …"),
        "verified": gettext("Check complete: you can send now"),
        "error": gettext("The check failed. Please try again in a moment."),
        "expired": gettext("The check has expired. Please run it again."),
        "verificationRequired": gettext("Please run the check first."),
        "waitAlert": gettext("The check is running. Please wait a moment."),
        "verify": gettext("Check"),
        "loading": gettext("Loading …"),
        "reload": gettext("Reload"),
    }


# The widget's options (JSON `configuration` attribute): no ALTCHA logo or link, no
# collection of pointer movements, and the check runs when the form is sent (or
# when the box is ticked), then the form is sent by itself.
_WIDGET_CONFIGURATION = {
    "auto": "onsubmit",
    "hideLogo": True,
    "hideFooter": True,
    "humanInteractionSignature": False,
}


class AltchaInput(forms.Widget):
    """Reads the payload the ALTCHA web component posts. The component draws its own
    hidden input, and the field's template draws the component, so this renders
    nothing by itself."""

    def render(self, name, value, attrs=None, renderer=None):
        return ""


class AltchaBoundField(KernBoundField):
    """What components/altcha.html needs besides the field itself."""

    @property
    def challenge_url(self) -> str:
        return reverse("altcha_challenge")

    @property
    def language(self) -> str:
        return get_language() or settings.LANGUAGE_CODE

    @property
    def widget_strings(self) -> str:
        return json.dumps(_widget_strings(), ensure_ascii=False)

    @property
    def widget_configuration(self) -> str:
        return json.dumps(_WIDGET_CONFIGURATION)

    @property
    def algorithm(self) -> str:
        return ALGORITHM

    @property
    def wait_minutes(self) -> int:
        return getattr(self.form, "proof_wait_minutes", 60)


class AltchaField(forms.CharField):
    bound_field_class = AltchaBoundField
    widget = AltchaInput

    def __init__(self, **kwargs):
        kwargs.setdefault("template_name", "components/altcha.html")
        kwargs.setdefault("max_length", PAYLOAD_MAX_LENGTH)
        super().__init__(**kwargs)


PROOF_MISSING = _("This form can only be sent after the short check below.")
PROOF_INVALID = _(
    "The check did not succeed or has expired. Please run it again, then send."
)


class ProofOfWorkMixin(KernForm):
    """Adds the `altcha` field when the form is built with `require_proof=True`
    (typically when the sender is over a rate limit); otherwise the form has no
    such field at all. `proof_wait_minutes` is how long sending stays paused for a
    browser without JavaScript, which cannot do the check; the field says so.

    The field comes last, right above the send button. Its value is consumed by
    validation: a re-shown form asks for a new check.
    """

    altcha = AltchaField(
        label=_("Short check before sending"),
        help_text=_(
            "You have sent several times in a short time. Before this can be sent, "
            "your browser computes a small task, which takes a second or two. "
            "No data about you is collected."
        ),
        error_messages={"required": PROOF_MISSING, "max_length": PROOF_INVALID},
    )

    def __init__(
        self, *args, require_proof: bool = False, proof_wait_minutes: int = 60, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.require_proof = require_proof
        self.proof_wait_minutes = proof_wait_minutes
        field = self.fields.pop("altcha")
        if require_proof:
            self.fields["altcha"] = field

    def clean_altcha(self):
        if not altcha_verify(self.cleaned_data.get("altcha") or ""):
            raise forms.ValidationError(PROOF_INVALID, code="invalid")
        return ""
