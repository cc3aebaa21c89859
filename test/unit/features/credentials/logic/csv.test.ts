// Issue #17: the credential CSV files AWS hands out, every spelling and the ways they get damaged.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CsvError, MAX_CSV_BYTES } from '../../../../../src/features/credentials/logic/csv';
import { parseCredentialsCsv, splitCsv } from '../../../../../src/features/credentials/logic/csv';
import { findRegionByLogin } from '../../../../../src/engines/smtp/findRegion';
import { deriveSmtpPassword } from '../../../../../src/base/password';
import type { SmtpCheckOptions, SmtpCheckResult } from '../../../../../src/engines/smtp/types';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSWORD = deriveSmtpPassword(SECRET, 'eu-west-1');

function refused(csv: string, reason: RegExp, line?: number): void {
  assert.throws(
    () => parseCredentialsCsv(csv),
    (err: unknown) => {
      assert.ok(err instanceof CsvError, String(err));
      assert.match(err.message, reason);
      assert.equal(err.line, line);
      assert.ok(!err.message.includes(PASSWORD) && !err.message.includes(SECRET), 'the secret is in the message');
      return true;
    },
  );
}

describe('credentials.csv (SES console)', () => {
  const spellings: Array<[string, string]> = [
    ['IAM User Name,Smtp Username,Smtp Password', 'new console'],
    ['User Name,SMTP Username,SMTP Password', 'older console'],
    ['"IAM User Name","Smtp Username","Smtp Password"', 'quoted header'],
  ];
  for (const [header, label] of spellings) {
    test(`header spelled as in the ${label}`, () => {
      const parsed = parseCredentialsCsv(`${header}\nses-smtp-user.app,${KEY},${PASSWORD}\n`);
      assert.deepEqual(parsed, {
        kind: 'smtp',
        rows: [{ kind: 'smtp', line: 2, iamUserName: 'ses-smtp-user.app', username: KEY, password: PASSWORD }],
      });
    });
  }

  test('BOM, CRLF, quoted fields with a comma and doubled quotes, no final line break', () => {
    const csv = `\uFEFFIAM User Name,Smtp Username,Smtp Password\r\n"smtp, ""app""",${KEY},"${PASSWORD}"`;
    const parsed = parseCredentialsCsv(Buffer.from(csv, 'utf8'));
    assert.equal(parsed.kind, 'smtp');
    assert.equal(parsed.rows[0].iamUserName, 'smtp, "app"');
    assert.equal(parsed.rows[0].kind === 'smtp' && parsed.rows[0].password, PASSWORD);
  });

  test('two rows and blank lines between them; each row keeps its line', () => {
    const parsed = parseCredentialsCsv(
      `User Name,SMTP Username,SMTP Password\n\na,${KEY},${PASSWORD}\n\nb,${KEY},${PASSWORD}\n\n`,
    );
    assert.deepEqual(
      parsed.rows.map((r) => [r.iamUserName, r.line]),
      [
        ['a', 3],
        ['b', 5],
      ],
    );
  });

  test('a column order of its own is read by the header', () => {
    const parsed = parseCredentialsCsv(`Smtp Password,Smtp Username\n${PASSWORD},${KEY}\n`);
    assert.deepEqual(parsed.rows[0], {
      kind: 'smtp',
      line: 2,
      iamUserName: undefined,
      username: KEY,
      password: PASSWORD,
    });
  });
});

describe('accessKeys.csv (IAM)', () => {
  test('Access key ID,Secret access key', () => {
    const parsed = parseCredentialsCsv(`Access key ID,Secret access key\r\n${KEY},${SECRET}\r\n`);
    assert.deepEqual(parsed, {
      kind: 'access-key',
      rows: [{ kind: 'access-key', line: 2, iamUserName: undefined, accessKeyId: KEY, secretAccessKey: SECRET }],
    });
  });
  test('with a User name column, as the old IAM download had', () => {
    const parsed = parseCredentialsCsv(
      `User name,Password,Access key ID,Secret access key,Console login link\nme,,${KEY},${SECRET},https://x\n`,
    );
    assert.equal(parsed.rows[0].iamUserName, 'me');
  });
});

describe('damaged or wrong files are refused with the line and what is wrong', () => {
  const H = 'IAM User Name,Smtp Username,Smtp Password';
  test('empty', () => refused('', /file is empty/));
  test('only a BOM and blank lines', () => refused('\uFEFF\r\n\r\n', /file is empty/));
  test('header only', () => refused(`${H}\r\n`, /header on line 1 but no credentials/));
  test('an unknown header', () => refused(`name,key\nx,${KEY}\n`, /Line 1: the header is not one AWS writes/, 1));
  test('a .env file', () =>
    refused(`SMTP_USER=${KEY}\nSMTP_PASSWORD=${PASSWORD}\n`, /Line 1: the header is not one AWS writes/, 1));
  test('a missing password column', () => refused(`IAM User Name,Smtp Username\nx,${KEY}\n`, /no "Smtp Password"/, 1));
  test('a missing secret column', () => refused(`Access key ID\n${KEY}\n`, /no "Secret access key"/, 1));
  test('a row with a field too few', () => refused(`${H}\nx,${KEY}\n`, /Line 2: it has 2 fields, the header has 3/, 2));
  test('a row with an extra field', () => refused(`${H}\nx,${KEY},${PASSWORD},y\n`, /Line 2: it has 4 fields/, 2));
  test('an empty password', () => refused(`${H}\nx,${KEY},\n`, /Line 2: the SMTP password is empty/, 2));
  test('an empty username', () => refused(`${H}\nx,,${PASSWORD}\n`, /Line 2: the SMTP username is empty/, 2));
  test('an email as username', () =>
    refused(`${H}\nx,me@example.com,${PASSWORD}\n`, /Line 2: .*not an access key id.*email address/, 2));
  test('a temporary key', () =>
    refused(`${H}\nx,ASIAIOSFODNN7EXAMPLE,${PASSWORD}\n`, /Line 2: .*temporary access key/, 2));
  test('a cut password', () =>
    refused(`${H}\nx,${KEY},${PASSWORD.slice(0, 30)}\n`, /Line 2: the SMTP password is not in the SES form/, 2));
  test('a secret key where the password goes', () =>
    refused(`${H}\nx,${KEY},${SECRET}\n`, /Line 2: .*looks like an IAM secret access key.*accessKeys\.csv/, 2));
  test('a secret key where the password goes, allowed: an access-key row to derive from', () => {
    const parsed = parseCredentialsCsv(`${H}\nx,${KEY},${SECRET}\n`, { secretInPasswordColumn: 'derive' });
    assert.deepEqual(parsed.rows, [
      { kind: 'access-key', line: 2, iamUserName: 'x', accessKeyId: KEY, secretAccessKey: SECRET },
    ]);
  });
  test('a short secret access key', () =>
    refused(
      `Access key ID,Secret access key\n${KEY},${SECRET.slice(1)}\n`,
      /Line 2: the secret access key is not 40 characters/,
      2,
    ));
  test('an unclosed quote', () => refused(`${H}\n"x,${KEY},${PASSWORD}\n`, /Line 2: a quoted field is not closed/, 2));
  test('a quote inside a field', () =>
    refused(`${H}\nab"c,${KEY},${PASSWORD}\n`, /Line 2: a quote in the middle of a field/, 2));
  test('text after a closing quote', () =>
    refused(`${H}\n"x"y,${KEY},${PASSWORD}\n`, /Line 2: text after a closing quote/, 2));
  test('binary', () => refused('\0\0\x01PK', /not text/));
  test('too big', () => refused('x'.repeat(MAX_CSV_BYTES + 1), /bytes; a credentials file from AWS has a few hundred/));
  test('51 rows', () => refused(`${H}\n${`x,${KEY},${PASSWORD}\n`.repeat(51)}`, /51 rows; at most 50/));
  test('splitCsv keeps a line break inside quotes and counts lines after it', () => {
    assert.deepEqual(splitCsv('"a\nb",c\nd,e'), [
      { line: 1, fields: ['a\nb', 'c'] },
      { line: 3, fields: ['d', 'e'] },
    ]);
  });
});

describe('finding the region by logging in', () => {
  const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-south-1', 'sa-east-1', 'us-west-2'];
  function fakeLogin(good: string, log: { active: number; max: number; hosts: string[] }) {
    return async (o: SmtpCheckOptions): Promise<SmtpCheckResult> => {
      log.active++;
      log.max = Math.max(log.max, log.active);
      log.hosts.push(o.host);
      await new Promise((r) => setTimeout(r, 5));
      log.active--;
      const ok = o.host === `smtp.${good}.test` && o.password === PASSWORD;
      return {
        ok,
        failure: ok ? undefined : { code: 'AUTH_FAILED', message: '535 Authentication Credentials Invalid' },
      } as SmtpCheckResult;
    };
  }
  const endpointFor = (r: string) => ({ host: `smtp.${r}.test`, port: 587, tls: 'starttls' as const });

  test('finds the region whose endpoint accepts the login, at most 2 logins at a time', async () => {
    const log = { active: 0, max: 0, hosts: [] as string[] };
    const found = await findRegionByLogin({
      regions: REGIONS,
      username: KEY,
      password: PASSWORD,
      endpointFor,
      login: fakeLogin('ap-south-1', log),
      concurrency: 2,
    });
    assert.equal(found.kind, 'found');
    assert.equal(found.kind === 'found' && found.region, 'ap-south-1');
    assert.equal(log.max, 2);
    assert.ok(!log.hosts.includes('smtp.us-west-2.test'), 'kept trying after the region was found');
  });

  test('none: every region refused; the reason is kept', async () => {
    const log = { active: 0, max: 0, hosts: [] as string[] };
    const r = await findRegionByLogin({
      regions: REGIONS,
      username: KEY,
      password: PASSWORD,
      endpointFor,
      login: fakeLogin('nowhere', log),
    });
    assert.deepEqual(r, {
      kind: 'none',
      tried: 6,
      unreachable: [],
      firstFailure: '535 Authentication Credentials Invalid',
    });
  });

  test('cancelled: stops starting logins', async () => {
    const log = { active: 0, max: 0, hosts: [] as string[] };
    const ac = new AbortController();
    const p = findRegionByLogin({
      regions: REGIONS,
      username: KEY,
      password: PASSWORD,
      endpointFor,
      login: fakeLogin('nowhere', log),
      concurrency: 1,
      signal: ac.signal,
      onProgress: () => ac.abort(),
    });
    const r = await p;
    assert.deepEqual(r, { kind: 'cancelled', tried: 1 });
    assert.equal(log.hosts.length, 1);
  });

  test('unreachable endpoints are told apart from refused logins', async () => {
    const login = async (o: SmtpCheckOptions) =>
      ({
        ok: false,
        failure: { code: o.host.includes('eu') ? 'TIMEOUT' : 'AUTH_FAILED', message: 'x' },
      }) as SmtpCheckResult;
    const r = await findRegionByLogin({ regions: REGIONS, username: KEY, password: PASSWORD, endpointFor, login });
    assert.equal(r.kind, 'none');
    assert.deepEqual(r.kind === 'none' && r.unreachable.sort(), ['eu-central-1', 'eu-west-1']);
  });
});
