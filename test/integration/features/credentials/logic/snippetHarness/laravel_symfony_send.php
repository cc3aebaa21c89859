<?php
// Laravel 9 and later are not in Debian. This maps the 'smtp' mailer of a config/mail.php snippet
// onto Symfony Mailer (Debian's php-symfony-mailer) the way Laravel 9+ does: the scheme, host,
// username, password and port make the DSN, and the whole mailer array is passed as the DSN's
// options; 'timeout' goes to the socket stream. Laravel 11+ takes the 'scheme' key; Laravel 9 and
// 10 (--laravel-10) ignore it and derive the scheme from 'encryption' => 'tls' and port 465, or
// leave it empty (then Symfony Mailer picks TLS from the first byte for port 465 only).
// Usage: php laravel_symfony_send.php path/to/mail.php [--laravel-10]
require_once 'Symfony/Component/Mailer/autoload.php';
require_once 'Symfony/Component/Mime/autoload.php';

use Symfony\Component\Mailer\Mailer;
use Symfony\Component\Mailer\Transport\Dsn;
use Symfony\Component\Mailer\Transport\Smtp\EsmtpTransportFactory;
use Symfony\Component\Mailer\Transport\Smtp\Stream\SocketStream;
use Symfony\Component\Mime\Email;

function env($key, $default = null)
{
    $value = getenv($key);
    return $value === false ? $default : $value;
}

$mail = require $argv[1];
$config = $mail['mailers']['smtp'];
$scheme = in_array('--laravel-10', $argv, true) ? null : ($config['scheme'] ?? null);
if (!$scheme) {
    $scheme = (($config['encryption'] ?? '') === 'tls') ? (($config['port'] == 465) ? 'smtps' : 'smtp') : '';
}
$dsn = new Dsn($scheme, $config['host'], $config['username'] ?? null, $config['password'] ?? null, $config['port'] ?? null, $config);
$transport = (new EsmtpTransportFactory())->create($dsn);
$stream = $transport->getStream();
if ($stream instanceof SocketStream && isset($config['timeout'])) {
    $stream->setTimeout($config['timeout']);
}
$to = getenv('TEST_MAIL_TO') ?: 'success@simulator.amazonses.com';
$email = (new Email())->from($mail['from']['address'])->to($to)
    ->subject('Test from Laravel through Amazon SES')->text('It works.');
(new Mailer($transport))->send($email);
echo "Sent with Symfony Mailer\n";
