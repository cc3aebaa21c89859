// The SES SMTP password (version 4) computed for the test peers without the product's code: HMAC
// is built here from SHA-256 itself (RFC 2104: H((K ^ opad) || H((K ^ ipad) || m))), and the chain
// follows AWS's published algorithm (/work/shared/docs/ses-facts.md):
//   k = HMAC("AWS4" + secret, "11111111"); k = HMAC(k, region); k = HMAC(k, "ses");
//   k = HMAC(k, "aws4_request"); k = HMAC(k, "SendRawEmail"); password = base64(0x04 || k)
// A bug in src/base/password.ts then fails the integration tier instead of agreeing with
// itself. test/unit/peers/smtpPasswordV4.test.ts holds this against fixed vectors made with Python's hmac.
import { createHash } from 'node:crypto';

const BLOCK = 64;

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

export function hmacSha256(key: Buffer, message: Buffer): Buffer {
  const short = key.length > BLOCK ? sha256(key) : key;
  const padded = Buffer.alloc(BLOCK);
  short.copy(padded);
  const inner = Buffer.alloc(BLOCK);
  const outer = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = padded[i] ^ 0x36;
    outer[i] = padded[i] ^ 0x5c;
  }
  return sha256(outer, sha256(inner, message));
}

/** The version 4 SMTP password of `secretAccessKey` for `region`. */
export function referenceSmtpPassword(secretAccessKey: string, region: string): string {
  let key: Buffer = Buffer.from(`AWS4${secretAccessKey}`, 'utf8');
  for (const step of ['11111111', region, 'ses', 'aws4_request', 'SendRawEmail'])
    key = hmacSha256(key, Buffer.from(step, 'utf8'));
  return Buffer.concat([Buffer.of(0x04), key]).toString('base64');
}
