"""Messages residents send to advisors and to the accessibility feedback address.

Nothing is stored: the message is mailed to its recipient and forgotten. The
recipient's address never reaches the sender's browser.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from mitplan.core.text import isolate
from mitplan.processes.models import Advisor

from .tasks import send_message

# A resent form (double click, reload after sending) is delivered once.
DUPLICATE_WINDOW_SECONDS = 15 * 60


def _is_duplicate(*parts: str) -> bool:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return not cache.add(f"contact-sent:{digest}", 1, DUPLICATE_WINDOW_SECONDS)


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
    send_message.enqueue(
        subject=mail_subject, body=body, to=[advisor.email], reply_to=[email]
    )
    return True


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
    send_message.enqueue(
        subject=mail_subject,
        body=body,
        to=[recipient or settings.SITE_CONTACT_EMAIL],
        reply_to=[email],
    )
    return True
