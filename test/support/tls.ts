// A self-signed certificate for 127.0.0.1 / localhost, made once per process with openssl and
// trusted only by the tests that pass it as a CA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let cached: { key: string; cert: string } | undefined;

export function testCertificate(options: { days?: number; names?: string } = {}): { key: string; cert: string } {
  if (!options.days && !options.names && cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'ses-test-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
        '-days', String(options.days ?? 2),
        '-subj', '/CN=localhost',
        '-addext', `subjectAltName=${options.names ?? 'DNS:localhost,IP:127.0.0.1'}`,
      ],
      { stdio: 'ignore' },
    );
    const pair = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
    if (!options.days && !options.names) cached = pair;
    return pair;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
