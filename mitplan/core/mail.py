"""The one mail task of the platform: every app sends its mails through it, so a
mail server that is away is retried the same way for all (by the task backend)."""

from django.core.mail import EmailMessage
from django_tasks import TaskResultStatus, task


@task()
def send_mail(
    *,
    subject: str,
    body: str,
    to: list[str],
    headers: dict[str, str] | None = None,
    reply_to: list[str] | None = None,
) -> None:
    EmailMessage(
        subject=subject, body=body, to=to, headers=headers or {}, reply_to=reply_to
    ).send()


class MailNotSent(OSError):
    """The mail server refused or could not be reached (an OSError, as an SMTP
    failure is, so callers that keep the text on OSError keep it here too)."""


def deliver(**message) -> None:
    """Send through the task backend. With the immediate backend (`make run`) the
    mail goes now and a failure raises MailNotSent: the backend would only log it,
    and the person would be told "sent". A queued task is retried by its worker."""
    result = send_mail.enqueue(**message)
    if result.status == TaskResultStatus.FAILED:
        raise MailNotSent("The mail could not be sent.")
