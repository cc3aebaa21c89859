<?php
// PHPMailer 6 (Debian libphp-phpmailer): MAIL_COUNT messages over one kept-alive connection,
// and on failure the line applications print: "Mailer Error: " and PHPMailer's ErrorInfo.
require '/usr/share/php/libphp-phpmailer/autoload.php';

use PHPMailer\PHPMailer\Exception;
use PHPMailer\PHPMailer\PHPMailer;

$mail = new PHPMailer(true);
$mail->isSMTP();
$mail->Host = getenv('SMTP_HOST');
$mail->Port = (int) getenv('SMTP_PORT');
$mail->SMTPAuth = true;
$mail->Username = getenv('SMTP_USER');
$mail->Password = getenv('SMTP_PASS');
$mail->SMTPSecure = getenv('SMTP_TLS') === 'implicit' ? PHPMailer::ENCRYPTION_SMTPS : PHPMailer::ENCRYPTION_STARTTLS;
$mail->SMTPAutoTLS = false;
$mail->Timeout = 5;
$mail->SMTPKeepAlive = true;
try {
    for ($i = 0; $i < (int) (getenv('MAIL_COUNT') ?: 1); $i++) {
        $mail->clearAddresses();
        $mail->setFrom(getenv('MAIL_FROM'));
        $mail->addAddress(getenv('MAIL_TO'));
        $mail->Subject = "test $i";
        $mail->Body = 'hello';
        $mail->send();
    }
    echo "Sent\n";
} catch (Exception $e) {
    echo "Message could not be sent. Mailer Error: {$mail->ErrorInfo}\n";
    exit(1);
}
