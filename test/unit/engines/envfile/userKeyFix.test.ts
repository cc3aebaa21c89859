// Issue #19 item 4b: which .env findings offer "Look Up Access Keys of IAM User <name>", and what
// the picked key id replaces (the username value, or only the user part of an smtp:// URL).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkEnv } from '../../../../src/engines/envfile/check';
import { findSmtpBlocks } from '../../../../src/engines/envfile/conventions';
import { parseEnv } from '../../../../src/engines/envfile/parse';
import { setEnvKeys } from '../../../../src/engines/envfile/edit';
import { accessKeyLookupFor, keyAgeDays, usernameReplacement } from '../../../../src/engines/envfile/userKeyFix';
import { deriveSmtpPassword } from '../../../../src/base/password';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const V4 = deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'eu-west-1');
const HOST = 'email-smtp.eu-west-1.amazonaws.com';

/** The look-ups the file's findings offer. */
function lookups(text: string): Array<{ userName: string; block: number; key: string }> {
  const parsed = parseEnv(text);
  const blocks = findSmtpBlocks(parsed);
  return checkEnv(parsed, blocks).flatMap((f) => {
    const l = accessKeyLookupFor(f, blocks);
    return l ? [{ ...l, key: f.key }] : [];
  });
}

const generic = (user: string): string => `SMTP_HOST=${HOST}\nSMTP_PORT=587\nSMTP_USER=${user}\nSMTP_PASSWORD=${V4}\n`;

describe('which findings offer the access key look-up', () => {
  test('an IAM user name as SMTP_USER: the look-up of that user, in block 0', () => {
    assert.deepEqual(lookups(generic('ses-smtp-user.20240101-120000')), [
      { userName: 'ses-smtp-user.20240101-120000', block: 0, key: 'SMTP_USER' },
    ]);
  });

  test('a user name with quotes pasted into the value: the name without them', () => {
    assert.deepEqual(
      lookups(generic(`"'mailer'"`)).map((l) => l.userName),
      ['mailer'],
    );
  });

  test('a Laravel block after a generic one: block 1', () => {
    const text =
      generic(KEY) +
      `\nMAIL_MAILER=smtp\nMAIL_HOST=${HOST}\nMAIL_PORT=587\nMAIL_USERNAME=app-mailer\nMAIL_PASSWORD=${V4}\n`;
    assert.deepEqual(lookups(text), [{ userName: 'app-mailer', block: 1, key: 'MAIL_USERNAME' }]);
  });

  test('a user name inside an smtp:// URL: the look-up points at the URL', () => {
    assert.deepEqual(lookups(`SMTP_URL=smtp://app-mailer:${encodeURIComponent(V4)}@${HOST}:587\n`), [
      { userName: 'app-mailer', block: 0, key: 'SMTP_URL' },
    ]);
  });

  // Near misses: the same finding without a user name, and usernames that are not names at all.
  for (const [name, user] of [
    ['an email address (same finding, no IAM user to look up)', 'me@example.com'],
    ['an access key id', KEY],
    ['a temporary key (ASIA…)', 'ASIAIOSFODNN7EXAMPLE'],
    ['a name over 64 characters (not an IAM user name)', 'u'.repeat(65)],
    ['a value with a space inside', 'app mailer'],
  ] as const) {
    test(`no look-up for ${name}`, () => assert.deepEqual(lookups(generic(user)), []));
  }

  test('the email address still has its finding (only the action differs)', () => {
    const ids = checkEnv(parseEnv(generic('me@example.com'))).map((f) => f.id);
    assert.deepEqual(ids, ['username-not-access-key']);
  });

  test('a finding whose value is in no block offers nothing', () => {
    const parsed = parseEnv(generic('app-mailer'));
    const [finding] = checkEnv(parsed);
    assert.equal(accessKeyLookupFor(finding, []), undefined);
    assert.equal(accessKeyLookupFor({ ...finding, start: finding.start + 1 }, findSmtpBlocks(parsed)), undefined);
  });
});

describe('what the picked key replaces', () => {
  test('the username key gets the key id; every other line stays', () => {
    const text = `# mail\n${generic('app-mailer')}OTHER=1\n`;
    const [block] = findSmtpBlocks(parseEnv(text));
    const change = usernameReplacement(block, KEY)!;
    assert.deepEqual(change, { key: 'SMTP_USER', value: KEY });
    assert.equal(setEnvKeys(text, { [change.key]: change.value }), `# mail\n${generic(KEY)}OTHER=1\n`);
  });

  test('in a URL only the user part changes; the encoded password, host and port stay as written', () => {
    const url = `smtps://app-mailer:${encodeURIComponent(V4)}@${HOST}:465`;
    const [block] = findSmtpBlocks(parseEnv(`SMTP_URL=${url}\n`));
    assert.deepEqual(usernameReplacement(block, KEY), {
      key: 'SMTP_URL',
      value: `smtps://${KEY}:${encodeURIComponent(V4)}@${HOST}:465`,
    });
  });

  test('a URL without a password keeps having none', () => {
    const [block] = findSmtpBlocks(parseEnv(`SMTP_URL=smtp://app-mailer@${HOST}\n`));
    assert.equal(usernameReplacement(block, KEY)?.value, `smtp://${KEY}@${HOST}`);
  });
});

describe('the age of a key', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  test('whole days, 0 for today and for a date in the future, undefined when unknown', () => {
    assert.equal(keyAgeDays(new Date('2026-11-29T11:00:00Z'), now), 1);
    assert.equal(keyAgeDays(new Date('2026-11-30T01:00:00Z'), now), 0);
    assert.equal(keyAgeDays(new Date('2026-12-02T00:00:00Z'), now), 0);
    assert.equal(keyAgeDays(new Date('2024-11-30T12:00:00Z'), now), 730);
    assert.equal(keyAgeDays(undefined, now), undefined);
    assert.equal(keyAgeDays(new Date('nonsense'), now), undefined);
  });
});
