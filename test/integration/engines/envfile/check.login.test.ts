import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findSmtpBlocks } from '../../../../src/engines/envfile/conventions';
import { parseEnv } from '../../../../src/engines/envfile/parse';
import { loginArgsFromBlock } from '../../../../src/engines/envfile/check';
import { checkSmtpLogin } from '../../../../src/engines/smtp/session';
import { diagnose } from '../../../../src/engines/smtp/diagnose';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { startSesSmtpServer, type SesServer } from '../../../support/sesSmtpServer';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('"Check login" from a Laravel .env against the SES-like server', () => {
  let server: SesServer;
  let dir: string;
  before(async () => {
    server = await startSesSmtpServer({
      region: 'eu-central-1',
      tls: 'starttls',
      users: [{ accessKeyId: KEY, secretAccessKey: SECRET }],
    });
    dir = mkdtempSync(path.join(tmpdir(), 'ses-laravel-'));
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const envFile = (password: string): string => {
    const file = path.join(dir, '.env');
    writeFileSync(
      file,
      [
        'APP_NAME=Laravel',
        '',
        'MAIL_MAILER=smtp',
        `MAIL_HOST=${server.host}`,
        `MAIL_PORT=${server.port}`,
        `MAIL_USERNAME=${KEY}`,
        `MAIL_PASSWORD=${password}`,
        'MAIL_ENCRYPTION=tls',
        'MAIL_FROM_ADDRESS="noreply@example.com"',
        '',
      ].join('\n'),
    );
    return file;
  };
  const check = async (file: string) => {
    const [block] = findSmtpBlocks(parseEnv(readFileSync(file, 'utf8')));
    assert.equal(block.convention.id, 'laravel');
    const args = loginArgsFromBlock(block);
    const result = await checkSmtpLogin({
      host: args.host!,
      port: args.port,
      tls: args.tls,
      username: args.username,
      password: args.password,
      ca: server.ca,
    });
    return { result, args };
  };

  test('reports success for the right password', async () => {
    const { result } = await check(envFile(deriveSmtpPassword(SECRET, 'eu-central-1')));
    assert.equal(result.ok, true, JSON.stringify(result.failure));
  });

  test('a password derived for another region gets the 535 diagnosis naming that region', async () => {
    const { result, args } = await check(envFile(deriveSmtpPassword(SECRET, 'eu-north-1')));
    assert.equal(result.failure?.reply, '535 Authentication Credentials Invalid');
    const causes = diagnose(result, {
      username: args.username,
      password: args.password,
      secretAccessKey: SECRET,
      region: 'eu-central-1',
    });
    assert.equal(causes[0].id, 'wrong-region');
    assert.match(causes[0].title, /derived for eu-north-1/);
  });
});
