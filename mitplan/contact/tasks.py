from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_message(
    *, subject: str, body: str, to: list[str], reply_to: list[str]
) -> None:
    """Deliver a contact message; retried by the task backend if the mail server fails."""
    EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to).send()
