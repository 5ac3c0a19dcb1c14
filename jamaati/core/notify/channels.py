"""Send a message to a person by email and, when they gave a mobile number, by SMS."""

from django.core.mail import send_mail

from jamaati.core.notify.sms import sms_backend


def notify(*, email: str = "", phone: str = "", subject: str, body: str) -> None:
    """Deliver on every channel the person has; call it from transaction.on_commit."""
    if email:
        send_mail(subject, body, None, [email])
    if phone:
        sms_backend().send(to=phone, body=f"{subject}: {body}"[:480])
