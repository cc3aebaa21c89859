import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkEnv, loginArgsFromBlock, type EnvFinding } from '../../../../src/engines/envfile/check';
import { conventionEntries, customConvention, findSmtpBlocks } from '../../../../src/engines/envfile/conventions';
import { parseEnv } from '../../../../src/engines/envfile/parse';
import { setEnvKeys } from '../../../../src/engines/envfile/edit';
import { deriveLegacySmtpPasswordV2, deriveSmtpPassword } from '../../../../src/base/password';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const V4 = deriveSmtpPassword(SECRET, 'eu-west-1');
const laravel = (over: Record<string, string> = {}): string => {
  const v = {
    MAIL_MAILER: 'smtp',
    MAIL_HOST: 'email-smtp.eu-west-1.amazonaws.com',
    MAIL_PORT: '587',
    MAIL_USERNAME: 'AKIAIOSFODNN7EXAMPLE',
    MAIL_PASSWORD: V4,
    ...over,
  };
  return (
    Object.entries(v)
      .map(([k, x]) => `${k}=${x}`)
      .join('\n') + '\n'
  );
};
const ids = (text: string): string[] => checkEnv(parseEnv(text)).map((f) => f.id);
const only = (text: string, id: string): EnvFinding => {
  const f = checkEnv(parseEnv(text)).filter((x) => x.id === id);
  assert.equal(f.length, 1, `one ${id} finding in ${JSON.stringify(checkEnv(parseEnv(text)).map((x) => x.id))}`);
  return f[0];
};

describe('checks of SMTP values in .env files', () => {
  test('a clean Laravel block has no findings', () => {
    assert.deepEqual(ids(laravel()), []);
  });

  test('an IAM secret key as the password', () => {
    const f = only(laravel({ MAIL_PASSWORD: SECRET }), 'secret-key-as-password');
    assert.equal(f.severity, 'error');
    assert.equal(f.key, 'MAIL_PASSWORD');
    assert.ok(!f.message.includes(SECRET));
  });

  // One message for the mistake (issue #31 item 6): the hover points at its quick fix when the host
  // names the region, and at the command only when it cannot be derived here.
  test('an IAM secret key with an SES host: the message points at the quick fix for that region', () => {
    const f = only(laravel({ MAIL_PASSWORD: SECRET }), 'secret-key-as-password');
    assert.match(f.message, /Quick fix available \(Ctrl\+\. or Cmd\+\.\): derive it for eu-west-1\./);
    assert.ok(f.fixValue, 'the quick fix is there');
    assert.doesNotMatch(f.message, /Generate SMTP Password/);
  });

  test('an IAM secret key with a host that names no region: the message names the command, no quick fix', () => {
    const f = only(laravel({ MAIL_HOST: 'smtp.relay.example', MAIL_PASSWORD: SECRET }), 'secret-key-as-password');
    assert.match(f.message, /"SES SMTP: Generate SMTP Password from IAM Secret Key"/);
    assert.equal(f.fixValue, undefined);
    assert.doesNotMatch(f.message, /Quick fix/);
  });

  test('a legacy v2 password', () => {
    only(laravel({ MAIL_PASSWORD: deriveLegacySmtpPasswordV2(SECRET) }), 'password-legacy-v2');
  });

  test('quotes inside the value, with a fix that removes them', () => {
    const text = laravel({ MAIL_PASSWORD: `'"${V4}"'` });
    const f = only(text, 'value-whitespace-or-quotes');
    assert.equal(f.fixValue, V4);
    assert.equal(parseEnv(setEnvKeys(text, { [f.key]: f.fixValue! })).values.MAIL_PASSWORD, V4);
    assert.ok(!f.message.includes(V4));
  });

  test('a trailing space kept by quotes', () => {
    assert.equal(only(laravel({ MAIL_PASSWORD: `"${V4} "` }), 'value-whitespace-or-quotes').fixValue, V4);
  });

  test('an unencoded + or / in an smtp:// URL, fixed by percent-encoding', () => {
    const pw = 'BLt+AD/u=x';
    const text = `SMTP_URL=smtp://AKIAIOSFODNN7EXAMPLE:${pw}@email-smtp.us-east-1.amazonaws.com:587\n`;
    const f = only(text, 'url-unencoded');
    assert.equal(f.fixValue, 'smtp://AKIAIOSFODNN7EXAMPLE:BLt%2BAD%2Fu%3Dx@email-smtp.us-east-1.amazonaws.com:587');
    assert.equal(decodeURIComponent(new URL(f.fixValue!).password), pw);
    assert.deepEqual(ids(`SMTP_URL=${f.fixValue}\n`), []);
  });

  test('a region typo in the host, fixed to the suggested region', () => {
    const f = only(laravel({ MAIL_HOST: 'email-smtp.eu-wset-1.amazonaws.com' }), 'host-region-typo');
    assert.equal(f.fixValue, 'email-smtp.eu-west-1.amazonaws.com');
    assert.match(f.message, /Did you mean eu-west-1/);
  });

  test('an AWS host that is not an SES SMTP endpoint', () => {
    only(laravel({ MAIL_HOST: 'email.eu-west-1.amazonaws.com' }), 'host-not-ses');
  });

  test('a non-AWS host is not flagged', () => {
    assert.deepEqual(ids(laravel({ MAIL_HOST: 'smtp.mailgun.org' })), []);
  });

  test('port 25, fixed to 587', () => {
    assert.equal(only(laravel({ MAIL_PORT: '25' }), 'port-25').fixValue, '587');
  });

  test('an IAM user name as username', () => {
    only(laravel({ MAIL_USERNAME: 'ses-smtp-user.20251017-152733' }), 'username-not-access-key');
  });

  test('an ASIA key as username', () => {
    assert.equal(only(laravel({ MAIL_USERNAME: 'ASIAIOSFODNN7EXAMPLE' }), 'username-temporary-key').severity, 'error');
  });

  test('findings point at the value', () => {
    const text = laravel({ MAIL_PORT: '25' });
    const f = only(text, 'port-25');
    assert.equal(text.slice(f.start, f.end), '25');
    assert.equal(f.line, 2);
  });
});

describe('large values are checked without fuzzy-matching them (issue #13)', () => {
  test('a 1 MB host: one finding, no suggestion, a shortened message', () => {
    const host = `email-smtp.${'x'.repeat(1 << 20)}.amazonaws.com`;
    const f = only(laravel({ MAIL_HOST: host }), 'host-region-typo');
    assert.equal(f.fixValue, undefined);
    assert.match(f.message, /1048576 characters long, so it is no SES region/);
    assert.ok(f.message.length < 400, 'the message does not repeat the megabyte');
  });

  test('a 1 MB value that is not an SES host, and a region part just over the cap', () => {
    assert.deepEqual(ids(laravel({ MAIL_HOST: `smtp.${'y'.repeat(1 << 20)}.example` })), []);
    const f = only(laravel({ MAIL_HOST: `email-smtp.eu-west-1${'-x'.repeat(20)}.amazonaws.com` }), 'host-region-typo');
    assert.equal(f.fixValue, undefined);
  });

  test('a region typo within the cap still gets its suggestion', () => {
    assert.equal(
      only(laravel({ MAIL_HOST: 'email-smtp.eu-wset-1.amazonaws.com' }), 'host-region-typo').fixTitle,
      'Use eu-west-1',
    );
  });
});

describe('custom mappings read only their own keys', () => {
  const mapping = (user: string) => customConvention({ host: 'MY_HOST', user, password: 'MY_PASS' });

  test('{"user": "constructor"} with no such key in the file: no username, not the Object function', () => {
    const [block] = findSmtpBlocks(parseEnv('MY_HOST=email-smtp.eu-west-1.amazonaws.com\nMY_PASS=x\n'), [
      mapping('constructor'),
    ]);
    assert.equal(block.convention.id, 'custom');
    assert.equal(block.user, undefined);
    assert.equal(loginArgsFromBlock(block).username, '');
  });

  test("inherited names as keys read the file's values", () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const [block] = findSmtpBlocks(parseEnv(`MY_HOST=h\n${name}=AKIAIOSFODNN7EXAMPLE\nMY_PASS=x\n`), [mapping(name)]);
      assert.equal(block.user, 'AKIAIOSFODNN7EXAMPLE', name);
    }
  });

  test('the entries to write use the mapped keys as plain own properties', () => {
    const values = { host: 'h', port: 587, user: 'AKIAIOSFODNN7EXAMPLE', password: 'p' };
    const entries = conventionEntries(mapping('constructor'), values);
    assert.deepEqual(Object.keys(entries), ['MY_HOST', 'constructor', 'MY_PASS']);
    assert.equal(entries.constructor, 'AKIAIOSFODNN7EXAMPLE');
    assert.equal(setEnvKeys('', entries), 'MY_HOST=h\nconstructor=AKIAIOSFODNN7EXAMPLE\nMY_PASS=p\n');
  });

  test('"__proto__" is refused as a mapped key', () => {
    assert.throws(() => mapping('__proto__'), /not a valid key/);
  });
});

describe('fixes derived locally (issue #19)', () => {
  const fixOf = (text: string, id: string): string => {
    const f = only(text, id);
    assert.ok(f.fixValue !== undefined, `${id} has a fix`);
    return setEnvKeys(text, { [f.fixKey ?? f.key]: f.fixValue! }, { anchorKeys: [f.key] });
  };

  test("an IAM secret as the password: replaced by the password derived for the host's region", () => {
    const text = laravel({ MAIL_PASSWORD: SECRET });
    const f = only(text, 'secret-key-as-password');
    assert.equal(f.fixTitle, 'Replace with the SMTP password derived for eu-west-1');
    assert.equal(f.fixValue, V4);
    assert.ok(!f.message.includes(SECRET) && !f.fixTitle!.includes(SECRET));
    const fixed = fixOf(text, 'secret-key-as-password');
    assert.ok(!fixed.includes(SECRET), 'the secret is gone from the file');
    assert.equal(parseEnv(fixed).values.MAIL_PASSWORD, V4);
    assert.deepEqual(ids(fixed), []);
  });

  test('a Mail Manager ingress host: the IAM secret is flagged, but no v4 password is offered as its fix (#27)', () => {
    // Rails names the region next to the host: without the Mail Manager rule it would be derived for it.
    const rails = (host: string): string =>
      `AWS_SES_SMTP_USERNAME=AKIAIOSFODNN7EXAMPLE\nAWS_SES_SMTP_PASSWORD=${SECRET}\nAWS_SES_SMTP_ADDRESS=${host}\nAWS_SES_REGION=eu-west-1\n`;
    const f = only(rails('jwij4ht3pzhr.hkph.mail-manager-smtp.amazonaws.com'), 'secret-key-as-password');
    assert.equal(f.fixValue, undefined);
    assert.equal(only(rails('smtp.relay.example'), 'secret-key-as-password').fixValue, V4);
    // Near miss: a VPC endpoint host of SES SMTP is SES: the derived password for its region is offered.
    const vpce = only(
      laravel({
        MAIL_HOST: 'vpce-02cef9e74f152b675-b00ybiai.email-smtp.ap-south-1.vpce.amazonaws.com',
        MAIL_PASSWORD: SECRET,
      }),
      'secret-key-as-password',
    );
    assert.equal(vpce.fixValue, deriveSmtpPassword(SECRET, 'ap-south-1'));
  });

  test('the region comes from the host; a pasted secret with spaces is cleaned before deriving', () => {
    const f = only(
      laravel({ MAIL_HOST: 'email-smtp.ap-south-1.amazonaws.com', MAIL_PASSWORD: `' ${SECRET} '` }),
      'secret-key-as-password',
    );
    assert.equal(f.fixValue, deriveSmtpPassword(SECRET, 'ap-south-1'));
  });

  test('Rails: the region key; a URL: the password inside the URL, percent-encoded', () => {
    const rails = `AWS_SES_SMTP_USERNAME=${KEY}\nAWS_SES_SMTP_PASSWORD=${SECRET}\nAWS_SES_REGION=us-east-2\n`;
    assert.equal(only(rails, 'secret-key-as-password').fixValue, deriveSmtpPassword(SECRET, 'us-east-2'));
    const url = `SMTP_URL=smtp://${KEY}:${encodeURIComponent(SECRET)}@email-smtp.eu-north-1.amazonaws.com:587\n`;
    const fixed = fixOf(url, 'secret-key-as-password');
    const [block] = findSmtpBlocks(parseEnv(fixed));
    assert.equal(block.password, deriveSmtpPassword(SECRET, 'eu-north-1'));
    assert.ok(!fixed.includes(encodeURIComponent(SECRET)));
  });

  test('no region to derive for (a typo in the host, or no SES host): no fix', () => {
    assert.equal(
      only(
        laravel({ MAIL_HOST: 'email-smtp.eu-wset-1.amazonaws.com', MAIL_PASSWORD: SECRET }),
        'secret-key-as-password',
      ).fixValue,
      undefined,
    );
    assert.equal(
      only(laravel({ MAIL_HOST: 'smtp.example.com', MAIL_PASSWORD: SECRET }), 'secret-key-as-password').fixValue,
      undefined,
    );
  });
});

describe('port and TLS setting that disagree (issue #19)', () => {
  const generic = (port: string, secure?: string): string =>
    `SMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_PORT=${port}\nSMTP_USER=${KEY}\nSMTP_PASSWORD=${V4}\n` +
    (secure === undefined ? '' : `SMTP_SECURE=${secure}\n`);

  test('465 without SMTP_SECURE=true: a warning on the port, fixed by adding SMTP_SECURE=true after it', () => {
    const text = generic('465');
    const f = only(text, 'port-tls-mismatch');
    assert.equal(f.severity, 'warning');
    assert.equal(text.slice(f.start, f.end), '465');
    assert.match(f.message, /Port 465 expects TLS from the first byte .* Set SMTP_SECURE=true, or use port 587/);
    const fixed = setEnvKeys(text, { [f.fixKey!]: f.fixValue! }, { anchorKeys: [f.key] });
    assert.match(fixed, /^SMTP_PORT=465\nSMTP_SECURE=true\n/m);
    assert.deepEqual(ids(fixed), []);
    assert.equal(only(generic('2465', 'false'), 'port-tls-mismatch').fixValue, 'true');
  });

  test('587 with SMTP_SECURE=true: fixed by SMTP_SECURE=false', () => {
    const f = only(generic('587', 'true'), 'port-tls-mismatch');
    assert.match(f.message, /Port 587 starts in plain text .* Set SMTP_SECURE=false, or use port 465/);
    assert.equal(f.fixValue, 'false');
  });

  test('settings that agree, and conventions without a TLS setting, say nothing', () => {
    for (const text of [generic('465', 'true'), generic('587', 'false'), generic('587'), generic('2587'), laravel()]) {
      assert.ok(!ids(text).includes('port-tls-mismatch'), text);
    }
    const rails =
      `AWS_SES_SMTP_ADDRESS=email-smtp.eu-west-1.amazonaws.com\n` +
      `AWS_SES_SMTP_USERNAME=${KEY}\nAWS_SES_SMTP_PASSWORD=${V4}\n`;
    assert.deepEqual(ids(rails), []);
  });

  test("each convention's own setting: Laravel MAIL_ENCRYPTION, Django EMAIL_USE_SSL, the URL scheme", () => {
    assert.equal(only(laravel({ MAIL_PORT: '465', MAIL_ENCRYPTION: 'tls' }), 'port-tls-mismatch').fixValue, 'ssl');
    assert.equal(only(laravel({ MAIL_PORT: '587', MAIL_ENCRYPTION: 'ssl' }), 'port-tls-mismatch').fixValue, 'tls');
    const django =
      `EMAIL_HOST=email-smtp.eu-west-1.amazonaws.com\nEMAIL_PORT=465\nEMAIL_HOST_USER=${KEY}\n` +
      `EMAIL_HOST_PASSWORD=${V4}\nEMAIL_USE_TLS=True\n`;
    const d = only(django, 'port-tls-mismatch');
    assert.equal(d.fixKey, 'EMAIL_USE_SSL');
    assert.deepEqual(ids(setEnvKeys(django, { [d.fixKey!]: d.fixValue! })), []);
    const url = `SMTP_URL=smtp://${KEY}:${encodeURIComponent(V4)}@email-smtp.eu-west-1.amazonaws.com:465\n`;
    const u = only(url, 'port-tls-mismatch');
    assert.equal(u.fixTitle, 'Start SMTP_URL with smtps://');
    assert.ok(!u.message.includes(encodeURIComponent(V4)), 'the message does not repeat the URL with its password');
    assert.deepEqual(ids(setEnvKeys(url, { [u.fixKey!]: u.fixValue! })), []);
  });
});
