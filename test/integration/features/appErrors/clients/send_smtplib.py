# Sends MAIL_COUNT messages over one connection with Python's smtplib, as an application would,
# and lets a failure end the program the way it ends an application: the traceback on stderr.
import os
import smtplib
import ssl
from email.message import EmailMessage

host, port = os.environ["SMTP_HOST"], int(os.environ["SMTP_PORT"])
context = ssl.create_default_context()  # SSL_CERT_FILE names the test CA
if os.environ["SMTP_TLS"] == "implicit":
    server = smtplib.SMTP_SSL(host, port, context=context, timeout=5)
else:
    server = smtplib.SMTP(host, port, timeout=5)
    server.starttls(context=context)
server.login(os.environ["SMTP_USER"], os.environ["SMTP_PASS"])
for i in range(int(os.environ.get("MAIL_COUNT", "1"))):
    msg = EmailMessage()
    msg["From"] = os.environ["MAIL_FROM"]
    msg["To"] = os.environ["MAIL_TO"]
    msg["Subject"] = f"test {i}"
    msg.set_content("hello")
    server.send_message(msg)
server.quit()
print("Sent")
