"""Carrying out what a resident sent: count it against its limits, store it, and if
storing fails give the count back and say so with the form and its text kept.

"Received" means stored: a view answers success only with what this returned, and a
refusal (over a limit, a database that cannot write) has stored nothing."""

import logging

from django.core.exceptions import ValidationError
from django.db import DatabaseError
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


def carry_out(action, *limits: ratelimits.Limit, proved: bool = False):
    """Reserve a slot under each limit, run `action()`, return its result. Raises
    NotCarriedOut (nothing stored, nothing counted) when a limit is used up (429),
    the action refuses (400) or storing or mailing fails (503). `proved`: the sender did
    the proof of work, so the per-client limits count but do not refuse."""
    try:
        reservation = ratelimits.reserve(*limits, force=proved)
    except ratelimits.LimitReached as reached:
        raise NotCarriedOut(reached.limit.message or OVER_LIMIT, 429) from None
    except DatabaseError:
        logger.exception("Could not count a sent form: the database failed.")
        raise NotCarriedOut(WRITE_FAILED, 503) from None
    try:
        return action()
    except ValidationError as error:
        _release(reservation)
        raise NotCarriedOut(error, 400) from None
    except (DatabaseError, OSError):  # a full disk, a database or mail server down
        logger.exception("Could not carry out a sent form.")
        _release(reservation)
        raise NotCarriedOut(WRITE_FAILED, 503) from None


def _release(reservation) -> None:
    try:
        reservation.release()
    except DatabaseError:  # the database is down: the slot expires with its window
        logger.warning("Could not give back a rate-limit slot.")
