// Every diagnosis rule (src/core/smtp/diagnose*.ts) with its advice pinned: for one failure per
// branch, the whole list of causes (id, confidence, title and fix, in order), so a changed word,
// a lost branch or a reordering fails here. And the correct setups next to each near miss: a
// right password, a clean username, matching regions… are not called wrong (false alarms).
// The inputs are in diagnoseCases.ts; the passwords are derived by the test peers' own code.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, type Cause } from '../../../../src/engines/smtp/diagnose';
import { CASES, FALSE_ALARMS } from './diagnoseCases';

export const EXPECTED: Record<string, Cause[]> = {
  '535 not subscribed': [
    {
      id: 'not-subscribed',
      confidence: 'certain',
      title: 'The AWS account has no SES in eu-west-1 ("Account not subscribed to SES").',
      fix: 'Open the SES console in eu-west-1 once to set SES up there, or send through a region where SES is already in use. If this is a new opt-in region, enable the region for the account first.',
    },
  ],
  '535 with a temporary key (ASIA…)': [
    {
      id: 'temporary-key',
      confidence: 'certain',
      title: 'The username is a temporary access key (ASIA…), which SES SMTP never accepts.',
      fix: 'Create a long-term access key for an IAM user (or use "Create SMTP credentials") and derive the SMTP password from its secret.',
    },
    {
      id: 'wrong-region',
      confidence: 'likely',
      title: 'The password may have been derived for another region than eu-west-1.',
      fix: 'v4 SMTP passwords work in one region only. Give the IAM secret key to "Check SMTP Login" to find the region it was made for, or derive it again for this region.',
    },
    {
      id: 'key-inactive',
      confidence: 'possible',
      title: 'The access key may have been deleted, deactivated or rotated since the password was made.',
      fix: 'Check the key in IAM; create a new one and derive the password again if needed.',
    },
    {
      id: 'password-not-from-secret',
      confidence: 'possible',
      title: 'The password may belong to a different access key than the username.',
      fix: 'Use the username and password from the same credentials (the SES console shows them together once).',
    },
  ],
  '535 with an IAM user name as username': [
    {
      id: 'username-not-access-key',
      confidence: 'certain',
      title: 'The username is an IAM user name, not the access key id.',
      fix: 'Use the IAM access key id (AKIA…, 20 characters) as the SMTP username.',
    },
  ],
  '535 with an email address as username': [
    {
      id: 'username-not-access-key',
      confidence: 'certain',
      title: 'The username is an email address, not the access key id.',
      fix: 'Use the IAM access key id (AKIA…, 20 characters) as the SMTP username.',
    },
  ],
  '535 with a quoted username': [
    {
      id: 'whitespace-or-quotes',
      confidence: 'certain',
      title: 'The username has spaces, a line break or quotes around it.',
      fix: 'Remove them; in .env files write the value without stray quotes or trailing spaces.',
    },
  ],
  '535 with a URL-encoded password': [
    {
      id: 'url-encoded',
      confidence: 'certain',
      title: 'The password is URL-encoded (%2B, %2F or %3D) where the raw value is expected.',
      fix: 'Use the raw password. Encode + / = only inside smtp:// URLs, and there always.',
    },
    {
      id: 'wrong-region',
      confidence: 'likely',
      title: 'The password may have been derived for another region than eu-west-3.',
      fix: 'v4 SMTP passwords work in one region only. Give the IAM secret key to "Check SMTP Login" to find the region it was made for, or derive it again for this region.',
    },
    {
      id: 'key-inactive',
      confidence: 'possible',
      title: 'The access key may have been deleted, deactivated or rotated since the password was made.',
      fix: 'Check the key in IAM; create a new one and derive the password again if needed.',
    },
    {
      id: 'password-not-from-secret',
      confidence: 'possible',
      title: 'The password may belong to a different access key than the username.',
      fix: 'Use the username and password from the same credentials (the SES console shows them together once).',
    },
  ],
  '535 with a password with a trailing space': [
    {
      id: 'whitespace-or-quotes',
      confidence: 'certain',
      title: 'The password carries spaces, line breaks or quotes that became part of it.',
      fix: 'Paste the password again without them; in .env files quote it with plain double quotes only if your loader needs it.',
    },
    {
      id: 'wrong-region',
      confidence: 'likely',
      title: 'The password may have been derived for another region than eu-west-1.',
      fix: 'v4 SMTP passwords work in one region only. Give the IAM secret key to "Check SMTP Login" to find the region it was made for, or derive it again for this region.',
    },
    {
      id: 'key-inactive',
      confidence: 'possible',
      title: 'The access key may have been deleted, deactivated or rotated since the password was made.',
      fix: 'Check the key in IAM; create a new one and derive the password again if needed.',
    },
    {
      id: 'password-not-from-secret',
      confidence: 'possible',
      title: 'The password may belong to a different access key than the username.',
      fix: 'Use the username and password from the same credentials (the SES console shows them together once).',
    },
  ],
  '535 with the secret key as the password': [
    {
      id: 'secret-key-as-password',
      confidence: 'certain',
      title: 'The password is an IAM secret access key, not an SMTP password.',
      fix: 'Derive the SMTP password from that secret for eu-west-1 with "SES SMTP: Generate SMTP Password from IAM Secret Key" and use the result (44 characters).',
    },
  ],
  '535 with a legacy v2 password': [
    {
      id: 'legacy-v2',
      confidence: 'certain',
      title: 'The password is a legacy version 2 SMTP password, which SES no longer accepts.',
      fix: 'Derive a version 4 password for eu-west-1 from the same IAM secret key.',
    },
  ],
  '535 with a malformed password': [
    {
      id: 'malformed-password',
      confidence: 'certain',
      title: 'The password is not an SES SMTP password: Problem: it is 7 characters long; SES SMTP passwords are 44.',
      fix: 'SES SMTP passwords are 44 characters and start with "B". Derive one from the IAM secret key for your region.',
    },
  ],
  '535, host in eu-central-1, credentials meant for eu-west-1': [
    {
      id: 'host-region-mismatch',
      confidence: 'likely',
      title: 'The host is in eu-central-1 but the credentials are for eu-west-1.',
      fix: 'Use email-smtp.eu-west-1.amazonaws.com, or derive the password for eu-central-1.',
    },
    {
      id: 'wrong-region',
      confidence: 'likely',
      title: 'The password may have been derived for another region than eu-west-1.',
      fix: 'v4 SMTP passwords work in one region only. Give the IAM secret key to "Check SMTP Login" to find the region it was made for, or derive it again for this region.',
    },
    {
      id: 'key-inactive',
      confidence: 'possible',
      title: 'The access key may have been deleted, deactivated or rotated since the password was made.',
      fix: 'Check the key in IAM; create a new one and derive the password again if needed.',
    },
    {
      id: 'password-not-from-secret',
      confidence: 'possible',
      title: 'The password may belong to a different access key than the username.',
      fix: 'Use the username and password from the same credentials (the SES console shows them together once).',
    },
  ],
  '535, the secret says the password is for another region': [
    {
      id: 'wrong-region',
      confidence: 'certain',
      title: 'The password was derived for eu-west-1, not eu-central-1.',
      fix: 'Derive the password again for eu-central-1, or send through email-smtp.eu-west-1.amazonaws.com.',
    },
  ],
  '535, the password is not from the given secret': [
    {
      id: 'password-not-from-secret',
      confidence: 'certain',
      title: 'The password was not derived from this secret access key (for any known region).',
      fix: 'It belongs to another access key, or was mistyped. Derive it again from the secret of the access key used as username.',
    },
  ],
  '535, the password matches: the key is refused (inactive)': [
    {
      id: 'key-inactive',
      confidence: 'certain',
      title:
        'The password matches the secret and region, so the access key itself is refused: it was deleted, deactivated or rotated, or belongs to another account.',
      fix: 'Check the key in IAM (Users → Security credentials). Create a new access key if needed and derive the password again.',
    },
  ],
  '535, the password matches, key state unknown': [
    {
      id: 'key-inactive',
      confidence: 'likely',
      title:
        'The password matches the secret and region, so the access key itself is refused: it was deleted, deactivated or rotated, or belongs to another account.',
      fix: 'Check the key in IAM (Users → Security credentials). Create a new access key if needed and derive the password again.',
    },
  ],
  '535 without the secret: the possible causes': [
    {
      id: 'wrong-region',
      confidence: 'likely',
      title: 'The password may have been derived for another region than eu-west-1.',
      fix: 'v4 SMTP passwords work in one region only. Give the IAM secret key to "Check SMTP Login" to find the region it was made for, or derive it again for this region.',
    },
    {
      id: 'key-inactive',
      confidence: 'possible',
      title: 'The access key may have been deleted, deactivated or rotated since the password was made.',
      fix: 'Check the key in IAM; create a new one and derive the password again if needed.',
    },
    {
      id: 'password-not-from-secret',
      confidence: 'possible',
      title: 'The password may belong to a different access key than the username.',
      fix: 'Use the username and password from the same credentials (the SES console shows them together once).',
    },
  ],
  '530 STARTTLS first': [
    {
      id: 'starttls-required',
      confidence: 'certain',
      title: 'The client tried to log in before starting TLS.',
      fix: 'Turn on STARTTLS (for example nodemailer requireTLS: true, Django EMAIL_USE_TLS=True, Rails enable_starttls_auto: true) on ports 587/2587, or use implicit TLS on 465/2465.',
    },
  ],
  '530 authentication required': [
    {
      id: 'auth-required',
      confidence: 'certain',
      title: 'The client sent mail without logging in (530 Authentication required).',
      fix: 'Configure the SMTP username and password in the client; SES accepts no unauthenticated mail.',
    },
  ],
  '554 configuration set missing': [
    {
      id: 'configuration-set-missing',
      confidence: 'certain',
      title: 'Configuration set "events" does not exist in eu-west-1.',
      fix: 'Configuration sets are per region: create "events" in the SES console (Configuration sets) in eu-west-1, pick one that exists there, or send without X-SES-CONFIGURATION-SET. A default configuration set on the identity that was deleted fails the same way: remove it from the identity.',
    },
  ],
  '554 invalid message tag': [
    {
      id: 'message-tag-invalid',
      confidence: 'certain',
      title: 'SES refused the message tag value "a.b" in X-SES-MESSAGE-TAGS.',
      fix: 'Tag names and values may contain only ASCII letters, digits, "_" and "-" (at most 256 characters each), written as "name1=value1, name2=value2": replace dots, colons, @ and spaces (for example order_id=A-42).',
    },
  ],
  '554 ARN for another region': [
    {
      id: 'arn-region',
      confidence: 'certain',
      title:
        'The sending-authorization ARN arn:aws:ses:us-east-1:123456789012:identity/example.com is for us-east-1, not eu-west-1.',
      fix: "Sending authorization works only in the identity's region: use the identity owner's ARN in eu-west-1, or send with credentials (and the SMTP endpoint) of us-east-1.",
    },
  ],
  '554 ARN not covering From': [
    {
      id: 'arn-identity',
      confidence: 'certain',
      title:
        'The sending-authorization ARN arn:aws:ses:eu-west-1:123456789012:identity/other.com does not cover the From address.',
      fix: 'The source and From ARNs must name the From address or its domain: use the ARN of that identity (the owner shares it with its sending authorization policy), or change From to an address it covers.',
    },
  ],
  '554 From not verified': [
    {
      id: 'identity-not-verified',
      confidence: 'certain',
      title: 'Not verified in eu-west-1: app@example.com.',
      fix: 'Verify the From domain or address in SES in eu-west-1 (identities are per region). In the sandbox, recipients must be verified too, or use the mailbox simulator (success@simulator.amazonses.com); request production access to send to anyone.',
    },
  ],
  '554 sender and recipient not verified (sandbox)': [
    {
      id: 'identity-not-verified',
      confidence: 'certain',
      title: 'Not verified in eu-west-1: app@example.com, you@example.org.',
      fix: 'Verify the From domain or address in SES in eu-west-1 (identities are per region). In the sandbox, recipients must be verified too, or use the mailbox simulator (success@simulator.amazonses.com); request production access to send to anyone.',
    },
    {
      id: 'sandbox-recipient',
      confidence: 'likely',
      title: 'Several identities failed: in the SES sandbox the recipients must be verified as well.',
      fix: 'Verify the recipient, send to the mailbox simulator, or request production access for the account (SES console → Account dashboard → Request production access; https://docs.aws.amazon.com/ses/latest/dg/request-production-access.html).',
    },
  ],
  '554 access denied': [
    {
      id: 'iam-permission',
      confidence: 'certain',
      title: 'The IAM user behind these credentials may not call ses:SendRawEmail.',
      fix: 'Attach a policy that allows "ses:SendRawEmail" (optionally limited with ses:FromAddress) to the IAM user that owns the access key.',
    },
  ],
  '454 sending rate exceeded': [
    {
      id: 'throttled',
      confidence: 'certain',
      title: "Sending faster than the account's maximum send rate.",
      fix: 'Retry with backoff (5 s, 10 s, 30 s …) and send fewer messages per second, or request a higher rate.',
    },
  ],
  '454 daily quota': [
    {
      id: 'throttled',
      confidence: 'certain',
      title: 'The daily sending quota is used up.',
      fix: 'Wait until the 24-hour window frees up, or request a quota increase (the sandbox allows 200 a day).',
    },
  ],
  '421 too many connections': [
    {
      id: 'too-many-connections',
      confidence: 'certain',
      title: 'Too many SMTP connections at once.',
      fix: 'Use fewer concurrent connections (a pool of a few), and retry.',
    },
  ],
  '552 message too long': [
    {
      id: 'message-too-long',
      confidence: 'certain',
      title: 'The message is larger than SES accepts.',
      fix: 'Keep messages, including attachments after encoding, under the SES size limit (40 MB by default).',
    },
  ],
  '451 temporary failure': [
    {
      id: 'temporary-service',
      confidence: 'likely',
      title: 'A temporary failure at SES: 451 Temporary service failure',
      fix: 'Retry with backoff (5 s, 10 s, 30 s …).',
    },
  ],
  'refused on 587': [
    {
      id: 'nothing-listening',
      confidence: 'likely',
      title: 'Nothing accepted the connection on email-smtp.eu-west-1.amazonaws.com:587.',
      fix: 'Check the host and port: SES listens on 587 and 2587 (STARTTLS) and on 465 and 2465 (TLS). A local firewall or proxy may also reject the connection.',
    },
  ],
  'refused on 25': [
    {
      id: 'port-25-blocked',
      confidence: 'likely',
      title: 'Port 25 is blocked or throttled on this network (EC2 and many ISPs do this).',
      fix: 'Use port 587 or 2587 with STARTTLS, or 465/2465 with TLS.',
    },
  ],
  'connect timeout on 587': [
    {
      id: 'network-blocked',
      confidence: 'likely',
      title: 'No answer from the server on port 587: a firewall or network drops the connection.',
      fix: 'Allow outbound connections to the SES endpoint on 587 (or try 2587 or 465). Corporate and cloud networks often block SMTP ports.',
    },
  ],
  'connect timeout on 25': [
    {
      id: 'port-25-blocked',
      confidence: 'likely',
      title: 'Port 25 is blocked or throttled on this network (EC2 and many ISPs do this).',
      fix: 'Use port 587 or 2587 with STARTTLS, or 465/2465 with TLS.',
    },
  ],
  'greeting timeout on 465': [
    {
      id: 'no-greeting',
      confidence: 'likely',
      title: 'The connection opened but the server never sent its greeting.',
      fix: 'Port 465 expects TLS from the first byte: use implicit TLS (secure: true), not STARTTLS.',
    },
  ],
  'greeting timeout on 587': [
    {
      id: 'no-greeting',
      confidence: 'likely',
      title: 'The connection opened but the server never sent its greeting.',
      fix: 'If you connected with implicit TLS to a STARTTLS port (or plain SMTP to 465/2465), switch the TLS mode: STARTTLS on 587/2587/25, implicit TLS on 465/2465. Otherwise a proxy may be holding the connection.',
    },
  ],
  'STARTTLS timeout': [
    {
      id: 'tls-failed',
      confidence: 'likely',
      title: 'The TLS handshake did not finish in time.',
      fix: 'Something on the path may intercept TLS. Try another network or port 465 with implicit TLS.',
    },
  ],
  'timeout during DATA': [
    {
      id: 'connection-closed',
      confidence: 'possible',
      title: 'The server stopped answering during data.',
      fix: 'Retry later; if it persists, check for a proxy in the path.',
    },
  ],
  DNS: [
    {
      id: 'dns',
      confidence: 'certain',
      title: 'The host email-smtp.eu-west-1.amazonaws.com does not resolve.',
      fix: "Check the spelling and region: SES SMTP hosts are email-smtp.<region>.amazonaws.com, here email-smtp.eu-west-1.amazonaws.com. Also check this machine's DNS and proxy settings.",
    },
  ],
  'untrusted certificate': [
    {
      id: 'tls-certificate',
      confidence: 'likely',
      title: "The server's certificate was not trusted.",
      fix: 'A proxy or antivirus may be intercepting TLS, or the host is not the real SES endpoint. Connect directly to email-smtp.<region>.amazonaws.com; if your company proxy re-signs TLS, add its CA to NODE_EXTRA_CA_CERTS. For a relay you control, a saved credential set can trust its certificate by its SHA-256 fingerprint (Trust TLS Certificate of SMTP Relay…).',
    },
  ],
  'pinned certificate changed, both fingerprints named': [
    {
      id: 'tls-certificate-changed',
      confidence: 'likely',
      title: `The server's certificate is not the one trusted for these credentials: pinned SHA-256 ${'AA:'.repeat(31)}AA, presented SHA-256 ${'BB:'.repeat(31)}BB.`,
      fix: "Compare both fingerprints with the server's own (e.g. openssl x509 -noout -fingerprint -sha256). If the relay really has a new certificate, trust the new one (Trust TLS Certificate of SMTP Relay…); if not, something on the path intercepts the connection: send nothing through it.",
    },
  ],
  'pinned certificate changed': [
    {
      id: 'tls-certificate-changed',
      confidence: 'likely',
      title: "The server's certificate is not the one trusted for these credentials.",
      fix: "Compare both fingerprints with the server's own (e.g. openssl x509 -noout -fingerprint -sha256). If the relay really has a new certificate, trust the new one (Trust TLS Certificate of SMTP Relay…); if not, something on the path intercepts the connection: send nothing through it.",
    },
  ],
  'TLS handshake failed': [
    {
      id: 'tls-failed',
      confidence: 'likely',
      title: 'The TLS handshake failed: wrong version number',
      fix: 'SES requires TLS 1.2 or newer. Check for a proxy that intercepts TLS, and that the TLS mode matches the port (STARTTLS on 587/2587/25, implicit TLS on 465/2465).',
    },
  ],
  'no STARTTLS from an SES host': [
    {
      id: 'starttls-not-offered',
      confidence: 'likely',
      title: 'The server offers no STARTTLS.',
      fix: 'email-smtp.eu-west-1.amazonaws.com is an SES endpoint, and SES always offers STARTTLS on 25, 587 and 2587: something between you and SES (a proxy, antivirus or firewall that inspects SMTP) answers instead or strips STARTTLS. Try another network, port 2587, or implicit TLS on 465/2465, which such filters cannot strip.',
    },
  ],
  'no STARTTLS from another host': [
    {
      id: 'starttls-not-offered',
      confidence: 'likely',
      title: 'The server offers no STARTTLS.',
      fix: 'mail.example.com on port 587 is not an SES SMTP endpoint, or something intercepts the connection. Use email-smtp.<region>.amazonaws.com on 587 or 2587 (STARTTLS) or 465/2465 (implicit TLS).',
    },
  ],
  'no AUTH offered': [
    {
      id: 'not-ses-endpoint',
      confidence: 'likely',
      title: 'The server did not offer AUTH, which SES always does after TLS.',
      fix: 'Something between you and SES answers instead (a proxy, a local relay or a wrong host). Use email-smtp.eu-west-1.amazonaws.com.',
    },
  ],
  'closed at the greeting': [
    {
      id: 'connection-closed',
      confidence: 'possible',
      title: 'The server closed the connection during greeting.',
      fix: 'Check the TLS mode for the port (465/2465 need TLS from the first byte; 587/2587/25 start plain and use STARTTLS).',
    },
  ],
  'closed during DATA': [
    {
      id: 'connection-closed',
      confidence: 'possible',
      title: 'The server closed the connection during data.',
      fix: 'Retry; if it keeps happening, check for a proxy or firewall that cuts SMTP sessions.',
    },
  ],
  'a failure no rule reads': [
    {
      id: 'unknown',
      confidence: 'possible',
      title: 'Unexpected reply 500',
      fix: "Look at the transcript in the SES SMTP log for the server's exact reply.",
    },
  ],
};

describe('diagnosis advice, rule by rule', () => {
  test('every cause id a rule can give has a pinned case', () => {
    const seen = new Set(Object.values(EXPECTED).flatMap((causes) => causes.map((c) => c.id)));
    for (const id of [
      'secret-key-as-password',
      'wrong-region',
      'legacy-v2',
      'username-not-access-key',
      'temporary-key',
      'whitespace-or-quotes',
      'url-encoded',
      'malformed-password',
      'password-not-from-secret',
      'key-inactive',
      'host-region-mismatch',
      'not-subscribed',
      'port-25-blocked',
      'network-blocked',
      'nothing-listening',
      'dns',
      'no-greeting',
      'tls-certificate',
      'tls-certificate-changed',
      'tls-failed',
      'not-ses-endpoint',
      'starttls-required',
      'starttls-not-offered',
      'auth-required',
      'identity-not-verified',
      'sandbox-recipient',
      'iam-permission',
      'throttled',
      'temporary-service',
      'too-many-connections',
      'message-too-long',
      'connection-closed',
      'configuration-set-missing',
      'message-tag-invalid',
      'arn-region',
      'arn-identity',
      'unknown',
    ])
      assert.ok(seen.has(id as Cause['id']), id);
    assert.equal(Object.keys(EXPECTED).length, CASES.length);
  });
  for (const c of CASES) {
    test(c.name, () => assert.deepEqual(diagnose(c.check, c.known ?? {}), EXPECTED[c.name]));
  }
});

describe('diagnosis false alarms: the correct setup next to the near miss', () => {
  for (const c of FALSE_ALARMS) {
    test(c.name, () => {
      const ids = diagnose(c.check, c.known ?? {}).map((x) => x.id);
      for (const id of c.not) assert.ok(!ids.includes(id as Cause['id']), `${id} in ${ids.join(', ')}`);
    });
  }
  test('a rate throttle is named as the rate, not the daily quota', () => {
    const rate = FALSE_ALARMS.find((c) => c.name.startsWith('a rate throttle'))!;
    assert.equal(diagnose(rate.check)[0].title, "Sending faster than the account's maximum send rate.");
  });
  test('success and cancel have no causes', () => {
    for (const c of FALSE_ALARMS.filter((x) => /success|cancelled/.test(x.name)))
      assert.deepEqual(diagnose(c.check), []);
  });
});
