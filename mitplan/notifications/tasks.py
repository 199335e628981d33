from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_mail_task(
    *, subject: str, body: str, to: list[str], headers: dict[str, str]
) -> None:
    EmailMessage(subject=subject, body=body, to=to, headers=headers).send()
