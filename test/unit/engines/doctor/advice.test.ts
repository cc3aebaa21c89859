// Every Doctor rule (src/core/doctor: endpoint, ports, TLS, login, key, permission, account,
// identity, recipients, DNS) with its advice pinned: for one input per branch, the whole list of
// findings (verdict, title, fix, evidence, weight, cause) held exactly, so a changed word, a lost
// branch or a changed weight fails here. The cases marked "(false alarm)" are correct setups next
// to a near miss, which must come out as a pass. Inputs are in adviceCases.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../../src/engines/doctor/types';
import { DOCTOR_CASES, PIN_A, PIN_B } from './adviceCases';

export const EXPECTED: Record<string, Finding[]> = {
  'endpoint: an IP address': [
    {
      check: 'endpoint',
      verdict: 'pass',
      title: 'The host 127.0.0.1 is an IP address; no name to resolve.',
      evidence: [],
      weight: 0,
    },
  ],
  'endpoint: resolves': [
    {
      check: 'endpoint',
      verdict: 'pass',
      title: 'email-smtp.eu-west-1.amazonaws.com resolves.',
      evidence: ['email-smtp.eu-west-1.amazonaws.com → 52.0.0.1, 52.0.0.2'],
      weight: 0,
    },
  ],
  'endpoint: does not resolve': [
    {
      check: 'endpoint',
      verdict: 'fail',
      title: 'The SMTP host email-smtp.eu-west-1.amazonaws.com does not resolve (ENOTFOUND).',
      evidence: ['lookup email-smtp.eu-west-1.amazonaws.com: ENOTFOUND'],
      fix: "Check the host name (SES's is email-smtp.eu-west-1.amazonaws.com) and this machine's DNS or proxy settings.",
      weight: 99,
      cause: 'endpoint-dns',
    },
  ],
  'ports: all reachable': [
    {
      check: 'ports',
      verdict: 'pass',
      title: 'All probed ports are reachable (587, 2587, 465, 2465, 25).',
      evidence: ['587: open (5 ms)', '2587: open (6 ms)', '465: open (7 ms)', '2465: open (8 ms)', '25: open (9 ms)'],
      weight: 0,
    },
  ],
  "ports: the client's port blocked, only implicit-TLS ports open": [
    {
      check: 'ports',
      verdict: 'fail',
      title:
        'Port 587 on email-smtp.eu-west-1.amazonaws.com is blocked from here: corporate networks and some hosting providers block outgoing SMTP ports.',
      evidence: [
        '587: no answer (a firewall drops it)',
        '2587: no answer (a firewall drops it)',
        '465: open (7 ms)',
        '2465: open (8 ms)',
        '25: refused (nothing listens, or a firewall rejects it)',
      ],
      fix: 'Use port 465 (465/2465 need implicit TLS). Ports that work from here: 465, 2465.',
      weight: 86,
      cause: 'port-blocked',
    },
  ],
  "ports: the client's port blocked, 2587 open": [
    {
      check: 'ports',
      verdict: 'fail',
      title:
        'Port 587 on email-smtp.eu-west-1.amazonaws.com is blocked from here: corporate networks and some hosting providers block outgoing SMTP ports.',
      evidence: [
        '587: no answer (a firewall drops it)',
        '2587: open (6 ms)',
        '465: open (7 ms)',
        '2465: open (8 ms)',
        '25: no answer (a firewall drops it)',
      ],
      fix: 'Use port 2587. Ports that work from here: 2587, 465, 2465.',
      weight: 86,
      cause: 'port-blocked',
    },
  ],
  'ports: nothing reachable': [
    {
      check: 'ports',
      verdict: 'fail',
      title:
        'Port 587 on email-smtp.eu-west-1.amazonaws.com is blocked from here: corporate networks and some hosting providers block outgoing SMTP ports.',
      evidence: [
        '587: no answer (a firewall drops it)',
        '2587: no answer (a firewall drops it)',
        '465: no answer (a firewall drops it)',
        '2465: no answer (a firewall drops it)',
        '25: no answer (a firewall drops it)',
      ],
      fix: 'Allow outbound connections to email-smtp.eu-west-1.amazonaws.com on 587 (or 2587/465/2465), or send from another network.',
      weight: 90,
      cause: 'port-blocked',
    },
  ],
  "ports: only 25 blocked, the client's 587 works": [
    {
      check: 'ports',
      verdict: 'warn',
      title: 'Port 25 blocked from here; port 587 works.',
      evidence: [
        '587: open (5 ms)',
        '2587: open (6 ms)',
        '465: open (7 ms)',
        '2465: open (8 ms)',
        '25: no answer (a firewall drops it)',
      ],
      fix: 'Keep using port 587; blocked: 25 (cloud providers block 25).',
      weight: 8,
      cause: 'other-port-blocked',
    },
  ],
  'tls: no connection': [
    {
      check: 'tls',
      verdict: 'skipped',
      title: 'TLS not checked: no connection on port 587 (ECONNRESET).',
      evidence: [],
      weight: 0,
    },
  ],
  'tls: untrusted, and exactly the certificate pinned for the set': [
    {
      check: 'tls',
      verdict: 'pass',
      title: 'The certificate does not verify, and it is exactly the one trusted (pinned) for these credentials.',
      evidence: [
        'subject: CN=email-smtp.eu-west-1.amazonaws.com',
        'issuer: CN=relay',
        'names: email-smtp.eu-west-1.amazonaws.com',
        `SHA-256: ${PIN_A}`,
        'error: self-signed certificate',
      ],
      weight: 0,
    },
  ],
  'tls: untrusted, and not the certificate pinned for the set (it changed)': [
    {
      check: 'tls',
      verdict: 'fail',
      title: 'The TLS certificate on port 587 is not the one trusted for these credentials: it changed.',
      evidence: [
        'subject: CN=email-smtp.eu-west-1.amazonaws.com',
        'issuer: CN=relay',
        'names: email-smtp.eu-west-1.amazonaws.com',
        `SHA-256: ${PIN_B}`,
        `pinned SHA-256: ${PIN_A}`,
        'error: self-signed certificate',
      ],
      fix: "Compare the fingerprints with the server's own. If the relay really has a new certificate, trust the new one (Trust TLS Certificate of SMTP Relay…); if not, something intercepts the connection.",
      weight: 78,
      cause: 'tls-pin-changed',
    },
  ],
  'tls (near miss): a set with a pin whose server presents a certificate that verifies': [
    {
      check: 'tls',
      verdict: 'pass',
      title: 'TLS certificate is valid (issuer "CN=Amazon RSA 2048 M01, O=Amazon, C=US").',
      evidence: [
        'subject: CN=email-smtp.eu-west-1.amazonaws.com',
        'issuer: CN=Amazon RSA 2048 M01, O=Amazon, C=US',
        'names: email-smtp.eu-west-1.amazonaws.com',
        `SHA-256: ${PIN_B}`,
      ],
      weight: 0,
    },
  ],
  'tls: untrusted': [
    {
      check: 'tls',
      verdict: 'fail',
      title:
        'The TLS certificate on port 587 is not trusted (issuer "CN=Corp Proxy CA"): something intercepts TLS, such as a proxy or antivirus.',
      evidence: [
        'subject: CN=email-smtp.eu-west-1.amazonaws.com',
        'issuer: CN=Corp Proxy CA',
        'names: email-smtp.eu-west-1.amazonaws.com',
        'error: unable to verify',
      ],
      fix: 'Connect without the intercepting proxy, or add its CA to NODE_EXTRA_CA_CERTS if your company requires it.',
      weight: 78,
      cause: 'tls-intercepted',
    },
  ],
  'tls: an SES host with a trusted non-Amazon issuer': [
    {
      check: 'tls',
      verdict: 'warn',
      title:
        'The certificate is trusted but issued by "CN=Corp Proxy CA", not Amazon: a proxy re-signs TLS on this network.',
      evidence: [
        'subject: CN=email-smtp.eu-west-1.amazonaws.com',
        'issuer: CN=Corp Proxy CA',
        'names: email-smtp.eu-west-1.amazonaws.com',
      ],
      fix: 'The proxy sees the SMTP password. Send from a network without TLS interception if you can.',
      weight: 35,
      cause: 'tls-proxy',
    },
  ],
  'tls: Amazon': [
    {
      check: 'tls',
      verdict: 'pass',
      title: 'TLS certificate is valid (issuer "CN=Amazon RSA 2048 M01, O=Amazon, C=US").',
      evidence: [
        'subject: CN=email-smtp.eu-west-1.amazonaws.com',
        'issuer: CN=Amazon RSA 2048 M01, O=Amazon, C=US',
        'names: email-smtp.eu-west-1.amazonaws.com',
      ],
      weight: 0,
    },
  ],
  'tls (false alarm): a relay of ours with a trusted non-Amazon issuer is fine': [
    {
      check: 'tls',
      verdict: 'pass',
      title: 'TLS certificate is valid (issuer "CN=Let\'s Encrypt R3").',
      evidence: [
        'subject: CN=email-smtp.eu-west-1.amazonaws.com',
        "issuer: CN=Let's Encrypt R3",
        'names: email-smtp.eu-west-1.amazonaws.com',
      ],
      weight: 0,
    },
  ],
  'login: accepted': [
    {
      check: 'login',
      verdict: 'pass',
      title: 'SMTP login accepted at email-smtp.eu-west-1.amazonaws.com:587.',
      evidence: ['phases: connect 10 ms ✓ · auth 20 ms ✓', 'TLS: TLSv1.3'],
      weight: 0,
    },
  ],
  'login: 535 with an IAM user name': [
    {
      check: 'login',
      verdict: 'fail',
      title:
        'SMTP login failed at email-smtp.eu-west-1.amazonaws.com:587 (535 Authentication Credentials Invalid): The username is an IAM user name, not the access key id.',
      evidence: [
        'phases: connect 10 ms ✓ · auth 20 ms ✗',
        'failed in auth: Invalid login',
        'also possible (likely): The password may have been derived for another region than eu-west-1.',
        'also possible (possible): The access key may have been deleted, deactivated or rotated since the password was made.',
        'also possible (possible): The password may belong to a different access key than the username.',
      ],
      fix: 'Use the IAM access key id (AKIA…, 20 characters) as the SMTP username.',
      weight: 97,
      cause: 'username-not-access-key',
    },
  ],
  'login: refused': [
    {
      check: 'login',
      verdict: 'fail',
      title:
        'SMTP login failed at email-smtp.eu-west-1.amazonaws.com:587: Nothing accepted the connection on email-smtp.eu-west-1.amazonaws.com:587.',
      evidence: ['phases: connect 10 ms ✓ · auth 20 ms ✗', 'failed in connect: Connection refused'],
      fix: 'Check the host and port: SES listens on 587 and 2587 (STARTTLS) and on 465 and 2465 (TLS). A local firewall or proxy may also reject the connection.',
      weight: 60,
      cause: 'nothing-listening',
    },
  ],
  'key: active, used before': [
    {
      check: 'key',
      verdict: 'pass',
      title: 'The key is Active and belongs to IAM user smtp-user.',
      evidence: [
        'AKIA…MPLE belongs to account 111111111111',
        'the AWS profile is in account 111111111111',
        'IAM user smtp-user; last used 2026-11-01 10:00 UTC, service ses, region eu-west-1',
        'AKIA…MPLE: Active, created 2026-01-02',
      ],
      weight: 0,
    },
  ],
  "key: another account's": [
    {
      check: 'key',
      verdict: 'fail',
      title: "The access key AKIA…MPLE belongs to account 222222222222, not to the profile's account 111111111111.",
      evidence: ['AKIA…MPLE belongs to account 222222222222', 'the AWS profile is in account 111111111111'],
      fix: 'Look at SES and IAM in account 222222222222 (its identities, sandbox and policies apply), or use SMTP credentials of an IAM user in 111111111111.',
      weight: 90,
      cause: 'key-other-account',
    },
  ],
  'key: not found': [
    {
      check: 'key',
      verdict: 'fail',
      title: "The access key AKIA…MPLE does not exist in this account: it was deleted, or it is another account's.",
      evidence: ['AKIA…MPLE belongs to account 111111111111', 'the AWS profile is in account 111111111111'],
      fix: 'Create a new access key for the SMTP user and derive the SMTP password from its secret.',
      weight: 92,
      cause: 'key-not-found',
    },
  ],
  'key: inactive': [
    {
      check: 'key',
      verdict: 'fail',
      title: 'The access key AKIA…MPLE of IAM user smtp-user is Inactive: SES refuses every login with it.',
      evidence: [
        'AKIA…MPLE belongs to account 111111111111',
        'the AWS profile is in account 111111111111',
        'IAM user smtp-user; last used 2026-11-01 10:00 UTC, service ses, region eu-west-1',
        'AKIA…MPLE: Inactive',
      ],
      fix: 'Make the key Active again (IAM → Users → smtp-user → Security credentials), or create a new key and derive the SMTP password from it.',
      weight: 95,
      cause: 'key-inactive',
    },
  ],
  'key: never used, keys not listable': [
    {
      check: 'key',
      verdict: 'pass',
      title: 'The key belongs to IAM user smtp-user.',
      evidence: [
        'AKIA…MPLE belongs to account 111111111111',
        'the AWS profile is in account 111111111111',
        'IAM user smtp-user; the key has never been used (for any AWS call or SMTP)',
      ],
      weight: 0,
    },
    {
      check: 'key',
      verdict: 'skipped',
      title: 'skipped: needs iam:ListAccessKeys',
      evidence: [],
      weight: 0,
      cause: 'needs-permission',
    },
  ],
  'key: STS not allowed': [
    {
      check: 'key',
      verdict: 'pass',
      title: 'The key is Active and belongs to IAM user smtp-user.',
      evidence: [
        'IAM user smtp-user; last used 2026-11-01 10:00 UTC, service ses, region eu-west-1',
        'AKIA…MPLE: Active, created 2026-01-02',
      ],
      weight: 0,
    },
    {
      check: 'key',
      verdict: 'skipped',
      title: 'skipped: needs sts:GetAccessKeyInfo',
      evidence: [],
      weight: 0,
      cause: 'needs-permission',
    },
    {
      check: 'key',
      verdict: 'skipped',
      title: 'skipped: needs sts:GetCallerIdentity',
      evidence: [],
      weight: 0,
      cause: 'needs-permission',
    },
  ],
  'permission: allowed': [
    {
      check: 'permission',
      verdict: 'pass',
      title: 'IAM user smtp-user may call ses:SendRawEmail as app@example.com.',
      evidence: ['decision for ses:SendRawEmail as app@example.com: allowed', 'decided by: SendFromExample'],
      weight: 0,
    },
  ],
  'permission: explicit deny': [
    {
      check: 'permission',
      verdict: 'fail',
      title: 'An explicit Deny in DenyAll stops IAM user smtp-user from sending as app@example.com.',
      evidence: ['decision for ses:SendRawEmail as app@example.com: explicitDeny', 'decided by: DenyAll'],
      fix: 'Remove or narrow the Deny statement for ses:SendRawEmail (check its ses:FromAddress condition).',
      weight: 88,
      cause: 'explicit-deny',
    },
  ],
  'permission: implicit deny': [
    {
      check: 'permission',
      verdict: 'fail',
      title:
        'No policy of IAM user smtp-user allows ses:SendRawEmail as app@example.com: SES answers "554 Access denied".',
      evidence: ['decision for ses:SendRawEmail as app@example.com: implicitDeny'],
      fix: 'Attach a policy allowing "ses:SendRawEmail" (optionally limited with ses:FromAddress) to smtp-user.',
      weight: 88,
      cause: 'no-send-permission',
    },
  ],
  'permission: approximate, allowed by an inline policy': [
    {
      check: 'permission',
      verdict: 'pass',
      title:
        "IAM user smtp-user may call ses:SendRawEmail as app@example.com (approximate: iam:SimulatePrincipalPolicy is not allowed, so the user's own 1 policy was read; group policies, boundaries and SCPs were not).",
      evidence: ['decision for ses:SendRawEmail as app@example.com: allowed', 'decided by: ses-send'],
      weight: 0,
    },
  ],
  'permission: neither simulation nor policies allowed': [
    {
      check: 'permission',
      verdict: 'skipped',
      title:
        'skipped: needs iam:SimulatePrincipalPolicy (or iam:ListUserPolicies, iam:GetUserPolicy, iam:ListAttachedUserPolicies and iam:GetPolicyVersion to read the policies)',
      evidence: [],
      weight: 0,
      cause: 'needs-permission',
    },
  ],
  'account: not available': [
    {
      check: 'account',
      verdict: 'skipped',
      title: 'skipped: this endpoint does not offer GetAccount',
      evidence: [],
      weight: 0,
    },
  ],
  'account: paused': [
    {
      check: 'account',
      verdict: 'fail',
      title: 'Sending is paused for this account in eu-west-1.',
      evidence: [
        'production access: yes',
        'sending enabled: false',
        'enforcement: HEALTHY',
        'quota: 10 of 50000 sent in 24 h, 14/s',
      ],
      fix: 'Read the notice from AWS (SES console → Account dashboard, and email), fix the bounce or complaint cause, then ask AWS to resume sending.',
      weight: 93,
      cause: 'sending-disabled',
    },
  ],
  'account: shut down': [
    {
      check: 'account',
      verdict: 'fail',
      title: 'Sending is shut down for this account in eu-west-1.',
      evidence: [
        'production access: yes',
        'sending enabled: true',
        'enforcement: SHUTDOWN',
        'quota: 10 of 50000 sent in 24 h, 14/s',
      ],
      fix: 'Read the notice from AWS (SES console → Account dashboard, and email), fix the bounce or complaint cause, then ask AWS to resume sending.',
      weight: 93,
      cause: 'sending-disabled',
    },
  ],
  'account: quota used up': [
    {
      check: 'account',
      verdict: 'fail',
      title: 'The daily quota in eu-west-1 is used up (200 of 200).',
      evidence: [
        'production access: yes',
        'sending enabled: true',
        'enforcement: HEALTHY',
        'quota: 200 of 200 sent in 24 h, 14/s',
      ],
      fix: 'Wait for the 24-hour window, or request a higher quota.',
      weight: 85,
      cause: 'quota',
    },
  ],
  'account: probation': [
    {
      check: 'account',
      verdict: 'warn',
      title: 'The account is on probation in eu-west-1 (bounces or complaints too high).',
      evidence: [
        'production access: yes',
        'sending enabled: true',
        'enforcement: PROBATION',
        'quota: 10 of 50000 sent in 24 h, 14/s',
      ],
      fix: 'Lower the bounce and complaint rates before AWS pauses sending.',
      weight: 40,
      cause: 'probation',
    },
  ],
  'account: sandbox': [
    {
      check: 'account',
      verdict: 'warn',
      title: 'The account is in the SES sandbox in eu-west-1: only verified recipients, 200 mails a day.',
      evidence: [
        'production access: no (sandbox)',
        'sending enabled: true',
        'enforcement: HEALTHY',
        'quota: 10 of 200 sent in 24 h, 14/s',
      ],
      fix: 'Request production access (SES console → Account dashboard) to send to anyone.',
      weight: 25,
      cause: 'sandbox',
    },
  ],
  'account: production': [
    {
      check: 'account',
      verdict: 'pass',
      title: 'Production access in eu-west-1, sending enabled.',
      evidence: [
        'production access: yes',
        'sending enabled: true',
        'enforcement: HEALTHY',
        'quota: 10 of 50000 sent in 24 h, 14/s',
      ],
      weight: 0,
    },
  ],
  'account (false alarm): 199 of 200 sent is not the quota used up': [
    {
      check: 'account',
      verdict: 'pass',
      title: 'Production access in eu-west-1, sending enabled.',
      evidence: [
        'production access: yes',
        'sending enabled: true',
        'enforcement: HEALTHY',
        'quota: 199 of 200 sent in 24 h, 14/s',
      ],
      weight: 0,
    },
  ],
  'identity: the domain verified here': [
    {
      check: 'identity',
      verdict: 'pass',
      title: 'example.com is verified in eu-west-1.',
      evidence: ['example.com: SUCCESS'],
      weight: 0,
    },
  ],
  'identity: the address verified here (domain not an identity)': [
    {
      check: 'identity',
      verdict: 'pass',
      title: 'app@example.com is verified in eu-west-1.',
      evidence: ['app@example.com: SUCCESS'],
      weight: 0,
    },
  ],
  'identity: only in another region': [
    {
      check: 'identity',
      verdict: 'fail',
      title:
        'app@example.com (or example.com) is verified in us-west-2, not in eu-west-1, the region these credentials send through.',
      evidence: [
        'in eu-west-1: neither app@example.com nor example.com exists',
        'verified in other regions: us-west-2',
      ],
      fix: 'SES identities are per region. Send through email-smtp.us-west-2.amazonaws.com with a password derived for us-west-2, or verify example.com in eu-west-1.',
      weight: 92,
      cause: 'identity-other-region',
    },
  ],
  'identity: pending here, DKIM pending': [
    {
      check: 'identity',
      verdict: 'fail',
      title: 'example.com is not verified yet in eu-west-1 (PENDING).',
      evidence: ['in eu-west-1: example.com PENDING', 'verified in other regions: none'],
      fix: 'Publish the DKIM records SES shows for it (see DNS below) or click the link in the verification mail.',
      weight: 84,
      cause: 'identity-pending',
    },
    {
      check: 'identity',
      verdict: 'warn',
      title: 'DKIM for example.com in eu-west-1 is PENDING.',
      evidence: ['DKIM: PENDING, origin AWS_SES'],
      fix: 'Publish the DKIM CNAMEs (see DNS below); mail without DKIM lands in spam or fails DMARC.',
      weight: 25,
      cause: 'dkim-not-verified',
    },
  ],
  'identity: nowhere': [
    {
      check: 'identity',
      verdict: 'fail',
      title: 'Neither app@example.com nor example.com is an SES identity in any region.',
      evidence: ['in eu-west-1: neither app@example.com nor example.com exists', 'verified in other regions: none'],
      fix: 'Create and verify example.com in SES in eu-west-1.',
      weight: 85,
      cause: 'identity-not-verified',
    },
  ],
  'identity: verified, DKIM failed, MAIL FROM pending': [
    {
      check: 'identity',
      verdict: 'pass',
      title: 'example.com is verified in eu-west-1.',
      evidence: ['example.com: SUCCESS'],
      weight: 0,
    },
    {
      check: 'identity',
      verdict: 'warn',
      title: 'DKIM for example.com in eu-west-1 is FAILED.',
      evidence: ['DKIM: FAILED, origin AWS_SES'],
      fix: 'Publish the DKIM CNAMEs (see DNS below); mail without DKIM lands in spam or fails DMARC.',
      weight: 35,
      cause: 'dkim-not-verified',
    },
    {
      check: 'identity',
      verdict: 'warn',
      title: 'The MAIL FROM domain mail.example.com is PENDING.',
      evidence: [],
      fix: 'Publish MX 10 feedback-smtp.eu-west-1.amazonses.com and the SPF record on mail.example.com.',
      weight: 20,
      cause: 'mail-from',
    },
  ],
  'identity: not allowed to look': [
    {
      check: 'identity',
      verdict: 'skipped',
      title: 'skipped: needs ses:GetEmailIdentity',
      evidence: [],
      weight: 0,
      cause: 'needs-permission',
    },
  ],
  'recipient: the mailbox simulator': [
    {
      check: 'recipient',
      verdict: 'pass',
      title: 'success@simulator.amazonses.com is the mailbox simulator.',
      evidence: [],
      weight: 0,
    },
  ],
  'recipient: not verified in the sandbox': [
    {
      check: 'recipient',
      verdict: 'fail',
      title: 'The account is in the sandbox in eu-west-1 and the recipient you@example.org is not verified there.',
      evidence: ['in eu-west-1: neither you@example.org nor its domain is a verified identity'],
      fix: 'Verify you@example.org in SES in eu-west-1, send to success@simulator.amazonses.com, or request production access.',
      weight: 82,
      cause: 'sandbox-recipient',
    },
  ],
  'recipient: suppressed': [
    {
      check: 'recipient',
      verdict: 'fail',
      title: "you@example.org is on the account's suppression list in eu-west-1 (BOUNCE): SES drops mail to it.",
      evidence: ['suppressed for BOUNCE since 2026-10-01'],
      fix: 'If the address works again, remove it (SES console → Suppression list, or aws sesv2 delete-suppressed-destination --email-address you@example.org).',
      weight: 80,
      cause: 'suppressed',
    },
  ],
  'recipient: production, not suppressed': [
    { check: 'recipient', verdict: 'pass', title: 'you@example.org is not suppressed.', evidence: [], weight: 0 },
  ],
  'recipient (false alarm): verified in the sandbox': [
    {
      check: 'recipient',
      verdict: 'pass',
      title: 'you@example.org is not suppressed and is verified.',
      evidence: [],
      weight: 0,
    },
  ],
  'dns: a required record missing': [
    {
      check: 'dns',
      verdict: 'warn',
      title: '1 required DNS record of example.com missing or wrong (DKIM).',
      evidence: [
        'TXT x.example.com: missing — Publish the DKIM CNAME x._domainkey.example.com',
        'TXT x.example.com: pass',
      ],
      fix: 'Publish the DKIM CNAME x._domainkey.example.com',
      weight: 30,
      cause: 'dns-records',
    },
  ],
  'dns: a recommended record missing': [
    {
      check: 'dns',
      verdict: 'warn',
      title: 'Recommended DNS records of example.com missing or wrong (DMARC).',
      evidence: ['TXT x.example.com: pass', 'TXT x.example.com: missing — Publish a DMARC record'],
      fix: 'Publish a DMARC record',
      weight: 10,
      cause: 'dns-recommended',
    },
  ],
  'dns: every lookup failed': [
    {
      check: 'dns',
      verdict: 'warn',
      title: 'DNS for example.com could not be checked: SERVFAIL',
      evidence: [
        'TXT x.example.com: error — SERVFAIL',
        'TXT x.example.com: error — SERVFAIL',
        'DKIM records not checked: SES gave no domain identity to read them from (none in this region, no AWS profile, or no permission).',
      ],
      weight: 5,
      cause: 'dns-error',
    },
  ],
  'dns: all in place': [
    {
      check: 'dns',
      verdict: 'pass',
      title: 'The DNS records of example.com are in place.',
      evidence: ['TXT x.example.com: pass', 'TXT x.example.com: pass'],
      weight: 0,
    },
  ],
  'ports: a custom host, its own port open (the SES ports not checked)': [
    {
      check: 'ports',
      verdict: 'pass',
      title: 'Port 2525 on smtp.example.com is reachable.',
      evidence: [
        '2525: open (4 ms)',
        'other SES ports (587, 2587, 465, 2465, 25) not checked: smtp.example.com is not an SES SMTP endpoint',
      ],
      weight: 0,
    },
  ],
  'ports: a custom host, its own port does not answer': [
    {
      check: 'ports',
      verdict: 'fail',
      title:
        'Port 2525 on smtp.example.com cannot be reached from here: refused (nothing listens, or a firewall rejects it).',
      evidence: [
        '2525: refused (nothing listens, or a firewall rejects it)',
        'other SES ports (587, 2587, 465, 2465, 25) not checked: smtp.example.com is not an SES SMTP endpoint',
      ],
      fix: 'Check that the server at smtp.example.com listens on port 2525, and that this network allows outbound connections to it (corporate networks and some hosting providers block outgoing SMTP ports).',
      weight: 90,
      cause: 'port-blocked',
    },
  ],
  'ports (false alarm): a custom host given the SES port list, the other SES ports closed': [
    {
      check: 'ports',
      verdict: 'pass',
      title: 'Port 587 on relay.example.com is reachable.',
      evidence: [
        '587: open (5 ms)',
        'other SES ports (2587, 465, 2465, 25) not checked: relay.example.com is not an SES SMTP endpoint',
      ],
      weight: 0,
    },
  ],
  'login: 535 with the access key': [
    {
      check: 'login',
      verdict: 'fail',
      title:
        'SMTP login failed at email-smtp.eu-west-1.amazonaws.com:587 (535 Authentication Credentials Invalid): The password may have been derived for another region than eu-west-1.',
      evidence: [
        'phases: connect 10 ms ✓ · auth 20 ms ✗',
        'failed in auth: Invalid login',
        'also possible (possible): The access key may have been deleted, deactivated or rotated since the password was made.',
        'also possible (possible): The password may belong to a different access key than the username.',
      ],
      fix: 'v4 SMTP passwords work in one region only. Give the IAM secret key to "Check SMTP Login" to find the region it was made for, or derive it again for this region.',
      weight: 70,
      cause: 'wrong-region',
    },
  ],
  'key: not found, STS not allowed': [
    {
      check: 'key',
      verdict: 'fail',
      title: "The access key AKIA…MPLE does not exist in this account: it was deleted, or it is another account's.",
      evidence: ['the AWS profile is in account 111111111111'],
      fix: 'Create a new access key for the SMTP user and derive the SMTP password from its secret.',
      weight: 92,
      cause: 'key-not-found',
    },
    {
      check: 'key',
      verdict: 'skipped',
      title: 'skipped: needs sts:GetAccessKeyInfo',
      evidence: [],
      weight: 0,
      cause: 'needs-permission',
    },
  ],
  'recipient: the sandbox unknown (ses:GetAccount not allowed)': [
    {
      check: 'recipient',
      verdict: 'skipped',
      title:
        'Sandbox verification of you@example.org not checked: whether the account is in the sandbox is unknown (needs ses:GetAccount).',
      evidence: [],
      weight: 0,
      cause: 'sandbox-unknown',
    },
    {
      check: 'recipient',
      verdict: 'pass',
      title: 'you@example.org is not suppressed.',
      evidence: [],
      weight: 0,
    },
  ],
  'recipient: in the sandbox, the identity lookup not allowed': [
    {
      check: 'recipient',
      verdict: 'skipped',
      title: 'skipped: needs ses:GetEmailIdentity',
      evidence: ['the sandbox verification of you@example.org was not checked'],
      weight: 0,
      cause: 'needs-permission',
    },
    {
      check: 'recipient',
      verdict: 'pass',
      title: 'you@example.org is not suppressed.',
      evidence: [],
      weight: 0,
    },
  ],
  'recipient: no AWS profile': [
    {
      check: 'recipient',
      verdict: 'skipped',
      title:
        'skipped: you@example.org (suppression list, sandbox verification): needs an AWS profile (for ses:GetSuppressedDestination)',
      evidence: [],
      weight: 0,
      cause: 'no-profile',
    },
    {
      check: 'recipient',
      verdict: 'pass',
      title: 'success@simulator.amazonses.com is the mailbox simulator.',
      evidence: [],
      weight: 0,
    },
  ],
};

describe('Doctor advice, rule by rule', () => {
  test('every cause a Doctor rule gives has a pinned case', () => {
    const seen = new Set(Object.values(EXPECTED).flatMap((list) => list.map((f) => f.cause)));
    for (const cause of [
      'endpoint-dns',
      'port-blocked',
      'other-port-blocked',
      'tls-pin-changed',
      'tls-intercepted',
      'tls-proxy',
      'username-not-access-key',
      'nothing-listening',
      'key-other-account',
      'key-not-found',
      'key-inactive',
      'needs-permission',
      'explicit-deny',
      'no-send-permission',
      'sending-disabled',
      'quota',
      'probation',
      'sandbox',
      'identity-other-region',
      'identity-pending',
      'identity-not-verified',
      'dkim-not-verified',
      'mail-from',
      'sandbox-recipient',
      'sandbox-unknown',
      'no-profile',
      'suppressed',
      'dns-records',
      'dns-recommended',
      'dns-error',
    ])
      assert.ok(seen.has(cause), cause);
    assert.deepEqual(Object.keys(EXPECTED).sort(), Object.keys(DOCTOR_CASES).sort());
  });
  for (const [name, run] of Object.entries(DOCTOR_CASES)) {
    test(name, async () => {
      const found = await run();
      assert.deepEqual(JSON.parse(JSON.stringify(found)), EXPECTED[name]);
      if (name.includes('(false alarm)'))
        assert.ok(
          found.every((f) => f.verdict === 'pass'),
          'a correct setup passes',
        );
    });
  }
});
