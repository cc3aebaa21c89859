// The functions features offer one another. One FeatureCalls is created in extension.ts and passed
// to the features; the feature that owns a command fills in its function when it registers it (the
// very function the command runs: its argument checked, its errors reported). A caller gets types
// and a link it can follow, instead of an executeCommand string.
import type { CredentialSet } from '../base/credentialSets';

export type Call<A, R> = (args?: A) => Promise<R | undefined>;

function notRegistered(name: string): Call<unknown, never> {
  return () => Promise.reject(new Error(`${name} is called before its feature registered it.`));
}

export class FeatureCalls {
  /** Add SMTP Credentials (prompts for what the argument object lacks). */
  addCredentials: Call<object, CredentialSet> = notRegistered('addCredentials');
  /** Check Login of a saved credential set. */
  checkCredentialSet: Call<{ credentialSet: string }, unknown> = notRegistered('checkCredentialSet');
  /** Check SMTP Login with the given fields. */
  checkLogin: Call<object, unknown> = notRegistered('checkLogin');
  /** Opens the Send Test Email form, or sends with the given fields. */
  sendTestEmail: Call<{ credentialSet?: string }, unknown> = notRegistered('sendTestEmail');
  /** Trust TLS Certificate of SMTP Relay: shows the server's certificate and pins it for the set. */
  trustCertificate: Call<{ credentialSet: string }, CredentialSet> = notRegistered('trustCertificate');
  /** Generate SMTP Password from IAM Secret Key (asks for what the argument object lacks). */
  generatePassword: Call<{ accessKeyId?: string; region?: string }, unknown> = notRegistered('generatePassword');
}
