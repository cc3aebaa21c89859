# Django's SMTP backend (Debian python3-django): MAIL_COUNT messages through one connection
# (send_messages), settings as an application's settings.py sets them. A failure raises.
import os

import django
from django.conf import settings

implicit = os.environ["SMTP_TLS"] == "implicit"
settings.configure(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST=os.environ["SMTP_HOST"],
    EMAIL_PORT=int(os.environ["SMTP_PORT"]),
    EMAIL_HOST_USER=os.environ["SMTP_USER"],
    EMAIL_HOST_PASSWORD=os.environ["SMTP_PASS"],
    EMAIL_USE_TLS=not implicit,
    EMAIL_USE_SSL=implicit,
    EMAIL_TIMEOUT=5,
)
django.setup()
from django.core.mail import EmailMessage, get_connection  # noqa: E402

count = int(os.environ.get("MAIL_COUNT", "1"))
messages = [
    EmailMessage(f"test {i}", "hello", os.environ["MAIL_FROM"], [os.environ["MAIL_TO"]]) for i in range(count)
]
get_connection().send_messages(messages)
print("Sent")
