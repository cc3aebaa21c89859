// A test certificate authority made with openssl, and server certificates it issues, for tests that
// need a certificate the client trusts (the CA is handed to the runtime the way it trusts a CA)
// next to ones it must refuse: another name, or an issuer it does not know.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestAuthority {
  /** The CA certificate (PEM), to trust. */
  cert: string;
  /** A server certificate signed by this CA for the subjectAltName list, e.g. "DNS:localhost,IP:127.0.0.1". */
  issue(names: string): { key: string; cert: string };
  /** Removes the CA's files. */
  dispose(): void;
}

export function startTestAuthority(name = 'SES SMTP Toolkit test CA'): TestAuthority {
  const dir = mkdtempSync(join(tmpdir(), 'ses-test-ca-'));
  const run = (args: string[]): void => void execFileSync('openssl', args, { stdio: 'ignore' });
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '2',
    '-keyout',
    join(dir, 'ca.key'),
    '-out',
    join(dir, 'ca.pem'),
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  let serial = 0;
  return {
    cert: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    issue(names) {
      serial++;
      const base = join(dir, `leaf${serial}`);
      writeFileSync(
        `${base}.ext`,
        [
          'basicConstraints=critical,CA:FALSE',
          'keyUsage=critical,digitalSignature,keyEncipherment',
          'extendedKeyUsage=serverAuth',
          `subjectAltName=${names}`,
          '',
        ].join('\n'),
      );
      run([
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${base}.key`,
        '-out',
        `${base}.csr`,
        '-subj',
        `/CN=${names.split(',')[0].replace(/^\w+:/, '')}`,
      ]);
      run([
        'x509',
        '-req',
        '-sha256',
        '-days',
        '2',
        '-in',
        `${base}.csr`,
        '-CA',
        join(dir, 'ca.pem'),
        '-CAkey',
        join(dir, 'ca.key'),
        '-set_serial',
        String(1000 + serial),
        '-extfile',
        `${base}.ext`,
        '-out',
        `${base}.pem`,
      ]);
      return { key: readFileSync(`${base}.key`, 'utf8'), cert: readFileSync(`${base}.pem`, 'utf8') };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
