import { expectList, expectObject } from '../../../base/guards';
// The next step a result notification offers, per result. Pure and vscode-free: the features show
// these labels as notification buttons and act on the one picked.

export const NEXT = {
  showLog: 'Show Log',
  sendTestEmail: 'Send Test Email',
  diagnose: 'Diagnose',
  checkLogin: 'Check Login',
  findRegion: 'Find Region with Secret Key…',
  generate: 'Generate Password…',
  copyPassword: 'Copy Password',
  copyUsername: 'Copy Username',
  saveAsSet: 'Save as Credential Set…',
  trustCertificate: 'Trust Certificate…',
  trustNewCertificate: 'Trust the New Certificate…',
} as const;

export type NextAction = (typeof NEXT)[keyof typeof NEXT];

/** The action that fixes the most likely cause of a failed login, if there is one. */
export function fixAction(
  topCause: string | undefined,
  hasSecretKey: boolean,
  savedSet = false,
): NextAction | undefined {
  if (topCause === 'wrong-region') return hasSecretKey ? NEXT.generate : NEXT.findRegion;
  // A certificate is trusted per saved set: without one there is nothing to pin it on.
  if (topCause === 'tls-certificate' && savedSet) return NEXT.trustCertificate;
  if (topCause === 'tls-certificate-changed' && savedSet) return NEXT.trustNewCertificate;
  if (topCause === 'secret-key-as-password' || topCause === 'legacy-v2') return NEXT.generate;
  return undefined;
}

/** After a login check: success leads to sending; a failure to the log, the diagnosis and its fix. */
export function afterCheckLogin(outcome: {
  ok: boolean;
  topCause?: string;
  hasSecretKey: boolean;
  /** The check ran with a saved set (a certificate can be trusted for it). */
  savedSet?: boolean;
}): NextAction[] {
  expectObject(outcome, 'afterCheckLogin', 'outcome');
  if (outcome.ok) return [NEXT.sendTestEmail, NEXT.showLog];
  const fix = fixAction(outcome.topCause, outcome.hasSecretKey, outcome.savedSet === true);
  return fix ? [NEXT.showLog, NEXT.diagnose, fix] : [NEXT.showLog, NEXT.diagnose];
}

/** After a password was derived: copy it, or keep it as a credential set. */
export function afterGenerate(): NextAction[] {
  return [NEXT.copyPassword, NEXT.copyUsername, NEXT.saveAsSet];
}

/** After a credential set was saved. */
export function afterSave(): NextAction[] {
  return [NEXT.checkLogin, NEXT.sendTestEmail];
}

/** The body of the Diagnose dialog: every likely cause with its fix, most likely first. */
export function diagnosisDetail(causes: ReadonlyArray<{ title: string; fix: string }>): string {
  expectList(causes, 'diagnosisDetail', 'causes');
  if (causes.length === 0) return 'No known cause matches this failure. The log has the full transcript.';
  return causes.map((c, i) => `${i + 1}. ${c.title}\nFix: ${c.fix}`).join('\n\n');
}
