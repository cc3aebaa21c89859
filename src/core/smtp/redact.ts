// Masking of secrets in anything a session records: transcript lines, server replies, errors.

export const MASK = '********';

/** Replaces every form of a secret a transcript could carry: raw, base64, URL-encoded, AUTH PLAIN blob. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>, username = ''): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    const forms = new Set<string>([
      secret,
      Buffer.from(secret, 'utf8').toString('base64'),
      Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
      encodeURIComponent(secret),
      Buffer.from(`\0${username}\0${secret}`, 'utf8').toString('base64'),
      Buffer.from(`${username}\0${username}\0${secret}`, 'utf8').toString('base64'),
    ]);
    for (const form of [...forms].sort((a, b) => b.length - a.length)) {
      if (form) out = out.split(form).join(MASK);
    }
  }
  return out;
}

/** A client line sent while authenticating: everything after the AUTH verb is credentials. */
export function maskAuthLine(text: string): string {
  const verb = /^AUTH\s+\S+/i.exec(text);
  return verb ? `${verb[0]} ${MASK}` : MASK;
}
