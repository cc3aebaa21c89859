import { expectObject } from '../../../base/guards';
// The text of the credential modals. Pure and vscode-free. A modal's message asks the question;
// its detail says everything needed to answer it (what each button does), never hidden elsewhere.

export interface Dialog<C extends string = string> {
  message: string;
  detail: string;
  buttons: Array<{ label: string; choice: C }>;
}

export type PasswordChoice = 'derive' | 'clean' | 'as-typed';

/** When a pasted password is not a clean v4 SMTP password: what it is, and what each button saves. */
export function passwordProblemDialog(problem: {
  summary: string;
  /** What the value is once cleaned: an IAM secret key can be turned into a password. */
  effective: string;
  /** Cleaning (trim, unquote, URL-decode) turned it into a v4 password. */
  cleanable: boolean;
  region?: string;
}): Dialog<PasswordChoice> {
  expectObject(problem, 'passwordProblemDialog', 'problem');
  const buttons: Dialog<PasswordChoice>['buttons'] = [];
  const lines = [problem.summary, ''];
  if (problem.effective === 'iam-secret' && problem.region) {
    const where = problem.region;
    buttons.push({ label: `Derive the SMTP Password for ${where}`, choice: 'derive' });
    lines.push(
      `Derive: saves the SMTP password made from this secret key for ${where}; the secret key itself is not kept.`,
    );
  } else if (problem.effective === 'iam-secret') {
    // Never offered when it would fail: deriving needs the region, which a relay's host does not name.
    lines.push(
      'To save the SMTP password made from this secret key, give the SES region too (Add SMTP Credentials asks it when the password is typed).',
    );
  } else if (problem.cleanable) {
    buttons.push({ label: 'Save Cleaned Value', choice: 'clean' });
    lines.push('Save Cleaned Value: saves it without the spaces, quotes or URL encoding around it.');
  }
  buttons.push({ label: 'Save As Typed', choice: 'as-typed' });
  lines.push('Save As Typed: saves exactly what was pasted; Check Login then tells whether SES accepts it.');
  lines.push('Cancel: back to the password.');
  return { message: 'This is not an SES SMTP password as it stands.', detail: lines.join('\n'), buttons };
}

export function deleteDialog(name: string): Dialog<'delete'> {
  return {
    message: `Delete the credential set "${name}"?`,
    detail:
      "Its password is removed from the editor's secret storage. The IAM user and its access key are not " +
      'touched: delete those in the IAM console if they are no longer used.',
    buttons: [{ label: 'Delete', choice: 'delete' }],
  };
}

export function forgetAllDialog(count: number): Dialog<'forget'> {
  return {
    message: `Forget all ${count} SMTP credential set${count === 1 ? '' : 's'} and their passwords?`,
    detail: "The passwords are removed from the editor's secret storage. IAM users and access keys are not touched.",
    buttons: [{ label: 'Forget All', choice: 'forget' }],
  };
}

/** The certificate a server showed, as the trust dialog presents it. */
export interface ShownCertificate {
  subject: string;
  issuer: string;
  validFrom?: string;
  validTo?: string;
  /** SHA-256, "AB:CD:…". */
  sha256?: string;
  /** Node verified the chain and the host name. */
  trusted: boolean;
  /** Why it does not verify (Node's code or message). */
  error?: string;
}

/**
 * Trusting one server certificate for one set, by its SHA-256 fingerprint. The detail shows what a
 * user compares with the server's own fingerprint: subject, issuer, validity and the fingerprint.
 */
export function pinDialog(
  name: string,
  endpoint: string,
  cert: ShownCertificate,
  pinned: string | undefined,
  now: Date = new Date(),
): Dialog<'pin' | 'unpin'> {
  expectObject(cert, 'pinDialog', 'cert');
  const expired = cert.validTo !== undefined && new Date(cert.validTo).getTime() < now.getTime();
  const lines = [
    `Server: ${endpoint}`,
    `Subject: ${cert.subject}`,
    `Issuer: ${cert.issuer}`,
    `Valid: ${cert.validFrom ?? '?'} to ${cert.validTo ?? '?'}${expired ? ' (EXPIRED)' : ''}`,
    `SHA-256 fingerprint: ${cert.sha256 ?? 'none'}`,
    '',
    cert.trusted
      ? 'It verifies as usual (a trusted issuer and the right host name).'
      : `It does not verify: ${cert.error ?? 'untrusted'}.`,
  ];
  if (pinned && pinned !== cert.sha256)
    lines.push(
      `It is NOT the certificate trusted so far (SHA-256 ${pinned}): trust it only if the server's owner ` +
        'confirms the new fingerprint.',
    );
  lines.push(
    '',
    "Compare the fingerprint with the server's own (e.g. openssl x509 -noout -fingerprint -sha256 -in cert.pem).",
    `Trust This Certificate: logins and test mails with "${name}" accept exactly this certificate, besides ` +
      'those that verify as usual; any other certificate is refused.',
  );
  const buttons: Dialog<'pin' | 'unpin'>['buttons'] = [{ label: 'Trust This Certificate', choice: 'pin' }];
  if (pinned) {
    buttons.push({ label: 'Stop Trusting the Pinned Certificate', choice: 'unpin' });
    lines.push('Stop Trusting: only certificates that verify as usual are accepted again.');
  }
  return {
    // The fingerprint is in the question itself: it is what the user compares.
    message: `Trust the certificate of ${endpoint} with SHA-256 fingerprint ${cert.sha256 ?? 'none'} for "${name}"?`,
    detail: lines.join('\n'),
    buttons,
  };
}
