// Diagnosis rules for what the server replied after the login: 530, 554 (identities, IAM), 454
// throttling, 421, 552 and other temporary failures.
import type { Cause, DiagnosisContext } from './diagnose';
import { sesHeaderCauses } from './diagnoseHeaders';
import { expectFunction, expectObject, expectString } from '../../base/guards';

/** 530: the client skipped STARTTLS or the login. */
export function authRequired(context: DiagnosisContext): void {
  expectObject(context, 'authRequired', 'context');
  const { reply, add } = context;
  expectString(reply, 'authRequired', 'context.reply');
  expectFunction(add, 'authRequired', 'context.add');
  if (/STARTTLS/i.test(reply)) {
    add({
      id: 'starttls-required',
      confidence: 'certain',
      title: 'The client tried to log in before starting TLS.',
      fix:
        'Turn on STARTTLS (for example nodemailer requireTLS: true, Django EMAIL_USE_TLS=True, Rails ' +
        'enable_starttls_auto: true) on ports 587/2587, or use implicit TLS on 465/2465.',
    });
    return;
  }
  add({
    id: 'auth-required',
    confidence: 'certain',
    title: 'The client sent mail without logging in (530 Authentication required).',
    fix: 'Configure the SMTP username and password in the client; SES accepts no unauthenticated mail.',
  });
}

export function replyCauses(
  reply: string,
  code: number | undefined,
  region: string | undefined,
  add: (c: Cause) => void,
): void {
  if (sesHeaderCauses(reply, region, add)) return;
  if (/not verified/i.test(reply)) return notVerified(reply, region, add);
  if (/Access denied/i.test(reply) || /not authorized to perform/i.test(reply)) {
    add({
      id: 'iam-permission',
      confidence: 'certain',
      title: 'The IAM user behind these credentials may not call ses:SendRawEmail.',
      fix:
        'Attach a policy that allows "ses:SendRawEmail" (optionally limited with ses:FromAddress) to the IAM user ' +
        'that owns the access key.',
    });
    return;
  }
  if (/Throttling|rate exceeded|quota exceeded/i.test(reply)) return throttled(reply, add);
  limitCauses(reply, code, add);
}

/** 554 Message rejected: Email address is not verified … in region X: a, b */
function notVerified(reply: string, region: string | undefined, add: (c: Cause) => void): void {
  const m = /failed the check in region ([A-Z0-9-]+):\s*(.*)$/i.exec(reply);
  const where = m ? m[1].toLowerCase() : region;
  const identities = m ? m[2].split(/,\s*/).filter(Boolean) : [];
  add({
    id: 'identity-not-verified',
    confidence: 'certain',
    title: `Not verified in ${where ?? 'this region'}: ${identities.join(', ') || 'the sender'}.`,
    fix:
      `Verify the From domain or address in SES in ${where ?? 'the region you send through'} (identities are per ` +
      `region). In the sandbox, recipients must be verified too, or use the mailbox simulator ` +
      `(success@simulator.amazonses.com); request production access to send to anyone.`,
  });
  if (identities.length > 1) {
    add({
      id: 'sandbox-recipient',
      confidence: 'likely',
      title: 'Several identities failed: in the SES sandbox the recipients must be verified as well.',
      fix: 'Verify the recipient, send to the mailbox simulator, or request production access for the account.',
    });
  }
}

function throttled(reply: string, add: (c: Cause) => void): void {
  const daily = /Daily message quota/i.test(reply);
  add({
    id: 'throttled',
    confidence: 'certain',
    title: daily ? 'The daily sending quota is used up.' : "Sending faster than the account's maximum send rate.",
    fix: daily
      ? 'Wait until the 24-hour window frees up, or request a quota increase (the sandbox allows 200 a day).'
      : 'Retry with backoff (5 s, 10 s, 30 s …) and send fewer messages per second, or request a higher rate.',
  });
}

/** 421, 552 and other 4xx replies. */
function limitCauses(reply: string, code: number | undefined, add: (c: Cause) => void): void {
  if (code === 421) {
    add({
      id: 'too-many-connections',
      confidence: 'certain',
      title: 'Too many SMTP connections at once.',
      fix: 'Use fewer concurrent connections (a pool of a few), and retry.',
    });
    return;
  }
  if (code === 552 || /too long/i.test(reply)) {
    add({
      id: 'message-too-long',
      confidence: 'certain',
      title: 'The message is larger than SES accepts.',
      fix: 'Keep messages, including attachments after encoding, under the SES size limit (40 MB by default).',
    });
    return;
  }
  if (code && code >= 400 && code < 500) {
    add({
      id: 'temporary-service',
      confidence: 'likely',
      title: `A temporary failure at SES: ${reply}`,
      fix: 'Retry with backoff (5 s, 10 s, 30 s …).',
    });
  }
}
