import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  classifySmtpPassword,
  classifySmtpUsername,
  deriveLegacySmtpPasswordV2,
  deriveSmtpPassword,
  findPasswordRegion,
} from '../../../src/base/password';

// An independent implementation, written differently on purpose: a fold over the message list.
function referenceV4(secret: string, region: string): string {
  const key = ['11111111', region, 'ses', 'aws4_request', 'SendRawEmail'].reduce<Buffer>(
    (k, msg) => crypto.createHmac('sha256', k).update(msg).digest(),
    Buffer.from('AWS4' + secret, 'utf8'),
  );
  return Buffer.concat([Buffer.of(4), key]).toString('base64');
}

const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ap-south-1',
  'ap-northeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-north-1',
  'sa-east-1',
  'us-gov-west-1',
];
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function randomSecret(): string {
  return crypto.randomBytes(30).toString('base64').slice(0, 40);
}

describe('v4 SMTP password derivation', () => {
  test('matches an independent implementation for 13 regions and 50 random secrets', () => {
    for (let i = 0; i < 50; i++) {
      const secret = randomSecret();
      for (const region of REGIONS)
        assert.equal(deriveSmtpPassword(secret, region), referenceV4(secret, region), `${region}`);
    }
  });

  test('matches a third implementation (python hmac) on a fixed vector', () => {
    const py = execFileSync(
      'python3',
      [
        '-c',
        'import hmac,hashlib,base64,sys\nk=("AWS4"+sys.argv[1]).encode()\nfor m in ["11111111",sys.argv[2],"ses","aws4_request","SendRawEmail"]:\n  k=hmac.new(k,m.encode(),hashlib.sha256).digest()\nprint(base64.b64encode(bytes([4])+k).decode())',
        SECRET,
        'eu-central-1',
      ],
      { encoding: 'utf8' },
    ).trim();
    assert.equal(deriveSmtpPassword(SECRET, 'eu-central-1'), py);
  });

  test('is 44 characters, starts with B, decodes to 33 bytes with version byte 4', () => {
    const pw = deriveSmtpPassword(SECRET, 'us-east-1');
    assert.equal(pw.length, 44);
    assert.equal(pw[0], 'B');
    const bytes = Buffer.from(pw, 'base64');
    assert.equal(bytes.length, 33);
    assert.equal(bytes[0], 4);
  });

  test('differs between regions', () => {
    const all = new Set(REGIONS.map((r) => deriveSmtpPassword(SECRET, r)));
    assert.equal(all.size, REGIONS.length);
  });

  test('refuses an empty secret or region', () => {
    assert.throws(() => deriveSmtpPassword('', 'us-east-1'), /secret access key is empty/);
    assert.throws(() => deriveSmtpPassword(SECRET, ''), /region is empty/);
  });

  test('legacy v2 is base64(0x02 || HMAC(secret, "SendRawEmail"))', () => {
    const expected = Buffer.concat([
      Buffer.of(2),
      crypto.createHmac('sha256', SECRET).update('SendRawEmail').digest(),
    ]).toString('base64');
    assert.equal(deriveLegacySmtpPasswordV2(SECRET), expected);
    assert.equal(expected[0], 'A');
  });
});

describe('classifying a pasted password', () => {
  const v4 = deriveSmtpPassword(SECRET, 'eu-west-1');
  const cases: Array<[string, string, string, string[], string | undefined]> = [
    // name, input, kind, problems, cleanedKind
    ['a clean v4 password', v4, 'v4', [], undefined],
    ['a legacy v2 password', deriveLegacySmtpPasswordV2(SECRET), 'v2', [], undefined],
    ['an IAM secret key', SECRET, 'iam-secret', [], undefined],
    ['an empty string', '', 'empty', [], undefined],
    ['a trailing space', `${v4} `, 'malformed', ['whitespace-outside'], 'v4'],
    ['a trailing newline', `${v4}\n`, 'malformed', ['whitespace-outside'], 'v4'],
    ['a CRLF', `${v4}\r\n`, 'malformed', ['whitespace-outside'], 'v4'],
    ['a leading space', ` ${v4}`, 'malformed', ['whitespace-outside'], 'v4'],
    ['a space inside', `${v4.slice(0, 20)} ${v4.slice(20)}`, 'malformed', ['whitespace-inside'], 'v4'],
    ['double quotes', `"${v4}"`, 'malformed', ['quoted'], 'v4'],
    ['single quotes', `'${v4}'`, 'malformed', ['quoted'], 'v4'],
    ['URL-encoding', encodeURIComponent('BAAA+bb/cc=' + v4.slice(11)), 'malformed', ['url-encoded'], undefined],
    ['a secret key with a newline', `${SECRET}\n`, 'malformed', ['whitespace-outside'], 'iam-secret'],
    ['too short', 'BAbc', 'malformed', ['wrong-length'], undefined],
    ['bad characters', 'B'.repeat(40) + '!@#$', 'malformed', ['bad-characters'], undefined],
  ];
  for (const [name, input, kind, problems, cleanedKind] of cases) {
    test(`${name}: ${kind}${problems.length ? ` (${problems.join(', ')})` : ''}`, () => {
      const c = classifySmtpPassword(input);
      assert.equal(c.kind, kind);
      for (const p of problems) assert.ok(c.problems.includes(p as never), `problem ${p} in ${c.problems.join(',')}`);
      if (cleanedKind) assert.equal(c.cleanedKind, cleanedKind);
      if (input.length > 8) assert.ok(!c.summary.includes(input.trim()), 'the summary never repeats the password');
    });
  }

  test('a URL-encoded v4 password is recovered', () => {
    const withPlus = deriveSmtpPassword('abc+def/ghi=jkl0123456789012345678901234'.slice(0, 40), 'us-east-1');
    const c = classifySmtpPassword(encodeURIComponent(withPlus));
    if (withPlus !== encodeURIComponent(withPlus)) {
      assert.ok(c.problems.includes('url-encoded'));
      assert.equal(c.cleaned, withPlus);
    }
  });

  test('whitespace and quotes are cleaned back to the real value', () => {
    assert.equal(classifySmtpPassword(` "${v4}"\n`).cleaned, v4);
  });
});

describe('classifying a pasted username', () => {
  const cases: Array<[string, string, string, string[]]> = [
    ['an access key id', 'AKIAIOSFODNN7EXAMPLE', 'access-key', []],
    ['a temporary key', 'ASIAIOSFODNN7EXAMPLE', 'temporary-key', []],
    ['an email address', 'jlapp@biancatechnologies.com', 'email', []],
    ['a console-style IAM user name', 'ses-smtp-user.20251017-152733', 'iam-user-name', []],
    ['an IAM user name', 'nabavkidata-smtp', 'iam-user-name', []],
    ['garbage', 'has spaces inside it', 'malformed', []],
    ['empty', '', 'empty', []],
    ['surrounded by spaces', ' AKIAIOSFODNN7EXAMPLE\n', 'access-key', ['whitespace-outside']],
    ['quoted', '"AKIAIOSFODNN7EXAMPLE"', 'access-key', ['quoted']],
    ['lower case', 'akiaiosfodnn7example', 'access-key', ['lowercase']],
  ];
  for (const [name, input, kind, problems] of cases) {
    test(`${name} → ${kind}`, () => {
      const c = classifySmtpUsername(input);
      assert.equal(c.kind, kind);
      assert.deepEqual(c.problems, problems);
      assert.ok(c.summary.length > 10);
    });
  }
});

describe('finding the region a password was made for', () => {
  test('names the region among all regions', () => {
    assert.deepEqual(findPasswordRegion(SECRET, deriveSmtpPassword(SECRET, 'ap-southeast-2')), {
      kind: 'region',
      region: 'ap-southeast-2',
    });
  });
  test('recognises a legacy v2 password', () => {
    assert.deepEqual(findPasswordRegion(SECRET, deriveLegacySmtpPasswordV2(SECRET)), { kind: 'v2' });
  });
  test('says none for a password of another secret', () => {
    assert.deepEqual(findPasswordRegion(SECRET, deriveSmtpPassword(randomSecret(), 'us-east-1')), { kind: 'none' });
  });
});
