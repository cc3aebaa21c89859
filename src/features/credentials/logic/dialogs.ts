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

/** Turning certificate verification off (allow) or on again for one set. */
export function trustDialog(name: string, allow: boolean): Dialog<'allow' | 'verify'> {
  return allow
    ? {
        message: `Accept untrusted TLS certificates for "${name}"?`,
        detail:
          'Only for a relay or test server you control. With verification off, anything between you and the ' +
          'server can read the SMTP password. The real SES endpoints always have valid certificates: never do ' +
          'this for them.',
        buttons: [{ label: 'Accept Untrusted Certificates', choice: 'allow' }],
      }
    : {
        message: `Verify TLS certificates for "${name}" again?`,
        detail:
          'Certificate verification is off for these credentials (you opted in). Turning it on refuses a ' +
          'server whose certificate is not trusted, as for any SES endpoint.',
        buttons: [{ label: 'Verify Certificates', choice: 'verify' }],
      };
}
