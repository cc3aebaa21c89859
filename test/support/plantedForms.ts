// Every form in which the project writes or reads a secret, built here with Node's own encoders
// (not the product's masking code), for the masking tests: each output must mask each of them.
// Each form comes with a context around it, as it would stand in a transcript, a log or a report.

export interface PlantedForm {
  name: string;
  /** The text as it would appear (context included). */
  text: string;
}

const b64 = (data: Buffer | string): string => Buffer.from(data).toString('base64');
const url64 = (data: Buffer | string): string => b64(data).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const lower = (encoded: string): string => encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
/** RFC 3986 strict: also ! ' ( ) * as %XX (what the extension writes into SMTP_URL). */
const strict = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function plantedForms(secret: string, username = 'AKIAIOSFODNN7EXAMPLE'): PlantedForm[] {
  const forms: PlantedForm[] = [
    { name: 'raw', text: `password ${secret} used` },
    { name: 'raw between letters', text: `x${secret}y` },
    { name: 'double-quoted', text: `SMTP_PASS="${secret.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` },
    {
      name: 'double-quoted, $ escaped',
      text: `SMTP_PASS="${secret.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$/g, '\\$')}"`,
    },
    { name: "single-quoted, ' escaped", text: `SMTP_PASS='${secret.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` },
    { name: 'JSON-escaped', text: JSON.stringify({ password: secret }) },
    { name: 'JSON-escaped with \\/', text: JSON.stringify({ password: secret }).replace(/\//g, '\\/') },
    { name: 'JSON inside JSON', text: JSON.stringify({ SecretString: JSON.stringify({ password: secret }) }) },
    { name: 'URL-encoded (encodeURIComponent)', text: `smtp://u:${encodeURIComponent(secret)}@host:587` },
    { name: 'URL-encoded, lower-case hex', text: `smtp://u:${lower(encodeURIComponent(secret))}@host:587` },
    { name: "URL-encoded strictly (%27 for ')", text: `SMTP_URL=smtp://u:${strict(secret)}@host:587` },
    { name: 'URL-encoded strictly, lower-case hex', text: `SMTP_URL=smtp://u:${lower(strict(secret))}@host:587` },
    { name: 'form-encoded (URLSearchParams)', text: new URLSearchParams({ p: secret, q: 'x' }).toString() },
    { name: 'base64', text: `334 ${b64(secret)}` },
    { name: 'base64 without padding', text: `t=${b64(secret).replace(/=+$/, '')};` },
    { name: 'base64url', text: `t=${url64(secret)}&` },
    { name: 'AUTH PLAIN', text: `AUTH PLAIN ${b64(`\0${username}\0${secret}`)}` },
    { name: 'AUTH PLAIN with authzid', text: `AUTH PLAIN ${b64(`${username}\0${username}\0${secret}`)}` },
  ];
  for (const offset of [0, 1, 2]) {
    for (const tail of ['', 'z', 'zz']) {
      const blob = Buffer.concat([Buffer.from('h'.repeat(9 + offset)), Buffer.from(secret), Buffer.from(tail)]);
      forms.push({ name: `base64 in a blob, offset ${offset}, ${tail.length} after`, text: `blob ${b64(blob)} end` });
      forms.push({
        name: `base64url in a blob, offset ${offset}, ${tail.length} after`,
        text: `blob ${url64(blob)} end`,
      });
    }
  }
  return forms;
}

/** Whether `out` still carries the secret in one of the planted forms, or decodes to it from base64. */
export function leaks(out: string, secret: string, mask = '********'): boolean {
  if (out.includes(secret)) return true;
  if (!out.includes(mask)) return true;
  // Any base64 or base64url run left must not decode to bytes holding the secret.
  for (const run of out.split(mask)) {
    for (const piece of run.split(/[^A-Za-z0-9+/=_-]+/)) {
      for (let start = 0; start < 4; start++) {
        const decoded = Buffer.from(piece.slice(start).replace(/-/g, '+').replace(/_/g, '/'), 'base64');
        if (decoded.includes(Buffer.from(secret))) return true;
      }
    }
  }
  // The encoded texts (URL, quoted, JSON) decoded back must not hold the secret either.
  const decodings = [
    () => decodeURIComponent(out.replace(/\+/g, ' ')),
    () => decodeURIComponent(out),
    () => out.replace(/\\(.)/g, '$1'),
    () => out.replace(/\\(.)/g, '$1').replace(/\\(.)/g, '$1'),
  ];
  for (const decode of decodings) {
    try {
      if (decode().includes(secret)) return true;
    } catch {
      // not decodable as a whole: the per-form checks above speak
    }
  }
  return false;
}
