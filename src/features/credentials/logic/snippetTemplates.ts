// The snippet of each stack (see snippets.ts). Each reads its settings from the environment by
// the convention's keys; a port key missing from the convention means the port is written in.
import type { TlsMode } from '../../../base/regions';
import { CoreArgumentError, expectObject, expectString } from '../../../base/guards';

/** The stacks a sending snippet is written for. */
export type StackId = 'nodemailer' | 'python' | 'django' | 'rails' | 'laravel' | 'spring' | 'phpmailer' | 'go';

/** The environment keys a snippet reads. */
export interface SnippetKeys {
  host: string;
  /** Undefined when the convention has no port key: the port is written into the code. */
  port?: string;
  user: string;
  password: string;
  from: string;
  /** The test recipient (falls back to the SES mailbox simulator). */
  to: string;
}

export interface TemplateInput {
  keys: SnippetKeys;
  tls: TlsMode;
  port: number;
  header: string[];
}

const STARTTLS_PHP = 'PHPMailer::ENCRYPTION_STARTTLS; // STARTTLS';
const SIMULATOR = 'success@simulator.amazonses.com';
const comment = (prefix: string, lines: string[]): string => lines.map((l) => `${prefix} ${l}`).join('\n');

function nodemailer({ keys, tls, port, header }: TemplateInput): string {
  const portExpr = keys.port ? `Number(process.env.${keys.port} || ${port})` : String(port);
  const secure =
    tls === 'implicit'
      ? '  secure: true, // TLS from the first byte (port 465)'
      : [
          '  secure: false, // STARTTLS: the connection is upgraded before AUTH',
          '  requireTLS: true, // no login without it',
        ].join('\n');
  return `${comment('//', header)}
const nodemailer = require('nodemailer');

const transporter = nodemailer.createTransport({
  host: process.env.${keys.host},
  port: ${portExpr},
${secure}
  auth: { user: process.env.${keys.user}, pass: process.env.${keys.password} },
});

transporter
  .sendMail({
    from: process.env.${keys.from},
    to: process.env.${keys.to} || '${SIMULATOR}',
    subject: 'Test from nodemailer through Amazon SES',
    text: 'It works.',
  })
  .then((info) => console.log('Sent:', info.response))
  .catch((err) => {
    console.error(err.message);
    process.exitCode = 1;
  });
`;
}

function python({ keys, tls, port, header }: TemplateInput): string {
  const portExpr = keys.port ? `int(os.environ.get("${keys.port}") or ${port})` : String(port);
  const connect =
    tls === 'implicit'
      ? 'with smtplib.SMTP_SSL(host, port, context=context, timeout=30) as smtp:  # TLS from the first byte'
      : [
          'with smtplib.SMTP(host, port, timeout=30) as smtp:',
          '    smtp.starttls(context=context)  # STARTTLS first',
        ].join('\n');
  return `${comment('#', header)}
import os
import smtplib
import ssl
from email.message import EmailMessage

host = os.environ["${keys.host}"]
port = ${portExpr}

msg = EmailMessage()
msg["From"] = os.environ["${keys.from}"]
msg["To"] = os.environ.get("${keys.to}") or "${SIMULATOR}"
msg["Subject"] = "Test from Python through Amazon SES"
msg.set_content("It works.")

context = ssl.create_default_context()  # verifies the certificate and the host name
${connect}
    smtp.login(os.environ["${keys.user}"], os.environ["${keys.password}"])
    smtp.send_message(msg)
print("Sent")
`;
}

function django({ keys, tls, port, header }: TemplateInput): string {
  const portExpr = keys.port ? `int(os.environ.get("${keys.port}") or ${port})` : String(port);
  const implicit = tls === 'implicit';
  return `${comment('#', header)}
import os
import smtplib
import ssl

from django.core.mail.backends.smtp import EmailBackend


# STARTTLS and TLS from the first byte with a context that checks the certificate and the host
# name (EMAIL_SSL_CERTFILE, a client certificate, is not used).
class VerifiedSMTP(smtplib.SMTP):
    def starttls(self, *args, **kwargs):
        return super().starttls(context=ssl.create_default_context())


class VerifiedSMTPSSL(smtplib.SMTP_SSL):
    def __init__(self, host="", port=0, **kwargs):
        for key in ("keyfile", "certfile", "context"):
            kwargs.pop(key, None)
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)


class VerifiedEmailBackend(EmailBackend):
    @property
    def connection_class(self):
        return VerifiedSMTPSSL if self.use_ssl else VerifiedSMTP


EMAIL_BACKEND = __name__ + ".VerifiedEmailBackend"
EMAIL_HOST = os.environ["${keys.host}"]
EMAIL_PORT = ${portExpr}
EMAIL_HOST_USER = os.environ["${keys.user}"]
EMAIL_HOST_PASSWORD = os.environ["${keys.password}"]
EMAIL_USE_TLS = ${implicit ? 'False' : 'True'}  # STARTTLS, required: no login without it
EMAIL_USE_SSL = ${implicit ? 'True' : 'False'}  # TLS from the first byte (465)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("${keys.from}")
`;
}

function rails({ keys, tls, port, header }: TemplateInput): string {
  const portExpr = keys.port ? `Integer(ENV.fetch("${keys.port}", "${port}"))` : String(port);
  const mode =
    tls === 'implicit'
      ? '    tls: true, # TLS from the first byte (465)'
      : '    enable_starttls: true, # STARTTLS required';
  return `${comment('#', header)}
Rails.application.configure do
  config.action_mailer.delivery_method = :smtp
  config.action_mailer.raise_delivery_errors = true
  config.action_mailer.smtp_settings = {
    address: ENV.fetch("${keys.host}"),
    port: ${portExpr},
    user_name: ENV.fetch("${keys.user}"),
    password: ENV.fetch("${keys.password}"),
    authentication: :login,
${mode}
    openssl_verify_mode: "peer",
    open_timeout: 10,
    read_timeout: 30
  }
  config.action_mailer.default_options = { from: ENV.fetch("${keys.from}") }
end
`;
}

function laravel({ keys, tls, port, header }: TemplateInput): string {
  const portExpr = keys.port ? `(int) env('${keys.port}', ${port})` : String(port);
  const mode =
    tls === 'implicit'
      ? ["            'scheme' => 'smtps', // TLS from the first byte"]
      : [
          "            'scheme' => 'smtp', // STARTTLS",
          "            'require_tls' => true, // no login without STARTTLS (symfony/mailer 7.3 and later)",
        ];
  return `<?php
${comment('//', header)}
// In config/mail.php, the 'smtp' entry of 'mailers':
return [
    'mailers' => [
        'smtp' => [
            'transport' => 'smtp',
${mode.join('\n')}
            'host' => env('${keys.host}'),
            'port' => ${portExpr},
            'encryption' => '${tls === 'implicit' ? 'ssl' : 'tls'}', // read by Laravel 8 and earlier
            'username' => env('${keys.user}'),
            'password' => env('${keys.password}'),
            'timeout' => 30,
        ],
    ],
    'from' => ['address' => env('${keys.from}'), 'name' => null],
];
`;
}

function spring({ keys, tls, port, header }: TemplateInput): string {
  const portExpr = keys.port ? `\${${keys.port}:${port}}` : String(port);
  const mode =
    tls === 'implicit'
      ? 'spring.mail.properties.mail.smtp.ssl.enable=true'
      : [
          'spring.mail.properties.mail.smtp.starttls.enable=true',
          'spring.mail.properties.mail.smtp.starttls.required=true',
        ].join('\n');
  return `${comment('#', header)}
spring.mail.host=\${${keys.host}}
spring.mail.port=${portExpr}
spring.mail.username=\${${keys.user}}
spring.mail.password=\${${keys.password}}
spring.mail.properties.mail.smtp.auth=true
${mode}
# Jakarta Mail checks the certificate's host name only when told to
spring.mail.properties.mail.smtp.ssl.checkserveridentity=true
spring.mail.properties.mail.smtp.connectiontimeout=10000
spring.mail.properties.mail.smtp.timeout=30000
app.mail.from=\${${keys.from}}
`;
}

function phpmailer({ keys, tls, port, header }: TemplateInput): string {
  const portExpr = keys.port ? `(int) (getenv('${keys.port}') ?: ${port})` : String(port);
  return `<?php
${comment('//', header)}
use PHPMailer\\PHPMailer\\PHPMailer;

require 'vendor/autoload.php';

$mail = new PHPMailer(true); // throws on failure
$mail->isSMTP();
$mail->Host = getenv('${keys.host}');
$mail->Port = ${portExpr};
$mail->SMTPAuth = true;
$mail->Username = getenv('${keys.user}');
$mail->Password = getenv('${keys.password}');
$mail->SMTPSecure = ${tls === 'implicit' ? 'PHPMailer::ENCRYPTION_SMTPS; // TLS from the first byte' : STARTTLS_PHP}
$mail->SMTPAutoTLS = true;
$mail->setFrom(getenv('${keys.from}'));
$mail->addAddress(getenv('${keys.to}') ?: '${SIMULATOR}');
$mail->Subject = 'Test from PHPMailer through Amazon SES';
$mail->Body = 'It works.';
$mail->send();
echo "Sent\\n";
`;
}

function go({ keys, tls, port, header }: TemplateInput): string {
  const portLine = keys.port
    ? `port := os.Getenv("${keys.port}")\n\tif port == "" {\n\t\tport = "${port}"\n\t}`
    : `port := "${port}"`;
  const connect =
    tls === 'implicit'
      ? `conn, err := tls.Dial("tcp", net.JoinHostPort(host, port), tlsConfig) // TLS from the first byte
	check(err)
	c, err := smtp.NewClient(conn, host)
	check(err)`
      : `c, err := smtp.Dial(net.JoinHostPort(host, port))
	check(err)
	check(c.StartTLS(tlsConfig)) // STARTTLS before the login`;
  return `${comment('//', header)}
package main

import (
	"crypto/tls"
	"fmt"
	"log"
	"net"
	"net/smtp"
	"os"
)

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func main() {
	host := os.Getenv("${keys.host}")
	${portLine}
	from := os.Getenv("${keys.from}")
	to := os.Getenv("${keys.to}")
	if to == "" {
		to = "${SIMULATOR}"
	}
	tlsConfig := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	${connect}
	defer c.Close()
	check(c.Auth(smtp.PlainAuth("", os.Getenv("${keys.user}"), os.Getenv("${keys.password}"), host)))
	check(c.Mail(from))
	check(c.Rcpt(to))
	w, err := c.Data()
	check(err)
	headers := "From: " + from + "\\r\\nTo: " + to + "\\r\\nSubject: Test from Go through Amazon SES\\r\\n"
	_, err = fmt.Fprint(w, headers+"\\r\\nIt works.\\r\\n")
	check(err)
	check(w.Close())
	check(c.Quit())
	fmt.Println("Sent")
}
`;
}

export const TEMPLATES: Readonly<Record<StackId, (input: TemplateInput) => string>> = {
  nodemailer,
  python,
  django,
  rails,
  laravel,
  spring,
  phpmailer,
  go,
};

/** The code of one stack's snippet. */
export function renderTemplate(stack: StackId, input: TemplateInput): string {
  expectString(stack, 'renderTemplate', 'stack');
  expectObject(input, 'renderTemplate', 'input');
  const template = TEMPLATES[stack];
  if (typeof template !== 'function')
    throw new CoreArgumentError(`renderTemplate: stack must be one of ${Object.keys(TEMPLATES).join(', ')}.`);
  return template(input);
}
