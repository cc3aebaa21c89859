<?php
// Runs a config/mail.php snippet through Laravel's own MailManager (Debian's php-laravel-framework,
// Laravel 8 on SwiftMailer) and sends one mail. Usage: php laravel8_send.php path/to/mail.php
require_once 'Illuminate/autoload.php';

use Illuminate\Config\Repository;
use Illuminate\Container\Container;
use Illuminate\Events\Dispatcher;
use Illuminate\Filesystem\Filesystem;
use Illuminate\Mail\MailManager;
use Illuminate\View\Engines\EngineResolver;
use Illuminate\View\Factory;
use Illuminate\View\FileViewFinder;

$mail = require $argv[1];
$app = new Container();
Container::setInstance($app);
$events = new Dispatcher($app);
$app->instance('events', $events);
$app->instance('config', new Repository(['mail' => $mail + ['default' => 'smtp']]));
$app->instance('view', new Factory(new EngineResolver(), new FileViewFinder(new Filesystem(), []), $events));
$to = getenv('TEST_MAIL_TO') ?: 'success@simulator.amazonses.com';
(new MailManager($app))->mailer('smtp')->raw('It works.', function ($message) use ($to) {
    $message->to($to)->subject('Test from Laravel through Amazon SES');
});
echo "Sent with Laravel 8 (SwiftMailer)\n";
