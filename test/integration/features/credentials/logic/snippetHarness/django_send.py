# Loads a Django settings snippet as the settings module and sends one mail through
# django.core.mail, as a Django app would. Usage: python3 django_send.py path/to/settings.py
import os
import sys

target = os.path.abspath(sys.argv[1])
sys.path.insert(0, os.path.dirname(target))
os.environ["DJANGO_SETTINGS_MODULE"] = os.path.splitext(os.path.basename(target))[0]

import django  # noqa: E402

django.setup()

from django.core.mail import send_mail  # noqa: E402

to = os.environ.get("TEST_MAIL_TO") or "success@simulator.amazonses.com"
send_mail("Test from Django through Amazon SES", "It works.", None, [to])
print("Sent with Django", django.get_version())
