// A self-signed certificate for 127.0.0.1 / localhost, made once per process with openssl and
// trusted only by the tests that pass it as a CA.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        String(options.days ?? 2),
        '-subj',
        '/CN=localhost',
        '-addext',
        `subjectAltName=${options.names ?? 'DNS:localhost,IP:127.0.0.1'}`,
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

/** A self-signed certificate for 127.0.0.1 that expired in 2020 (made with `openssl ca -selfsign`). */
export function expiredCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ses-test-expired-'));
  try {
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = d',
        '[d]',
        `database = ${join(dir, 'index.txt')}`,
        `new_certs_dir = ${dir}`,
        `serial = ${join(dir, 'serial')}`,
        'default_md = sha256',
        'policy = p',
        'copy_extensions = copy',
        '[p]',
        'commonName = supplied',
        '',
      ].join('\n'),
    );
    const run = (args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore' });
    run([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'csr.pem'),
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
    run([
      'ca',
      '-batch',
      '-config',
      join(dir, 'ca.cnf'),
      '-selfsign',
      '-keyfile',
      join(dir, 'key.pem'),
      '-in',
      join(dir, 'csr.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200102000000Z',
    ]);
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
