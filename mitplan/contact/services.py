"""Messages residents send to advisors and to the accessibility feedback address.

Nothing is stored: the message is mailed to its recipient and forgotten (only a
hash of it, for 15 minutes, so a resent form is delivered once). The recipient's
address never reaches the sender's browser.
"""

import hashlib
import time

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from mitplan.core import ratelimits
from mitplan.core.mail import deliver
from mitplan.core.text import isolate
from mitplan.processes.models import Advisor

# A resent form (double click, reload after sending) is delivered once.
DUPLICATE_WINDOW_SECONDS = 15 * 60


def _is_duplicate(*parts: str) -> bool:
    # Remembered in the database, in the caller's transaction: a cache that is
    # down would call every message a repeat, and a mail that fails to go out
    # must not leave its copy marked as sent.
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return not ratelimits.first_use(
        f"contact-sent:{digest}", int(time.time()) + DUPLICATE_WINDOW_SECONDS
    )


@transaction.atomic
def advisor_message_send(
    *,
    advisor: Advisor,
    name: str,
    email: str,
    subject: str,
    message: str,
    language: str,
) -> bool:
    """Mail a message to an advisor. Returns False if it was a repeat and not sent again."""
    if _is_duplicate(str(advisor.pk), email, subject, message):
        return False
    # Staff read the mail in German, whatever language the page was in.
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "contact/mail/advisor_message.txt",
            {
                "advisor": advisor,
                "name": name,
                "email": email,
                "subject": subject,
                "message": message,
                "language": language,
                "site_name": settings.SITE_NAME,
            },
        )
        mail_subject = f"[{settings.SITE_NAME}] {isolate(subject)}"
    deliver(subject=mail_subject, body=body, to=[advisor.email], reply_to=[email])
    return True


@transaction.atomic
def accessibility_feedback_send(
    *,
    recipient: str,
    name: str,
    email: str,
    page_url: str,
    subject: str,
    message: str,
    language: str,
) -> bool:
    if _is_duplicate("accessibility", email, subject, message):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "contact/mail/accessibility_feedback.txt",
            {
                "name": name,
                "email": email,
                "page_url": page_url,
                "subject": subject,
                "message": message,
                "language": language,
                "site_name": settings.SITE_NAME,
            },
        )
        mail_subject = f"[{settings.SITE_NAME}] Barrierefreiheit: {isolate(subject)}"
    deliver(
        subject=mail_subject,
        body=body,
        to=[recipient or settings.SITE_CONTACT_EMAIL],
        reply_to=[email],
    )
    return True
