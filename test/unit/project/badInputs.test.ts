// Bad input, one test each: every case must get a specific message that names the problem and the
// fix, and nothing may throw anything but that readable error.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkPort, resolveEndpoint, smtpHostForRegion, validateRegion } from '../../../src/base/regions';
import { classifySmtpPassword, classifySmtpUsername, deriveSmtpPassword } from '../../../src/base/password';
import { normalizeCredentialSet } from '../../../src/base/credentialSetInput';
import { parseAddress, validateTestMail } from '../../../src/engines/smtp/mailInput';
import { customConvention } from '../../../src/engines/envfile/conventions';
import { decodeEnvFile } from '../../../src/engines/envfile/parse';
import { formatEnvValue, setEnvKeys } from '../../../src/engines/envfile/edit';
import { parseFromWebview } from '../../../src/features/testMail/logic/messages';
import { validateDomain } from '../../../src/base/identity';

type Case = [name: string, run: () => unknown, message: RegExp];

function messageOf(run: () => unknown): string {
  try {
    const out = run() as { ok?: boolean; message?: string; reason?: string; summary?: string } | undefined;
    if (out && out.ok === false) return out.message ?? out.reason ?? '';
    if (out && typeof out === 'object' && 'summary' in out) return String(out.summary);
    return `no error: ${JSON.stringify(out)?.slice(0, 200)}`;
  } catch (err) {
    return (err as Error).message;
  }
}

const base = { name: 'n', username: 'AKIAIOSFODNN7EXAMPLE', region: 'eu-west-1', port: 587, tls: 'starttls' as const };
const MB = 1024 * 1024;

const cases: Case[] = [
  // regions
  ['region: empty', () => validateRegion(''), /empty.*such as us-east-1/],
  ['region: spaces only', () => validateRegion('   '), /empty/],
  ['region: typo', () => validateRegion('eu-cental-1'), /Did you mean eu-central-1\?/],
  ['region: availability zone', () => validateRegion('us-west-2b'), /Did you mean us-west-2\?/],
  ['region: display name', () => validateRegion('Frankfurt'), /not a region name.*eu-central-1/],
  ['region: with a host around it', () => validateRegion('email-smtp.eu-west-1.amazonaws.com'), /not a region name/],
  ['region: 1 MB of text', () => validateRegion('x'.repeat(MB)), /not a region name/],
  ['region: non-ASCII', () => validateRegion('eu-wést-1'), /Did you mean eu-west-1\?/],
  ['region: underscores', () => validateRegion('us_east_1'), /Did you mean us-east-1\?/],
  // ports
  ['port: zero', () => checkPort(0), /out of range/],
  ['port: negative', () => checkPort(-5), /not a number/],
  ['port: too large', () => checkPort(65536), /out of range/],
  ['port: text', () => checkPort('smtp'), /not a number.*587/],
  ['port: decimal', () => checkPort('587.5'), /not a number/],
  ['port: empty', () => checkPort(''), /not a number/],
  // hosts
  [
    'host: with scheme',
    () => resolveEndpoint({ host: 'smtps://email-smtp.eu-west-1.amazonaws.com' }),
    /without a scheme, port or path/,
  ],
  [
    'host: with port',
    () => resolveEndpoint({ host: 'email-smtp.eu-west-1.amazonaws.com:587' }),
    /without a scheme, port or path/,
  ],
  [
    'host: with path',
    () => resolveEndpoint({ host: 'email-smtp.eu-west-1.amazonaws.com/x' }),
    /without a scheme, port or path/,
  ],
  [
    'host: with user',
    () => resolveEndpoint({ host: 'user@email-smtp.eu-west-1.amazonaws.com' }),
    /without a scheme, port or path/,
  ],
  ['host: with a space', () => resolveEndpoint({ host: 'email smtp.amazonaws.com' }), /not a host name/],
  ['endpoint: nothing', () => resolveEndpoint({}), /Neither a region nor a host/],
  ['endpoint: bad region', () => resolveEndpoint({ region: 'eu-wset-1' }), /Did you mean eu-west-1/],
  // email addresses
  ['from: empty', () => parseAddress('from', ''), /From is empty/],
  ['from: no at sign', () => parseAddress('from', 'sender.example.com'), /not an email address/],
  ['from: two at signs', () => parseAddress('from', 'a@b@example.com'), /not an email address/],
  ['from: no domain dot', () => parseAddress('from', 'a@localhost'), /not an email address/],
  ['from: unclosed display name quote', () => parseAddress('from', '"Jane <jane@example.com>'), /not an email address/],
  ['from: header injection', () => parseAddress('from', 'a@example.com\r\nBcc: x@y.z'), /line break.*inject/],
  ['to: header injection', () => parseAddress('to', 'a@example.com\nX: y'), /To contains a line break/],
  ['to: 1 MB', () => parseAddress('to', `${'a'.repeat(MB)}@example.com`), /at most 320/],
  ['to: spaces inside', () => parseAddress('to', 'jane doe@example.com'), /not an email address/],
  [
    'mail: no recipients',
    () => validateTestMail({ from: 'a@example.com', to: [], subject: 's', text: 't' }),
    /To is empty/,
  ],
  [
    'mail: 51 recipients',
    () =>
      validateTestMail({
        from: 'a@example.com',
        to: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`),
        subject: 's',
        text: 't',
      }),
    /at most 50/,
  ],
  [
    'mail: subject with CRLF',
    () => validateTestMail({ from: 'a@example.com', to: ['b@example.com'], subject: 'a\r\nBcc: c@d.e', text: 't' }),
    /subject contains a line break/,
  ],
  [
    'mail: subject too long',
    () => validateTestMail({ from: 'a@example.com', to: ['b@example.com'], subject: 'x'.repeat(999), text: 't' }),
    /998/,
  ],
  [
    'mail: 11 MB body',
    () => validateTestMail({ from: 'a@example.com', to: ['b@example.com'], subject: 's', text: 'x'.repeat(11 * MB) }),
    /larger than 10 MB/,
  ],
  // credential strings
  ['password: empty', () => classifySmtpPassword(''), /empty/],
  ['password: whitespace only', () => classifySmtpPassword('   '), /spaces or a line break/],
  ['password: 1 MB', () => classifySmtpPassword('B'.repeat(MB)), /1048576 characters long; SES SMTP passwords are 44/],
  ['password: non-ASCII', () => classifySmtpPassword('Bpässwörd'.padEnd(44, 'x')), /characters no SMTP password has/],
  [
    'password: secret key',
    () => classifySmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
    /IAM secret access key/,
  ],
  [
    'password: smart quotes',
    () => classifySmtpPassword(`“${deriveSmtpPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'us-east-1')}”`),
    /characters no SMTP password has/,
  ],
  ['username: empty', () => classifySmtpUsername(''), /username is empty.*AKIA/],
  ['username: 1 MB', () => classifySmtpUsername('A'.repeat(MB)), /not an IAM access key id/],
  ['username: non-ASCII', () => classifySmtpUsername('ÄKIAIOSFODNN7EXAMPLE'), /not an IAM access key id|IAM user name/],
  ['username: ASIA key', () => classifySmtpUsername('ASIAIOSFODNN7EXAMPLE'), /temporary access key/],
  ['credential set: empty name', () => normalizeCredentialSet({ ...base, name: '' }), /name is empty/],
  [
    'credential set: 1 MB name',
    () => normalizeCredentialSet({ ...base, name: 'n'.repeat(MB) }),
    /characters long; keep it under 80/,
  ],
  [
    'credential set: ASIA username',
    () => normalizeCredentialSet({ ...base, username: 'ASIAIOSFODNN7EXAMPLE' }),
    /temporary/,
  ],
  ['credential set: bad port', () => normalizeCredentialSet({ ...base, port: 99999 }), /out of range/],
  // .env files
  [
    '.env: binary',
    () => decodeEnvFile(Buffer.from([0x41, 0x3d, 0x00, 0x01]), '.env'),
    /NUL bytes.*Nothing was changed/,
  ],
  [
    '.env: 10 MB',
    () => decodeEnvFile(Buffer.alloc(10 * MB, 0x41), '.env'),
    /10\.0 MB; this extension edits .env files up to 2 MB/,
  ],
  ['.env: invalid UTF-8', () => decodeEnvFile(Buffer.from([0x41, 0x3d, 0xff, 0xfe, 0x0a]), '.env'), /not valid UTF-8/],
  [
    '.env: unterminated double quote',
    () => decodeEnvFile(Buffer.from('A=1\nB="open\nC=3\n'), '.env'),
    /line 2: the value of B opens a " quote that is never closed/,
  ],
  [
    '.env: unterminated single quote',
    () => decodeEnvFile(Buffer.from("A='open\n"), '.env'),
    /line 1: the value of A opens a ' quote/,
  ],
  ['.env: bad key to set', () => setEnvKeys('A=1\n', { 'BAD KEY': 'x' }), /not a valid .env key/],
  ['.env: value with every quote', () => formatEnvValue('\'"`'), /cannot read such a value back/],
  ['.env: value with NUL', () => formatEnvValue('a\0b'), /NUL character/],
  [
    '.env: custom mapping without password',
    () => customConvention({ host: 'H', user: 'U' }),
    /needs host, user and password/,
  ],
  // DNS names
  ['domain: empty', () => validateDomain(''), /domain is empty/],
  ['domain: a URL', () => validateDomain('https://example.com/path'), /is a URL; enter only the domain/],
  ['domain: an email address', () => validateDomain('me@example.com'), /part after the @ \(example\.com\)/],
  ['domain: no dot', () => validateDomain('localhost'), /has no dot/],
  ['domain: double dot', () => validateDomain('example..com'), /empty label/],
  ['domain: label too long', () => validateDomain(`${'a'.repeat(64)}.com`), /at most 63/],
  ['domain: 1 MB', () => validateDomain(`${'a'.repeat(MB)}.com`), /at most 253/],
  ['domain: IDN', () => validateDomain('bücher.de'), /punycode form \(xn--/],
  ['domain: leading hyphen', () => validateDomain('-bad.example.com'), /not valid: use letters, digits and hyphens/],
  // issue #13: accepted before, refused now
  ['host: NUL', () => resolveEndpoint({ host: 'relay.example.com\0.evil' }), /contains a NUL character/],
  [
    'host: 254 characters',
    () => resolveEndpoint({ host: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}` }),
    /254 characters long; host names have at most 253/,
  ],
  [
    'host: 64-character label',
    () => resolveEndpoint({ host: `${'a'.repeat(64)}.example.com` }),
    /each part of a host name has at most 63/,
  ],
  [
    'credential set: NUL host',
    () => normalizeCredentialSet({ ...base, host: 'relay.example.com\0' }),
    /contains a NUL character/,
  ],
  [
    'credential set: 64-character label',
    () => normalizeCredentialSet({ ...base, host: `${'a'.repeat(64)}.example.com` }),
    /at most 63/,
  ],
  [
    'credential set: username with a line break inside',
    () => normalizeCredentialSet({ ...base, username: 'AKIAIOSFOD\nNN7EXAMPLE' }),
    /username contains a line break/,
  ],
  [
    'credential set: 10 MB username',
    () => normalizeCredentialSet({ ...base, username: 'A'.repeat(10 * MB) }),
    /10485760 characters long; the SES SMTP username is the 20-character/,
  ],
  [
    'credential set: From with NUL',
    () => normalizeCredentialSet({ ...base, from: 'a@example.com\0' }),
    /default From contains a NUL character/,
  ],
  [
    'credential set: From not an address',
    () => normalizeCredentialSet({ ...base, from: 'a@localhost' }),
    /default From "a@localhost" is not an email address/,
  ],
  // issue #13: non-string input to the core functions gets a readable error, not a TypeError
  [
    'region: a number',
    () => validateRegion(5 as unknown as string),
    /region must be text such as us-east-1, not a number \(5\)/,
  ],
  ['region: an object', () => validateRegion({} as unknown as string), /not an object/],
  ['region: an array', () => validateRegion(['eu-west-1'] as unknown as string), /not an array/],
  ['region: 41 characters', () => validateRegion('a'.repeat(41)), /not a region name: it is 41 characters long/],
  ['port: an object', () => checkPort({} as unknown as number), /Port must be a number such as 587, not an object/],
  ['port: a boolean', () => checkPort(true as unknown as number), /not a boolean/],
  [
    'port: a bad TLS mode',
    () => checkPort(587, 'ssl' as unknown as 'starttls'),
    /TLS mode must be "starttls" or "implicit"/,
  ],
  [
    'endpoint: null',
    () => resolveEndpoint(null as unknown as object),
    /must be given as \{region, host, port\}, not null/,
  ],
  [
    'endpoint: a number host',
    () => resolveEndpoint({ host: 42 as unknown as string }),
    /host must be text .* not a number \(42\)/,
  ],
  [
    'endpoint: an object region',
    () => resolveEndpoint({ region: {} as unknown as string }),
    /region must be text such as us-east-1, not an object/,
  ],
  [
    'endpoint: an array port',
    () => resolveEndpoint({ region: 'eu-west-1', port: [587] as unknown as number }),
    /Port must be a number such as 587, not an array/,
  ],
  [
    'host for region: a number',
    () => smtpHostForRegion(5 as unknown as string),
    /region must be text such as us-east-1, not a number/,
  ],
  ['credential set: null', () => normalizeCredentialSet(null as unknown as typeof base), /must be an object, not null/],
  [
    'credential set: a number name',
    () => normalizeCredentialSet({ ...base, name: 5 as unknown as string }),
    /The name must be text, not a number \(5\)/,
  ],
  [
    'credential set: an object username',
    () => normalizeCredentialSet({ ...base, username: {} as unknown as string }),
    /The username must be text, not an object/,
  ],
  [
    'credential set: a number region',
    () => normalizeCredentialSet({ ...base, region: 1 as unknown as string }),
    /The region must be text, not a number/,
  ],
  [
    'credential set: an array host',
    () => normalizeCredentialSet({ ...base, host: ['x'] as unknown as string }),
    /The host must be text, not an array/,
  ],
  [
    'credential set: a number From',
    () => normalizeCredentialSet({ ...base, from: 7 as unknown as string }),
    /The default From must be text, not a number/,
  ],
  [
    'credential set: a string port',
    () => normalizeCredentialSet({ ...base, port: 'x' as unknown as number }),
    /Port "x" is not a number/,
  ],
  [
    'credential set: a certificate fingerprint that is not SHA-256',
    () => normalizeCredentialSet({ ...base, certificateSha256: 'AB:CD' }),
    /The certificate fingerprint must be a SHA-256 fingerprint: 32 hex pairs/,
  ],
  [
    'credential set: a number for the certificate fingerprint',
    () => normalizeCredentialSet({ ...base, certificateSha256: 42 as unknown as string }),
    /The certificate fingerprint must be text, not a number/,
  ],
  // webview messages
  ['webview: number', () => parseFromWebview(42), /not an object/],
  ['webview: unknown type', () => parseFromWebview({ type: 'eval' }), /unknown message type/],
  [
    'webview: 1 MB subject',
    () =>
      parseFromWebview({
        type: 'send',
        form: { setId: 'x', from: 'a', to: 'b', subject: 'x'.repeat(MB), text: '', port: 587, tls: 'starttls' },
      }),
    /subject is 1048576 characters/,
  ],
];

describe('bad inputs get a specific message', () => {
  test('there are at least 60 cases', () => {
    assert.ok(cases.length >= 60, `${cases.length} cases`);
  });
  for (const [name, run, message] of cases) {
    test(name, () => {
      assert.match(messageOf(run), message);
    });
  }
});
