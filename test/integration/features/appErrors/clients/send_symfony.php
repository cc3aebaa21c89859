<?php
// Symfony Mailer 5.4 (Debian php-symfony-mailer), as Laravel 9+ uses it: a DSN (smtp:// for
// STARTTLS, smtps:// for TLS from the first byte), MAIL_COUNT messages over the transport's one
// connection. A failure is an uncaught exception, as in an application without a handler.
require_once 'Symfony/Component/Mailer/autoload.php';
require_once 'Symfony/Component/Mime/autoload.php';

use Symfony\Component\Mailer\Mailer;
use Symfony\Component\Mailer\Transport;
use Symfony\Component\Mime\Email;

$scheme = getenv('SMTP_TLS') === 'implicit' ? 'smtps' : 'smtp';
$dsn = sprintf(
    '%s://%s:%s@%s:%d',
    $scheme,
    rawurlencode(getenv('SMTP_USER')),
    rawurlencode(getenv('SMTP_PASS')),
    getenv('SMTP_HOST'),
    (int) getenv('SMTP_PORT')
);
$mailer = new Mailer(Transport::fromDsn($dsn));
for ($i = 0; $i < (int) (getenv('MAIL_COUNT') ?: 1); $i++) {
    $mailer->send((new Email())->from(getenv('MAIL_FROM'))->to(getenv('MAIL_TO'))->subject("test $i")->text('hello'));
}
echo "Sent\n";
