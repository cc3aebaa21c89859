// Masking for the doctor's report: the SMTP password in every form a text could carry it (raw,
// base64, URL-encoded, AUTH PLAIN; the same forms as redactSecrets in smtp/session.ts, which this
// cannot import without pulling nodemailer into dist/extension.js), and the username as AKIA…XXXX.
import { maskKeyId } from './key';

export function secretForms(secret: string, username = ''): string[] {
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  return [
    secret,
    b64,
    b64.replace(/=+$/, ''),
    encodeURIComponent(secret),
    Buffer.from(`\0${username}\0${secret}`, 'utf8').toString('base64'),
    Buffer.from(`${username}\0${username}\0${secret}`, 'utf8').toString('base64'),
  ];
}

export function maskText(text: string, secrets: ReadonlyArray<string | undefined>, username?: string): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of [...new Set(secretForms(secret, username))].sort((a, b) => b.length - a.length))
      out = out.split(form).join('********');
  }
  if (username && username.length >= 4) out = out.split(username).join(maskKeyId(username));
  return out;
}
