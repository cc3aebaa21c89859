// Masking for the doctor's report, its Markdown and the log lines of a run: the same function as
// every other output (smtp/redact.ts: each secret in every form a text could carry it, and the SMTP
// passwords derived from an IAM secret key), then the username shortened to AKIA…XXXX.
import { makeRedactor } from '../smtp/redact';
import { maskKeyId } from './key';

/** A masking function for these secrets and this username, built once. */
export function makeMasker(secrets: ReadonlyArray<string | undefined>, username?: string): (text: string) => string {
  const user = typeof username === 'string' ? username : '';
  const redact = makeRedactor(secrets, user);
  const short = user.length >= 4 ? maskKeyId(user) : undefined;
  return (text) => {
    const out = redact(String(text ?? ''));
    return short === undefined ? out : out.split(user).join(short);
  };
}

export function maskText(text: string, secrets: ReadonlyArray<string | undefined>, username?: string): string {
  return makeMasker(secrets, username)(text);
}
