// What a mail client's own settings are called, for the fixes the diagnosis gives when it knows
// which client failed (a line pasted from an application's log names its framework). One entry per
// client and topic: the TLS mode for a port, how many messages go over one connection, and where
// the sending rate is set. Pure data; no 'vscode'.

/** The mail clients whose errors an application log may hold. */
export type ClientFramework = 'rails' | 'python' | 'django' | 'nodemailer' | 'phpmailer' | 'symfony' | 'go';

export const CLIENT_FRAMEWORK_NAMES: Readonly<Record<ClientFramework, string>> = {
  rails: 'Ruby (Rails / mail / Net::SMTP)',
  python: 'Python smtplib',
  django: 'Django',
  nodemailer: 'nodemailer',
  phpmailer: 'PHPMailer',
  symfony: 'Symfony Mailer (Laravel)',
  go: 'Go net/smtp',
};

export type HintTopic = 'tls-mode' | 'session' | 'rate';

const HINTS: Readonly<Record<ClientFramework, Readonly<Record<HintTopic, string>>>> = {
  django: {
    'tls-mode':
      'Django: on 587 set EMAIL_USE_TLS = True and EMAIL_USE_SSL = False; on 465 set EMAIL_USE_SSL = True and ' +
      'EMAIL_USE_TLS = False (never both).',
    session:
      'Django: send_messages() sends a whole list over one connection; split the list into batches of at most a ' +
      'few hundred messages, each with its own get_connection().',
    rate: 'Django: send in batches with a pause between them (e.g. a task queue rate limit) below the account rate.',
  },
  python: {
    'tls-mode':
      'smtplib: on 587 use smtplib.SMTP(host, 587) and call starttls() before login(); on 465 use ' +
      'smtplib.SMTP_SSL(host, 465) without starttls().',
    session:
      'smtplib: quit() and open a new SMTP connection after a few hundred messages, and reconnect when a 421 ' +
      'arrives before retrying the message.',
    rate: 'smtplib: sleep between sendmail() calls so that you stay below the account rate, and retry 454 with backoff.',
  },
  rails: {
    'tls-mode':
      'Rails / mail: on 587 set enable_starttls_auto: true (or enable_starttls: true) and leave ssl / tls unset; on ' +
      '465 set tls: true (ssl: true) and no STARTTLS.',
    session:
      'Ruby: Net::SMTP.start sends everything in its block over one connection; start a new session every few ' +
      'hundred messages (ActionMailer opens one per message unless you batch).',
    rate: 'Rails: deliver_later through a queue with a throttle below the account rate, and retry 454 with backoff.',
  },
  nodemailer: {
    'tls-mode': 'nodemailer: on 587 use secure: false with requireTLS: true (STARTTLS); secure: true only on 465.',
    session:
      'nodemailer: with pool: true set maxMessages (e.g. 100, below the session limit) so each pooled connection ' +
      'is replaced in time; nodemailer then reconnects by itself.',
    rate: 'nodemailer: with pool: true set rateDelta: 1000 and rateLimit to the account rate (messages per second).',
  },
  phpmailer: {
    'tls-mode':
      "PHPMailer: on 587 set SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS ('tls'); on 465 set " +
      "SMTPSecure = PHPMailer::ENCRYPTION_SMTPS ('ssl').",
    session: 'PHPMailer: with SMTPKeepAlive = true call smtpClose() and reconnect every few hundred messages.',
    rate: 'PHPMailer: pause between send() calls (usleep) so that you stay below the account rate.',
  },
  symfony: {
    'tls-mode':
      'Symfony Mailer / Laravel: on 587 use smtp://…:587 (STARTTLS is used when offered; Laravel: MAIL_ENCRYPTION=tls, ' +
      'MAIL_SCHEME=smtp); on 465 use smtps://…:465 (MAIL_SCHEME=smtps).',
    session:
      'Symfony Mailer: set the restart threshold of the transport (?restart_threshold=100&restart_threshold_sleep=1 ' +
      'in the DSN) so the connection is renewed before the session limit.',
    rate: 'Symfony Mailer: use ?max_per_second= in the DSN (Laravel: a queue with a rate limit) below the account rate.',
  },
  go: {
    'tls-mode':
      'Go net/smtp: on 587 use smtp.Dial and client.StartTLS before Auth; on 465 dial with tls.Dial and wrap the ' +
      'connection with smtp.NewClient.',
    session: 'Go net/smtp: Quit() and dial a new client every few hundred messages, and after a 421.',
    rate: 'Go: pace the sends with a time.Ticker (or golang.org/x/time/rate) below the account rate.',
  },
};

/** The framework's own setting for this topic; undefined when the client is not known. */
export function frameworkHint(framework: ClientFramework | undefined, topic: HintTopic): string | undefined {
  if (framework === undefined || !Object.prototype.hasOwnProperty.call(HINTS, framework)) return undefined;
  return HINTS[framework][topic];
}

/** `fix` followed by the framework's hint, when there is one. */
export function withHint(fix: string, framework: ClientFramework | undefined, topic: HintTopic): string {
  const hint = frameworkHint(framework, topic);
  return hint ? `${fix} ${hint}` : fix;
}
