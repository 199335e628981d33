"""Carrying out what a resident sent: count it against its limits, store it, and if
storing fails give the count back and say so with the form and its text kept.

"Received" means stored: a view answers success only with what this returned, and a
refusal (over a limit, a database that cannot write) has stored nothing."""

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import ratelimits

logger = logging.getLogger(__name__)

OVER_LIMIT = _(
    "You have sent a lot in a short time. Please wait a while and send this again: "
    "what you wrote is still here."
)
WRITE_FAILED = _(
    "We could not store this just now because of a problem on our side. Nothing was "
    "stored; what you wrote is still here. Please try again in a few minutes."
)


class NotCarriedOut(Exception):
    """What was sent was not stored; `message` says why, `status` is the answer's."""

    def __init__(self, message, status: int):
        super().__init__(str(message))
        self.message = message
        self.status = status


def carry_out(
    action,
    *limits: ratelimits.Limit,
    proved: bool = False,
    happened=lambda result: True,
    stored_before=lambda: False,
    over_limit=OVER_LIMIT,
    failed=WRITE_FAILED,
):
    """Reserve a slot under each limit, run `action()`, return its result. Raises
    NotCarriedOut (nothing stored, nothing counted) when a limit is used up (429),
    the action refuses (400) or storing or mailing fails (503); `over_limit` and
    `failed` are what the person is told then (a limit's own message wins).
    `proved`: the sender did the proof of work, so the per-client limits count but
    do not refuse. `happened(result)` False gives the slots back: the action found
    nothing to do (a support given before). `stored_before()` True: this form was
    stored already (a resend), so the action runs without counting, and a sender
    past a limit is still told that what they sent is there."""

    def refused_by(limit):
        return NotCarriedOut(limit.message or over_limit, 429)

    try:
        reservation = (
            None if stored_before() else ratelimits.reserve(*limits, force=proved)
        )
    except ratelimits.LimitReached as reached:
        raise refused_by(reached.limit) from None
    except DatabaseError:
        logger.exception("Could not count a sent form: the database failed.")
        raise NotCarriedOut(failed, 503) from None
    try:
        result = action()
    except ratelimits.LimitReached as reached:  # a limit the action itself keeps
        _release(reservation)
        raise refused_by(reached.limit) from None
    except ValidationError as error:
        _release(reservation)
        raise NotCarriedOut(error, 400) from None
    except (DatabaseError, OSError):  # a full disk, a database or mail server down
        logger.exception("Could not carry out a sent form.")
        _release(reservation)
        raise NotCarriedOut(failed, 503) from None
    if not happened(result):
        _release(reservation)
    return result


def _release(reservation) -> None:
    if reservation is None:
        return
    try:
        reservation.release()
    except DatabaseError:  # the database is down: the slot expires with its window
        logger.warning("Could not give back a rate-limit slot.")


# Hidden fields of our forms: keys, times and checks, nothing a person wrote.
_NOT_TYPED = {
    "csrfmiddlewaretoken",
    "submission",
    "started",
    "website",
    "altcha",
    "ui_language",
    "parent",
    "withdraw",
    "check_similar",
}


def _is_secret(name: str) -> bool:
    """Passwords (sign-in, sign-up, a new password, its repetition) and tokens are
    never shown back: the page is about text someone wrote and would retype."""
    name = name.lower()
    return any(word in name for word in ("password", "token", "secret", "code"))


class KeepWhatWasSentMiddleware:
    """When the database fails before a view could give its form back (a full disk
    while the page is still being found, say), answer 503 with a page that needs no
    database and shows what the person wrote, so they can copy it: never a bare
    server error that loses the text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # The API answers in JSON itself (mitplan.api); staff in the admin get this
        # page too, with what they typed (a statement can be long).
        if not isinstance(exception, DatabaseError) or request.path_info.startswith(
            "/api/"
        ):
            return None
        logger.exception("The database failed while answering %s", request.path)
        typed = []
        if request.method == "POST":
            try:
                typed = [
                    value
                    for name, value in request.POST.items()
                    if name not in _NOT_TYPED and not _is_secret(name) and value.strip()
                ]
            except Exception:  # noqa: BLE001 - an unreadable body has nothing to keep
                typed = []
        response = TemplateResponse(
            request,
            "storage_failed.html",
            {"typed": typed, "write_failed": WRITE_FAILED},
            status=503,
        ).render()
        # What was typed is on it: no cache, not even the browser's, keeps a copy.
        response["Cache-Control"] = "no-store"
        return response
