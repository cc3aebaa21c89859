// Command arguments (issue #13): every field of every command's argument object gets bad values
// that must be refused with a message naming the field and why, and near misses that must pass.
// The bad-value table is keyed by the kind of field; each command's schema says which fields it
// has, so a new field without bad-value cases fails the coverage test below.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_SCHEMAS, validateCommandArgs, type ArgsCheck } from '../../src/commandArgs';
import { LIMITS } from '../../src/base/fields';
import { NameError, validateDomainName, validateHostName } from '../../src/base/names';
import { parseEmailAddress, validateFromPattern } from '../../src/base/emailAddress';

const MB = 1024 * 1024;
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const PASSWORD = 'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** A host name of exactly n characters, in labels of at most 63. */
function hostOfLength(n: number): string {
  let host = '';
  while (host.length < n) {
    const remaining = n - host.length - (host ? 1 : 0);
    let len = Math.min(63, remaining);
    if (remaining - len === 1) len -= 1; // leave room for a dot and one more character
    host += `${host ? '.' : ''}${'a'.repeat(len)}`;
  }
  return host;
}

/** A bad value, the reason its message must give, and where the field path continues ("[1]", ".name"). */
type Bad = [label: string, value: unknown, reason: RegExp, subfield?: string];

const notString = (what: RegExp): Bad[] => [
  ['a number', 42, new RegExp(`${what.source}.*not a number \\(42\\)`)],
  ['null', null, new RegExp(`${what.source}.*not null`)],
  ['a boolean', true, new RegExp(`${what.source}.*not a boolean \\(true\\)`)],
  ['an object', { a: 1 }, new RegExp(`${what.source}.*not an object`)],
  ['an array', ['x'], new RegExp(`${what.source}.*not an array`)],
];

/** Bad values per kind of field, each with the reason its message must give. */
const BAD: Record<string, Bad[]> = {
  region: [
    ...notString(/must be a region name such as us-east-1/),
    ['1 MB of text', 'x'.repeat(MB), /is 1048576 characters long; region names are at most 40/],
    ['41 characters', 'a'.repeat(41), /is 41 characters long/],
    ['empty', '', /is empty; give a region such as us-east-1/],
    ['only spaces', '   ', /is empty/],
    ['a NUL', 'eu-west-1\0', /contains a NUL character/],
    ['a line break', 'eu-west-1\n', /contains a line break/],
    ['a typo', 'eu-cental-1', /is not valid: "eu-cental-1" is not an SES region\. Did you mean eu-central-1\?/],
    ['an availability zone', 'us-west-2b', /Did you mean us-west-2\?/],
    ['a host name', 'email-smtp.eu-west-1.amazonaws.com', /not a region name/],
    ['a display name', 'Frankfurt', /not a region name/],
  ],
  host: [
    ...notString(/must be a host name such as email-smtp\.eu-west-1\.amazonaws\.com/),
    ['a NUL', 'smtp.example.com\0.evil', /contains a NUL character/],
    ['a line break', 'smtp.example.com\r\n', /contains a line break/],
    ['254 characters', hostOfLength(254), /is 254 characters long; host names have at most 253/],
    ['1 MB', 'a'.repeat(MB), /is 1048576 characters long; host names have at most 253/],
    [
      'a 64-character label',
      `${'a'.repeat(64)}.example.com`,
      /the label "a{20}…" is 64 characters long; each part of a host name has at most 63/,
    ],
    ['a scheme', 'smtp://email-smtp.eu-west-1.amazonaws.com', /without a scheme, port or path/],
    ['a port', 'email-smtp.eu-west-1.amazonaws.com:587', /without a scheme, port or path/],
    ['a path', 'email-smtp.eu-west-1.amazonaws.com/x', /without a scheme, port or path/],
    ['a user', 'me@email-smtp.eu-west-1.amazonaws.com', /without a scheme, port or path/],
    ['a space', 'email smtp.example.com', /not a host name/],
    ['two dots', 'smtp..example.com', /empty label/],
    ['a leading hyphen', '-smtp.example.com', /label "-smtp" may hold only letters, digits and hyphens/],
    ['a non-ASCII name', 'smtp.bücher.de', /non-ASCII characters; enter the punycode form/],
  ],
  port: [
    ['zero', 0, /is 0, out of range: a port is from 1 to 65535/],
    ['65536', 65536, /is 65536, out of range/],
    ['negative', -587, /is -587, out of range/],
    ['a fraction', 587.5, /must be a whole port number .* not 587\.5/],
    ['NaN', NaN, /must be a whole port number .* not NaN/],
    ['Infinity', Infinity, /must be a whole port number .* not Infinity/],
    ['text', 'smtp', /must be a port number such as 587 .* not "smtp"/],
    ['an empty string', '', /must be a port number .* not ""/],
    ['a string out of range', '70000', /is not valid: Port 70000 is out of range/],
    ['null', null, /must be a port number .* not null/],
    ['a boolean', true, /not a boolean \(true\)/],
    ['an array', [587], /not an array/],
  ],
  tls: [
    ['"none"', 'none', /must be "starttls" or "implicit", not "none"/],
    ['upper case', 'STARTTLS', /must be "starttls" or "implicit", not "STARTTLS"/],
    ['"ssl"', 'ssl', /not "ssl"/],
    ['a boolean', true, /not a boolean \(true\)/],
    ['null', null, /not null/],
    ['a number', 465, /not a number \(465\)/],
  ],
  username: [
    ...notString(/must be a string such as "AKIAIOSFODNN7EXAMPLE"/),
    ['a line break inside', 'AKIAIOSFOD\nNN7EXAMPLE', /contains a line break; it must be on one line/],
    ['a trailing CRLF', `${KEY}\r\n`, /contains a line break/],
    ['a NUL', `${KEY}\0`, /contains a NUL character; remove it/],
    ['a tab', `AKIA\tX`, /contains a tab/],
    [
      '10 MB',
      'A'.repeat(10 * MB),
      /is 10485760 characters long; the SES SMTP username is the 20-character access key id/,
    ],
    ['321 characters', 'A'.repeat(321), /is 321 characters long/],
    ['empty', '', /is empty; the SES SMTP username is the IAM access key id/],
  ],
  accessKeyId: [
    ...notString(/must be a string such as "AKIAIOSFODNN7EXAMPLE"/),
    ['a line break', `${KEY}\n`, /contains a line break/],
    ['a NUL', `AKIA\0`, /contains a NUL character/],
    ['129 characters', 'A'.repeat(129), /is 129 characters long; an access key id has 20 characters/],
    ['empty', '', /is empty; give the IAM access key id/],
  ],
  password: [
    ...notString(/must be a string such as the 44-character SMTP password/),
    ['a line break', `${PASSWORD}\n`, /contains a line break; it must be on one line/],
    ['a CR inside', 'BLt+ADu/sekVOPz\rU8qxsZ9RUJq9VOImHlGTS3HByT=p5', /contains a line break/],
    ['a NUL', `${PASSWORD}\0`, /contains a NUL character/],
    ['1 MB', 'B'.repeat(MB), /is 1048576 characters long; SES SMTP passwords are 44 characters/],
    ['513 characters', 'B'.repeat(513), /is 513 characters long/],
    ['empty', '', /is empty; give the SMTP password/],
  ],
  secretAccessKey: [
    ...notString(/must be a string such as the 40-character IAM secret access key/),
    ['a line break', `${SECRET}\n`, /contains a line break/],
    ['a NUL', `${SECRET}\0`, /contains a NUL character/],
    ['129 characters', 'k'.repeat(129), /is 129 characters long; IAM secret access keys are 40 characters/],
    ['empty', '', /is empty/],
  ],
  timeoutSeconds: [
    ['1e7', 1e7, /is 10000000 seconds; give 1 to 600 seconds/],
    ['601', 601, /is 601 seconds; give 1 to 600/],
    ['zero', 0, /is 0 seconds; give 1 to 600/],
    ['half a second', 0.5, /is 0\.5 seconds/],
    ['negative', -5, /is -5 seconds/],
    ['NaN', NaN, /must be a number of seconds from 1 to 600, not NaN/],
    ['Infinity', Infinity, /must be a number of seconds from 1 to 600, not a number \(Infinity\)/],
    ['"1e7"', '1e7', /must be a number of seconds from 1 to 600, not "1e7"/],
    ['"10 s"', '10 s', /not "10 s"/],
    ['a big string number', '10000000', /is 10000000 seconds/],
    ['null', null, /not null/],
    ['a boolean', true, /not a boolean \(true\)/],
  ],
  boolean: [
    ['the string "false"', 'false', /must be true or false, not the string "false"/],
    ['0', 0, /must be true or false, not a number \(0\)/],
    ['1', 1, /not a number \(1\)/],
    ['null', null, /not null/],
    ['an object', {}, /not an object/],
  ],
  setName: [
    ...notString(/must be a string such as "prod eu-west-1"/),
    ['empty', '', /is empty; give the credentials a name/],
    ['spaces', '   ', /is empty/],
    ['81 characters', 'n'.repeat(81), /is 81 characters long; keep it under 80/],
    ['1 MB', 'n'.repeat(MB), /is 1048576 characters long; keep it under 80/],
    ['two lines', 'prod\nstaging', /contains a line break; it must be on one line/],
    ['a NUL', 'prod\0', /contains a NUL character/],
  ],
  setRef: [
    ...notString(/must be a string such as the name or id of a saved credential set/),
    ['empty', '', /is empty/],
    ['201 characters', 'n'.repeat(201), /is 201 characters long; names of credential sets have at most 80/],
    ['a line break', 'prod\n', /contains a line break/],
    ['a NUL', 'pr\0od', /contains a NUL character/],
  ],
  setItem: [
    ['a string', 'prod', /must be a credential set object with an "id" .* not a string/],
    ['null', null, /not null/],
    ['an array', [{ id: 'x' }], /not an array/],
  ],
  address: [
    ...notString(/must be an email address such as sender@example\.com/),
    ['empty', '', /is empty\. Enter an address such as sender@example\.com/],
    ['no @', 'sender.example.com', /is not an email address: it has no @/],
    ['two @', 'a@b@example.com', /is not an email address: it has more than one @/],
    [
      'a domain without a dot',
      'a@localhost',
      /is not an email address: its domain "localhost" is not valid \("localhost" has no dot/,
    ],
    [
      'a header injection',
      'a@example.com\r\nBcc: x@example.net',
      /contains a line break, which would inject mail headers/,
    ],
    ['a NUL', 'a@exa\0mple.com', /contains a NUL character/],
    ['a space inside', 'jane doe@example.com', /is not an email address: it has text outside the address/],
    ['1 MB', `${'a'.repeat(MB)}@example.com`, /is 1048588 characters long; an address has at most 320/],
    [
      'a 65-character local part',
      `${'a'.repeat(65)}@example.com`,
      /the part before the @ is 65 characters long; at most 64/,
    ],
    ['an IDN domain', 'a@bücher.de', /punycode form/],
    ['an unclosed quote', '"Jane <jane@example.com>', /is not an email address: a quote is never closed/],
    ['two addresses', 'a@example.com, b@example.com', /it holds 2 addresses; give one/],
    ['a bad domain label', 'a@-bad.example.com', /its domain "-bad\.example\.com" is not valid/],
    [
      'a dot at the end of the local part',
      'a.@example.com',
      /the part before the @ .* a dot at its start, at its end or twice in a row/,
    ],
  ],
  to: [
    ['empty', '', /is empty; give at least one recipient/],
    ['an empty array', [], /is empty; give at least one recipient/],
    [
      '51 recipients',
      Array.from({ length: 51 }, (_, i) => `r${i}@example.com`),
      /lists 51 recipients; SES accepts at most 50/,
    ],
    ['51 in one string', Array.from({ length: 51 }, (_, i) => `r${i}@example.com`).join(', '), /lists 51 recipients/],
    ['a number', 42, /must be an address or an array of addresses .* not a number \(42\)/],
    ['null', null, /not null/],
    ['an object', {}, /not an object/],
    ['a NUL', 'a@example.com\0', /contains a NUL character/],
    ['a header injection', 'a@example.com\nBcc: b@example.com', /line break/],
    ['a bad address in a list', 'ok@example.com, bad', /"bad" is not an email address: it has no @/],
    ['a domain without a dot', 'a@localhost', /has no dot/],
  ],
  toItem: [
    ['a number in the array', [5], /must be an email address .* not a number \(5\)/, '[0]'],
    ['null in the array', ['a@example.com', null], /not null/, '[1]'],
    ['a bad address in the array', ['a@localhost'], /its domain "localhost" is not valid/, '[0]'],
  ],
  subject: [
    ...notString(/must be a string such as "SES SMTP test"/),
    ['a header injection', 'hi\r\nBcc: x@example.com', /contains a line break; it must be on one line/],
    ['999 characters', 's'.repeat(999), /is 999 characters long; a subject is one header line of at most 998/],
    ['a NUL', 'hi\0', /contains a NUL character/],
  ],
  body: [
    ['11 MB', 'x'.repeat(11 * MB), /is 11\.0 MB; a test mail body may have at most 10 MB/],
    ['a NUL', 'hello\0world', /contains a NUL character, which SMTP cannot carry/],
    ['a number', 42, /must be a string, not a number \(42\)/],
    ['null', null, /must be a string, not null/],
    ['an array', ['x'], /not an array/],
  ],
  onProblem: [
    ['an unknown choice', 'fix', /must be one of "clean", "as-typed", "derive", "ask", not "fix"/],
    ['upper case', 'CLEAN', /not "CLEAN"/],
    ['a number', 1, /not a number \(1\)/],
    ['null', null, /not null/],
  ],
  stack: [
    ['an unknown stack', 'cobol', /must be one of "nodemailer", "python", "django", "rails", .*"go", not "cobol"/],
    ['a label instead of the id', 'Node.js (nodemailer)', /must be one of .*not "Node\.js \(nodemailer\)"/],
    ['upper case', 'Nodemailer', /not "Nodemailer"/],
    ['a number', 1, /not a number \(1\)/],
    ['null', null, /not null/],
  ],
  profile: [
    ...notString(/must be a string such as the name of an AWS profile/).filter(([label]) => label !== 'null'),
    ['129 characters', 'p'.repeat(129), /is 129 characters long/],
    ['a line break', 'prod\n[evil]', /contains a line break/],
    ['a NUL', 'prod\0', /contains a NUL character/],
  ],
  profileNull: [['null', null, /not null/]],
  regions: [
    ['a string', 'eu-west-1', /must be an array of regions such as \["eu-west-1"\], not a string/],
    ['an empty array', [], /is empty; list at least one region/],
    ['51 regions', Array.from({ length: 51 }, () => 'eu-west-1'), /lists 51 regions; at most 50/],
    ['null', null, /not null/],
    ['an object', { 0: 'eu-west-1' }, /not an object/],
  ],
  regionsItem: [
    ['a typo', ['eu-cental-1'], /Did you mean eu-central-1\?/, '[0]'],
    ['a number', ['eu-west-1', 5], /must be a region name such as us-east-1, not a number \(5\)/, '[1]'],
    ['1 MB', ['r'.repeat(MB)], /is 1048576 characters long; region names are at most 40/, '[0]'],
  ],
  userName: [
    ...notString(/must be a string such as "ses-smtp-user\.app"/),
    ['65 characters', 'u'.repeat(65), /is 65 characters long; IAM user names have at most 64/],
    ['a space', 'smtp user', /"smtp user" is not a valid IAM user name: use letters, digits and \+ = , \. @ _ - only/],
    ['a slash', 'a/b', /is not a valid IAM user name/],
    ['empty', '', /is empty/],
    ['a line break', 'user\n', /contains a line break/],
  ],
  fromPatterns: [
    ['a number', 5, /must be an array of addresses or \*@domain patterns .* not a number \(5\)/],
    ['null', null, /not null/],
    ['an object', {}, /not an object/],
    [
      'a bad domain in a string',
      '*@example.com, *@localhost',
      /"\*@localhost" is not a From pattern: "localhost" has no dot/,
    ],
    ['a NUL in a string', '*@example.com\0', /contains a NUL character/],
    ['51 patterns', Array.from({ length: 51 }, (_, i) => `a${i}@example.com`), /lists 51 patterns; at most 50/],
  ],
  fromPatternsItem: [
    ['a number in the array', [5], /must be a string such as "\*@example\.com", not a number \(5\)/, '[0]'],
    ['a domain without a dot', ['*@example.com', '*@bad'], /"\*@bad" is not a From pattern: "bad" has no dot/, '[1]'],
    ['a bare word', ['x'], /"x" is not an email address: it has no @/, '[0]'],
    [
      'a named address',
      ['Jane <jane@example.com>'],
      /is not an email address: give the bare address without a name or <>/,
      '[0]',
    ],
    ['*@ alone', ['*@'], /is not a From pattern: the domain is empty/, '[0]'],
  ],
  file: [
    ...notString(/must be a string such as an absolute path/),
    ['a relative path', 'app/.env', /"app\/\.env" is not an absolute path; give the full path/],
    ['empty', '', /is empty/],
    ['a NUL', '/tmp/.env\0.txt', /contains a NUL character/],
    ['4097 characters', `/${'p'.repeat(4096)}`, /is 4097 characters long/],
  ],
  uri: [
    ...notString(/must be a string such as a URI/),
    ['no scheme', 'home/me/.env', /"home\/me\/\.env" is not a URI/],
    ['empty', '', /is empty/],
    ['a NUL', 'file:///tmp/.env\0', /contains a NUL character/],
    ['8193 characters', `file:///${'p'.repeat(8185)}`, /is 8193 characters long/],
  ],
  block: [
    ['negative', -1, /must be the index of an SMTP block in the file, a whole number from 0 to 999, not -1/],
    ['a fraction', 1.5, /not 1\.5/],
    ['a string', '0', /not a string/],
    ['1000', 1000, /not 1000/],
    ['null', null, /not null/],
    ['NaN', NaN, /not NaN/],
  ],
  convention: [
    ...notString(/must be a string such as "laravel"/),
    ['punctuation', 'Laravel!', /"Laravel!" is not a convention id/],
    ['empty', '', /is empty/],
    ['65 characters', 'c'.repeat(65), /is 65 characters long/],
  ],
  identityName: [
    ['a number', 5, /must be a domain \(example\.com\) or an email address .* not a number \(5\)/],
    ['null', null, /not null/],
    ['an object', { name: 'example.com' }, /not an object/],
    ['no dot', 'localhost', /"localhost" has no dot/],
    ['a URL', 'https://example.com/', /is a URL; enter only the domain/],
    ['an address without a domain dot', 'a@localhost', /the part after the @ is not a domain\. "localhost" has no dot/],
    ['an IDN', 'bücher.de', /punycode form/],
    [
      '321 characters',
      `${'a'.repeat(309)}.example.com`,
      /is 321 characters long; domains have at most 253 characters and addresses 320/,
    ],
    ['empty', '', /Enter a domain \(example\.com\) or an email address/],
    ['a NUL', 'exa\0mple.com', /contains a NUL character/],
    ['a 64-character label', `${'a'.repeat(64)}.com`, /is 64 characters long; each part of a domain has at most 63/],
  ],
  identityItem: [
    ['a string', 'example.com', /must be an identity object such as \{"name": "example\.com"\}, not a string/],
    ['null', null, /not null/],
    ['no name', {}, /is missing; give the identity as \{"name": "example\.com"\}/, '.name'],
    ['a number as name', { name: 5 }, /must be a domain .* not a number \(5\)/, '.name'],
    ['a bad name', { name: 'localhost' }, /"localhost" has no dot/, '.name'],
  ],
  // Copy Name / Copy Value of a record: the record as its row shows it.
  record: [
    [
      'a string',
      '_dmarc.example.com',
      /must be an object such as \{"type": "TXT", "name": "_dmarc\.example\.com"\}, not a string/,
    ],
    ['null', null, /must be an object .* not null/],
    ['no type', { name: '_dmarc.example.com' }, /is missing; give the record as \{"type": "TXT"/, '.type'],
    ['no name', { type: 'TXT' }, /is missing; give the record as/, '.name'],
    [
      'a type DNS has but SES never asks for',
      { type: 'A', name: 'example.com' },
      /must be one of "CNAME", "MX", "TXT", not "A"/,
      '.type',
    ],
    ['a lower-case type', { type: 'txt', name: '_dmarc.example.com' }, /must be one of "CNAME", "MX", "TXT"/, '.type'],
    ['an empty name', { type: 'TXT', name: '' }, /is empty/, '.name'],
    [
      'a name over 255',
      { type: 'TXT', name: 'a'.repeat(256) },
      /is 256 characters long; DNS names have at most 255/,
      '.name',
    ],
    ['a NUL in the name', { type: 'TXT', name: '_dmarc.example.com\0' }, /contains a NUL character/, '.name'],
    [
      'an unknown field',
      { type: 'TXT', name: '_dmarc.example.com', value: 'v=DMARC1' },
      /is not known\. It takes "type", "name"/,
      '.value',
    ],
  ],
  // runDoctor's port map: SES ports to local ones.
  portMap: [
    ['a number', 587, /must be an object such as \{"587": 2587\}, not a number \(587\)/],
    ['an array', [587], /must be an object .* not an array/],
    ['null', null, /must be an object .* not null/],
    ['a key that is no SES port', { '8025': 2525 }, /is not an SES port; the keys are 25, 465, 587/, '.8025'],
    ['a value out of range', { '587': 0 }, /is 0, out of range/, '.587'],
    ['a text value', { '587': 'smtp' }, /must be a port number such as 587/, '.587'],
  ],
  count: [
    ['0', 0, /is 0; give a whole number of messages from 1 to 1000/],
    ['1001', 1001, /is 1001; give a whole number of messages from 1 to 1000/],
    ['2.5', 2.5, /is 2\.5; give a whole number/],
    ['a word', 'many', /must be a whole number of messages from 1 to 1000, not a string/],
    ['null', null, /not null/],
    ['Infinity', Infinity, /must be a whole number .* not/],
  ],
  rate: [
    ['0', 0, /is 0; give a number of messages per second from 0\.1 to 1000/],
    ['negative', -3, /is -3; give a number of messages per second/],
    ['1e6', 1e6, /is 1000000; give a number of messages per second from 0\.1 to 1000/],
    ['NaN', NaN, /must be a number of messages per second .* not/],
    ['a boolean', true, /not a boolean/],
  ],
  poolSize: [
    ['0', 0, /is 0; give a whole number of connections from 1 to 20/],
    ['21', 21, /is 21; give a whole number of connections from 1 to 20/],
    ['1.5', 1.5, /is 1\.5/],
    ['an array', [5], /not an array/],
  ],
  filter: [
    ['a number', 5, /must be a string such as "example\.com", not a number/],
    ['201 characters', 'x'.repeat(201), /is 201 characters long; a filter has at most 200/],
    ['a line break', 'a\nb', /contains a line break/],
    ['a NUL', 'a\0', /contains a NUL/],
  ],
  // Secrets Manager / SSM import and export (issue #17).
  secretId: [
    ...notString(/must be a string such as a secret name or ARN/),
    ['empty', '', /is empty/],
    ['a space', 'ses smtp', /is not valid: "ses smtp" is not a valid secret name: use letters, digits and/],
    ['a line break', 'ses/smtp\n', /contains a line break/],
    ['513 characters', 's'.repeat(513), /is not valid: The secret name is 513 characters long; at most 512/],
    ['2049 characters', 's'.repeat(2049), /is 2049 characters long/],
    ['an ARN of another service', 'arn:aws:ssm:eu-west-1:123456789012:parameter/x', /The secret ARN is not one/],
  ],
  parameter: [
    ...notString(/must be a string such as a parameter name/),
    ['empty', '', /is empty/],
    ['a space', '/ses/smtp prod', /is not a valid parameter name: use letters, digits and _ \. - \/ only/],
    ['a NUL', '/ses\0', /contains a NUL character/],
    ['a secret ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x', /The parameter ARN is not one/],
  ],
  kmsKeyId: [
    ...notString(/must be a string such as a KMS key id, alias or ARN/),
    ['empty', '', /is empty/],
    ['a key name without alias/', 'ses-smtp', /is not valid: The KMS key is not a key id, alias or ARN/],
    ['a UUID cut short', '1234abcd-12ab-34cd-56ef-1234567890a', /is not a key id, alias or ARN/],
    ['a secret ARN', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x', /is not a key id, alias or ARN/],
  ],
  keyMapping: [
    [
      'a string',
      'SMTP_USER',
      /must be an object such as \{"username": "SMTP_USER", "password": "SMTP_PASS"\}, not a string/,
    ],
    ['null', null, /not null/],
    ['an array', ['SMTP_USER'], /not an array/],
  ],
  keyMappingItem: [
    ['a number key', { username: 5 }, /must be a string such as "SMTP_USERNAME", not a number \(5\)/, '.username'],
    ['an empty key', { password: '' }, /is empty/, '.password'],
    ['129 characters', { host: 'k'.repeat(129) }, /is 129 characters long; JSON keys here have at most 128/, '.host'],
    ['a line break', { from: 'A\nB' }, /contains a line break/, '.from'],
    ['an unknown field', { user: 'SMTP_USER' }, /is not known\. It takes "username", "password", "host"/, '.user'],
  ],
  deleteOldKey: [
    ['an unknown choice', 'soon', /must be one of "now", "later", "never", not "soon"/],
    ['upper case', 'Now', /not "Now"/],
    ['a boolean', true, /not a boolean \(true\)/],
    ['null', null, /not null/],
  ],
  maxWaitSeconds: [
    ['4 (below the floor)', 4, /is 4; give 5 to 300 seconds/],
    ['301', 301, /is 301; give 5 to 300 seconds/],
    ['2.5', 2.5, /must be a whole number of seconds from 5 to 300, not a number/],
    ['a word', 'long', /must be a whole number of seconds from 5 to 300, not a string/],
    ['null', null, /not null/],
  ],
  values: [
    ['a number', 5, /must be an object such as \{"host": .* not a number \(5\)/],
    ['null', null, /not null/],
    ['an array', [], /not an array/],
  ],
};

// Send Test Email's extras (issue #18): the send path's own rules, reported under the argument.
const ARN = 'arn:aws:ses:eu-west-1:123456789012:identity/example.com';
Object.assign(BAD, {
  optionalRecipients: [
    ['a number', 42, /must be an address or an array of addresses .* not a number \(42\)/],
    ['null', null, /not null/],
    ['an object', {}, /not an object/],
    [
      '51 addresses',
      Array.from({ length: 51 }, (_, i) => `r${i}@example.com`),
      /lists 51 addresses; SES accepts at most 50/,
    ],
    ['a line break', 'a@example.com\nBcc: x@evil.com', /line break/],
    ['no domain dot', 'a@localhost', /has no dot/],
    ['an array item that is not an address', ['a@example.com', 'nobody'], /not an email address|has no @/, '[1]'],
  ] as Bad[],
  headers: [
    ['a string', 'X-A: 1', /must be an array such as \[\{"name": "X-App-Request-Id"/],
    ['an item that is a string', ['X-A: 1'], /must be an object such as/, '[0]'],
    [
      'an item with another key',
      [{ name: 'X-A', value: '1', extra: 1 }],
      /has "extra"; it takes only "name" and "value"/,
      '[0]',
    ],
    ['an empty name', [{ name: '', value: '1' }], /Header 1: the name is empty/],
    ['a name with a space', [{ name: 'X App', value: '1' }], /"X App" is not a header name/],
    ['a name with a colon', [{ name: 'X-A:', value: '1' }], /is not a header name/],
    ['a non-ASCII name', [{ name: 'X-Ä', value: '1' }], /is not a header name/],
    ['From (reserved)', [{ name: 'From', value: 'a@example.com' }], /From cannot be set here: use the From field/],
    [
      'bcc in any case (reserved)',
      [{ name: 'bcc', value: 'a@example.com' }],
      /bcc cannot be set here: use the BCC field/,
    ],
    [
      'Content-Type (reserved)',
      [{ name: 'Content-Type', value: 'text/plain' }],
      /Content-\* headers describe the MIME structure/,
    ],
    [
      'X-SES-CONFIGURATION-SET (reserved)',
      [{ name: 'X-SES-CONFIGURATION-SET', value: 'a' }],
      /use the configuration set, message tags/,
    ],
    ['Message-ID (reserved)', [{ name: 'Message-ID', value: '<a@b>' }], /SES assigns its own/],
    ['DKIM-Signature (reserved)', [{ name: 'DKIM-Signature', value: 'v=1' }], /SES signs the message/],
    ['a value with CRLF', [{ name: 'X-A', value: '1\r\nBcc: x@evil.com' }], /line break, which would inject headers/],
    ['a value with a bare LF', [{ name: 'X-A', value: '1\nX: y' }], /line break/],
    ['a value with a NUL', [{ name: 'X-A', value: '1\0' }], /control character/],
    ['a number value', [{ name: 'X-A', value: 1 }], /the value must be text/],
    [
      'a 999-character line',
      [{ name: 'X-A', value: 'v'.repeat(994) }],
      /999 characters long; a header line has at most 998/,
    ],
    [
      '51 headers',
      Array.from({ length: 51 }, (_, i) => ({ name: `X-H${i}`, value: '1' })),
      /51 custom headers; a test mail takes at most 50/,
    ],
  ] as Bad[],
  tags: [
    ['an object', { campaign: 'x' }, /must be an array such as \[\{"name": "campaign"/],
    [
      'a name with a space',
      [{ name: 'order id', value: '1' }],
      /the name "order id" contains " "; SES allows only ASCII letters, digits, "_" and "-"/,
    ],
    ['a name with a dot', [{ name: 'order.id', value: '1' }], /contains "\."/],
    ['a value with a colon', [{ name: 'event', value: 'a:b' }], /Tag 1 \(event\): the value "a:b" contains ":"/],
    ['a value with an @', [{ name: 'to', value: 'a@example.com' }], /contains "@"/],
    ['a non-ASCII value', [{ name: 'n', value: 'café' }], /contains "é"/],
    ['an empty name', [{ name: '', value: '1' }], /the name is empty/],
    ['an empty value', [{ name: 'n', value: '' }], /the value is empty; SES needs a value for every tag/],
    [
      'a 257-character name',
      [{ name: 'n'.repeat(257), value: '1' }],
      /the name is 257 characters long; SES allows at most 256/,
    ],
    ['a 257-character value', [{ name: 'n', value: 'v'.repeat(257) }], /the value is 257 characters long/],
    [
      'the same name twice',
      [
        { name: 'a', value: '1' },
        { name: 'a', value: '2' },
      ],
      /the name "a" is used twice/,
    ],
    [
      '51 tags',
      Array.from({ length: 51 }, (_, i) => ({ name: `t${i}`, value: '1' })),
      /51 message tags; SES accepts at most 50/,
    ],
    ['an ses: name other than feedback ids', [{ name: 'ses:operation', value: 'x' }], /contains ":"/],
    ['a number value', [{ name: 'n', value: 1 }], /the value must be text/],
  ] as Bad[],
  configurationSet: [
    ...notString(/The configuration set must be a name/),
    ['empty', '', /The configuration set is empty/],
    ['a space', 'my set', /may contain only ASCII letters, digits, "_" and "-"/],
    ['a dot', 'my.set', /may contain only ASCII letters/],
    ['65 characters', 's'.repeat(65), /65 characters long; SES names have at most 64/],
    ['a line break', 'set\nX-A: 1', /may contain only ASCII letters/],
  ] as Bad[],
  arn: [
    ...notString(/must be text such as arn:aws:ses:/),
    ['empty', '', /is empty; give an ARN/],
    ['an IAM ARN', 'arn:aws:iam::123456789012:user/smtp', /is not an SES identity ARN; it has the shape arn:aws:ses:/],
    ['an 11-digit account', 'arn:aws:ses:eu-west-1:12345678901:identity/example.com', /not an SES identity ARN/],
    ['no identity', 'arn:aws:ses:eu-west-1:123456789012:identity/', /not an SES identity ARN/],
    ['a configuration set ARN', 'arn:aws:ses:eu-west-1:123456789012:configuration-set/a', /not an SES identity ARN/],
    ['an upper-case region', 'arn:aws:ses:EU-WEST-1:123456789012:identity/example.com', /not an SES identity ARN/],
    [
      'not a region',
      'arn:aws:ses:europe:123456789012:identity/example.com',
      /names "europe", which is not a region name/,
    ],
    [
      'a China region in the aws partition',
      'arn:aws:ses:cn-north-1:123456789012:identity/example.com',
      /cn-north-1 ARNs begin arn:aws-cn:/,
    ],
    [
      'a GovCloud region in the aws partition',
      'arn:aws:ses:us-gov-west-1:123456789012:identity/example.com',
      /begin arn:aws-us-gov:/,
    ],
    [
      'a standard region in aws-cn',
      'arn:aws-cn:ses:eu-west-1:123456789012:identity/example.com',
      /eu-west-1 ARNs begin arn:aws:/,
    ],
    ['a space inside', `${ARN} x`, /contains a space or line break/],
  ] as Bad[],
  attachments: [
    ['a string', '/tmp/a.pdf', /must be an array such as \[\{"path": "\/home\/me\/report\.pdf"\}\]/],
    ['an item that is a string', ['/tmp/a.pdf'], /must be an object such as \{"path"/, '[0]'],
    ['a relative path', [{ path: 'report.pdf' }], /is not an absolute path/, '[0].path'],
    ['an empty path', [{ path: '' }], /is empty/, '[0].path'],
    ['a path with a NUL', [{ path: '/tmp/a\0.pdf' }], /NUL/, '[0].path'],
    [
      'a file name with a slash',
      [{ path: '/tmp/a.pdf', filename: '../a.pdf' }],
      /must be a plain file name/,
      '[0].filename',
    ],
    ['a file name with a line break', [{ path: '/tmp/a.pdf', filename: 'a\n.pdf' }], /line break/, '[0].filename'],
    [
      'a content type without a slash',
      [{ path: '/tmp/a.pdf', contentType: 'pdf' }],
      /must be a MIME type such as "application\/pdf"/,
      '[0].contentType',
    ],
    [
      'an unknown key',
      [{ path: '/tmp/a.pdf', name: 'a' }],
      /has "name"; it takes "path", "filename" and "contentType"/,
      '[0]',
    ],
    [
      '51 files',
      Array.from({ length: 51 }, () => ({ path: '/tmp/a.pdf' })),
      /lists 51 files; a test mail takes at most 50/,
    ],
    ['a blocked type', [{ path: '/tmp/setup.EXE' }], /names a \.exe file; SES refuses \.exe attachments/, '[0].path'],
    [
      'a blocked shown name',
      [{ path: '/tmp/a.txt', filename: 'run.vbs' }],
      /SES refuses \.vbs attachments/,
      '[0].filename',
    ],
    ['a Windows path to a blocked type', [{ path: 'C:\\Users\\me\\x.js' }], /SES refuses \.js attachments/, '[0].path'],
  ] as Bad[],
  raw: [
    ...notString(/must be a MIME message as text/),
    ['empty', '', /The raw message is empty; paste a MIME message or open an \.eml file/],
    ['no headers', 'Hello there\r\n\r\nbody', /does not begin with headers/],
    ['no From', 'To: a@example.com\r\nSubject: x\r\n\r\nbody', /has no From header/],
    ['two From headers', 'From: a@example.com\r\nFrom: b@example.com\r\n\r\nbody', /2 From headers/],
    [
      'a bad header line',
      'From: a@example.com\r\nthis is not a header\r\n\r\nbody',
      /line 2 \("this is not a header"\) is not a header line/,
    ],
    ['a continuation first', ' folded\r\nFrom: a@example.com\r\n\r\nx', /does not begin with headers/],
    [
      'multipart without boundary',
      'From: a@example.com\r\nContent-Type: multipart/mixed\r\n\r\nx',
      /multipart but declares no boundary/,
    ],
    [
      'a boundary never used',
      'From: a@example.com\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\nno parts\r\n',
      /never uses the declared boundary "b1"/,
    ],
    [
      'no closing boundary',
      'From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\nhi\r\n',
      /closing "--b1--" line is missing/,
    ],
    ['a NUL', 'From: a@example.com\r\n\r\n\0', /NUL character/],
    [
      'a 999-character line',
      `From: a@example.com\r\n\r\n${'x'.repeat(999)}\r\n`,
      /Line 3 of the raw message is 999 characters long; SMTP allows 998/,
    ],
  ] as Bad[],
});

/** The kind of each field name (the same name means the same rules in every command). */
function kindOf(command: string, field: string): string[] {
  switch (field) {
    case 'region':
    case 'host':
    case 'port':
    case 'tls':
    case 'username':
    case 'accessKeyId':
    case 'password':
    case 'secretAccessKey':
    case 'timeoutSeconds':
    case 'subject':
    case 'onProblem':
    case 'file':
    case 'uri':
    case 'block':
    case 'convention':
    case 'fromPatterns':
    case 'values':
    case 'regions':
    case 'userName':
    case 'portMap':
      return field === 'fromPatterns'
        ? ['fromPatterns', 'fromPatternsItem']
        : field === 'regions'
          ? ['regions', 'regionsItem']
          : [field];
    case 'notify':
    case 'showResult':
    case 'confirm':
    case 'allow':
    case 'diagnose':
    case 'allowUntrustedCertificate':
    case 'confirmNonSimulator':
    case 'updateEnvFiles':
    case 'updateLinkedSecret':
      return ['boolean'];
    case 'smtpRegion':
      return ['region'];
    case 'secretId':
    case 'secretName':
      return ['secretId'];
    case 'parameter':
    case 'kmsKeyId':
      return [field];
    case 'mapping':
    case 'keys':
      return ['keyMapping', 'keyMappingItem'];
    case 'overwrite':
      return ['boolean'];
    case 'deleteOldKey':
    case 'maxWaitSeconds':
      return [field];
    case 'filter':
    case 'count':
    case 'rate':
    case 'poolSize':
      return [field];
    case 'name':
    case 'newName':
      return ['setName'];
    case 'credentialSet':
      return ['setRef'];
    case 'stack':
      return ['stack'];
    case 'set':
      return ['setItem'];
    case 'from':
      return ['address'];
    case 'to':
      return ['to', 'toItem'];
    case 'text':
    case 'html':
      return ['body'];
    case 'profile':
      return command === 'sesSmtpToolkit.explorer.choose' ? ['profile'] : ['profile', 'profileNull'];
    case 'identity':
      return command === 'sesSmtpToolkit.explorer.createIdentity' ? ['identityName'] : ['identityItem'];
    case 'record':
      return ['record'];
    case 'cc':
    case 'bcc':
    case 'replyTo':
      return ['optionalRecipients'];
    case 'headers':
    case 'tags':
    case 'configurationSet':
    case 'attachments':
    case 'raw':
      return [field];
    case 'sourceArn':
    case 'fromArn':
    case 'returnPathArn':
      return ['arn'];
  }
  return [];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Case {
  command: string;
  args: unknown;
  field?: string;
  reason: RegExp;
  name: string;
}

const cases: Case[] = [];
for (const [command, schema] of Object.entries(COMMAND_SCHEMAS)) {
  const short = command.replace('sesSmtpToolkit.', '');
  for (const field of Object.keys(schema.fields)) {
    for (const kind of kindOf(command, field)) {
      for (const [label, value, reason, subfield] of BAD[kind]) {
        // Array items are named by their index (to[0], regions[1]), nested fields by their path (identity.name).
        cases.push({
          command,
          args: { [field]: value },
          field: `${field}${subfield ?? ''}`,
          reason,
          name: `${short}: ${field} ${label}`,
        });
      }
    }
  }
  // Every command: an unknown field, an argument that is not an object, a getter, a symbol key.
  const known = Object.keys(schema.fields);
  cases.push({
    command,
    args: { bogus: 1 },
    field: 'bogus',
    reason: known.length ? /is not known\. It takes ".*"; check the spelling/ : /is not known\. It takes no arguments/,
    name: `${short}: an unknown field`,
  });
  cases.push({
    command,
    args: JSON.parse('{"__proto__": {"polluted": true}}'),
    field: '__proto__',
    reason: /is not known/,
    name: `${short}: an own __proto__ field`,
  });
  for (const [label, value, type] of [
    ['a number', 42, 'a number \\(42\\)'],
    ['a string', 'prod', 'a string'],
    ['a boolean', true, 'a boolean \\(true\\)'],
    ['an array', [{}], 'an array'],
  ] as const) {
    cases.push({
      command,
      args: value,
      reason: new RegExp(`^The argument of ${escape(command)} must be an object such as \\{.*\\}.*, not ${type}\\.$`),
      name: `${short}: the argument is ${label}`,
    });
  }
  if (known.length) {
    const getter = Object.defineProperty({}, known[0], { get: () => 'x', enumerable: true });
    cases.push({
      command,
      args: getter,
      field: known[0],
      reason: /is a getter; pass plain data/,
      name: `${short}: a getter`,
    });
  }
}
// writeEnv's nested "values" object: each field by the same rules, unknown ones refused.
for (const [field, value, reason] of [
  ['host', 5, /Argument "values\.host" must be a host name/],
  ['host', 'smtp.example.com\0', /Argument "values\.host".*NUL/],
  ['host', hostOfLength(254), /Argument "values\.host".*254 characters long/],
  ['region', 'eu-cental-1', /Argument "values\.region" is not valid.*Did you mean eu-central-1/],
  ['port', 0, /Argument "values\.port" is 0, out of range/],
  ['tls', 'none', /Argument "values\.tls" must be "starttls" or "implicit"/],
  ['username', 'AKIA\nX', /Argument "values\.username" contains a line break/],
  ['password', `${PASSWORD}\n`, /Argument "values\.password" contains a line break/],
  ['password', 'p'.repeat(MB), /Argument "values\.password" is 1048576 characters long/],
  ['from', 'a@localhost', /Argument "values\.from".*has no dot/],
  ['from', 'x@example.com\0', /Argument "values\.from" contains a NUL/],
  ['hots', 'smtp.example.com', /Argument "values\.hots" is not known\. It takes "host", "region"/],
] as const) {
  cases.push({
    command: 'sesSmtpToolkit.writeEnv',
    args: { values: { [field]: value } },
    field: `values.${field}`,
    reason,
    name: `writeEnv: values.${field} ${String(value).slice(0, 20)}`,
  });
}
// Send Test Email: To, CC and BCC together, and raw with the fields it replaces.
cases.push({
  command: 'sesSmtpToolkit.sendTestEmail',
  args: {
    to: Array.from({ length: 30 }, (_, i) => `t${i}@example.com`),
    cc: Array.from({ length: 11 }, (_, i) => `c${i}@example.com`),
    bcc: Array.from({ length: 10 }, (_, i) => `b${i}@example.com`),
  },
  field: 'to',
  reason: /Arguments "to", "cc" and "bcc" name 51 recipients together; SES accepts at most 50/,
  name: 'sendTestEmail: 51 recipients in to, cc and bcc',
});
for (const field of ['subject', 'text', 'attachments', 'headers']) {
  cases.push({
    command: 'sesSmtpToolkit.sendTestEmail',
    args: {
      raw: 'From: a@example.com\r\n\r\nbody',
      [field]:
        field === 'attachments' ? [{ path: '/tmp/a.pdf' }] : field === 'headers' ? [{ name: 'X-A', value: '1' }] : 'x',
    },
    field,
    reason: new RegExp(`Argument "${field}" cannot go with "raw": a raw message is sent as written`),
    name: `sendTestEmail: ${field} with raw`,
  });
}
// Checks across fields and set-item details.
cases.push({
  command: 'sesSmtpToolkit.sendTestEmail',
  args: { to: 'a@example.com', text: 'x'.repeat(6 * MB), html: 'y'.repeat(6 * MB) },
  field: 'text',
  reason: /Arguments "text" and "html" together are 12\.0 MB; a test mail body may have at most 10 MB/,
  name: 'sendTestEmail: text and html together over 10 MB',
});
for (const command of ['sesSmtpToolkit.sendTestEmail', 'sesSmtpToolkit.credentials.check', 'sesSmtpToolkit.writeEnv']) {
  cases.push({
    command,
    args: { set: {} },
    field: 'set.id',
    reason: /Argument "set\.id" is missing/,
    name: `${command}: set without id`,
  });
  cases.push({
    command,
    args: { set: { id: 5 } },
    field: 'set.id',
    reason: /Argument "set\.id" must be a string/,
    name: `${command}: set with a number id`,
  });
  cases.push({
    command,
    args: { set: { id: '' } },
    field: 'set.id',
    reason: /Argument "set\.id" is empty/,
    name: `${command}: set with an empty id`,
  });
}
// The reported cases of issue #13, as the tester ran them.
cases.push({
  command: 'sesSmtpToolkit.checkLogin',
  args: { region: 'eu-west-1', username: KEY, password: PASSWORD, timeoutSeconds: 1e7 },
  field: 'timeoutSeconds',
  reason: /is 10000000 seconds; give 1 to 600/,
  name: 'issue: checkLogin timeoutSeconds 1e7',
});
cases.push({
  command: 'sesSmtpToolkit.credentials.check',
  args: { credentialSet: 'prod', timeoutSeconds: 1e7 },
  field: 'timeoutSeconds',
  reason: /is 10000000 seconds/,
  name: 'issue: credentials.check timeoutSeconds 1e7',
});
cases.push({
  command: 'sesSmtpToolkit.credentials.add',
  args: { name: 'x', host: 'relay.example.com\0', username: KEY, password: PASSWORD },
  field: 'host',
  reason: /NUL/,
  name: 'issue: add with a NUL host',
});
cases.push({
  command: 'sesSmtpToolkit.credentials.add',
  args: { name: 'x', region: 'eu-west-1', username: `${KEY}\n${KEY}`, password: PASSWORD },
  field: 'username',
  reason: /line break/,
  name: 'issue: add with a two-line username',
});

function check(c: Case): ArgsCheck {
  return validateCommandArgs(c.command, c.args, {});
}

describe('command arguments: bad inputs are refused with the field and the reason', () => {
  test('at least 200 bad inputs across every command', () => {
    assert.ok(cases.length >= 200, `${cases.length} cases`);
    const commands = new Set(cases.map((c) => c.command));
    for (const command of Object.keys(COMMAND_SCHEMAS))
      assert.ok(commands.has(command), `${command} has bad-input cases`);
  });
  test('every field of every schema has bad values', () => {
    for (const [command, schema] of Object.entries(COMMAND_SCHEMAS)) {
      for (const field of Object.keys(schema.fields)) {
        const kinds = kindOf(command, field);
        assert.ok(kinds.length > 0 && kinds.every((k) => BAD[k]?.length), `${command} ${field} has no bad-value kind`);
      }
    }
  });
  for (const c of cases) {
    test(c.name, () => {
      const out = check(c);
      assert.equal(out.ok, false, `accepted: ${JSON.stringify(out).slice(0, 200)}`);
      if (out.ok) return;
      assert.match(out.message, c.reason);
      if (c.field !== undefined) {
        assert.equal(out.field, c.field);
        assert.match(out.message, new RegExp(`^Arguments? "${escape(c.field)}"`));
      }
      assert.ok(out.message.length < 600, `a readable message, not ${out.message.length} characters`);
    });
  }
});

describe('command arguments: near misses are accepted', () => {
  const host253 = hostOfLength(253);
  const accepted: Array<[name: string, command: string, args: unknown]> = [
    ['a 253-character host', 'sesSmtpToolkit.checkLogin', { host: host253 }],
    ['a 253-character host with a trailing dot', 'sesSmtpToolkit.checkLogin', { host: `${host253}.` }],
    ['a 63-character label', 'sesSmtpToolkit.checkLogin', { host: `${'a'.repeat(63)}.example.com` }],
    ['an IPv4 host', 'sesSmtpToolkit.checkLogin', { host: '127.0.0.1', port: 2587 }],
    ['localhost', 'sesSmtpToolkit.checkLogin', { host: 'localhost' }],
    ['an empty host (the region decides)', 'sesSmtpToolkit.credentials.add', { host: '', region: 'eu-west-1' }],
    ['timeoutSeconds 600', 'sesSmtpToolkit.checkLogin', { timeoutSeconds: 600 }],
    ['timeoutSeconds 1', 'sesSmtpToolkit.checkLogin', { timeoutSeconds: 1 }],
    ['timeoutSeconds 1.5', 'sesSmtpToolkit.credentials.check', { timeoutSeconds: 1.5 }],
    ['timeoutSeconds as a string', 'sesSmtpToolkit.checkLogin', { timeoutSeconds: '30' }],
    ['port 2587', 'sesSmtpToolkit.checkLogin', { port: 2587 }],
    ['port 2465 with implicit TLS', 'sesSmtpToolkit.checkLogin', { port: 2465, tls: 'implicit' }],
    ['port 1 and 65535', 'sesSmtpToolkit.sendTestEmail', { port: 1, to: 'a@example.com' }],
    ['port 65535', 'sesSmtpToolkit.credentials.add', { port: 65535 }],
    ['an empty filter (shows all)', 'sesSmtpToolkit.explorer.filterIdentities', { region: 'eu-west-1', filter: '' }],
    [
      'a record with a trailing dot',
      'sesSmtpToolkit.explorer.copyRecordValue',
      { region: 'eu-west-1', identity: { name: 'example.com' }, record: { type: 'MX', name: 'mail.example.com.' } },
    ],
    [
      'a CNAME record',
      'sesSmtpToolkit.explorer.copyRecordName',
      {
        region: 'eu-west-1',
        identity: { name: 'example.com' },
        record: { type: 'CNAME', name: 'x._domainkey.example.com' },
      },
    ],
    [
      'a burst at the limits',
      'sesSmtpToolkit.sendTestBurst',
      { credentialSet: 'p', count: 1000, rate: 0.1, poolSize: 20 },
    ],
    [
      'a burst of 1 at 1000/s, count as digits',
      'sesSmtpToolkit.sendTestBurst',
      { count: '1', rate: 1000, poolSize: 1 },
    ],
    [
      'a confirmed burst to a mailbox',
      'sesSmtpToolkit.sendTestBurst',
      { to: 'me@example.com', confirmNonSimulator: true },
    ],
    ['port 25', 'sesSmtpToolkit.credentials.add', { port: 25 }],
    ['port as digits', 'sesSmtpToolkit.credentials.add', { port: '587' }],
    [
      'a 20-character key and a 44-character password',
      'sesSmtpToolkit.checkLogin',
      { region: 'eu-west-1', username: KEY, password: PASSWORD },
    ],
    [
      'a padded key and password (cleaned later)',
      'sesSmtpToolkit.credentials.add',
      { username: ` ${KEY} `, password: ` ${PASSWORD} ` },
    ],
    ['a 320-character username', 'sesSmtpToolkit.checkLogin', { username: 'u'.repeat(320) }],
    ['a 512-character password', 'sesSmtpToolkit.checkLogin', { password: 'p'.repeat(512) }],
    ['a region with spaces around', 'sesSmtpToolkit.checkLogin', { region: ' us-east-1 ' }],
    [
      'an opt-in region not in the table',
      'sesSmtpToolkit.explorer.createIdentity',
      { region: 'me-central-1', identity: 'example.com' },
    ],
    ['another opt-in region', 'sesSmtpToolkit.explorer.retry', { region: 'ap-east-1' }],
    [
      'an upper-case region',
      'sesSmtpToolkit.generatePassword',
      { region: 'EU-WEST-1', accessKeyId: KEY, secretAccessKey: SECRET, showResult: false },
    ],
    ['a region SES may have opened since', 'sesSmtpToolkit.explorer.retry', { region: 'ap-southeast-7' }],
    ['GovCloud', 'sesSmtpToolkit.explorer.loadMore', { region: 'us-gov-west-1' }],
    ['an 80-character name', 'sesSmtpToolkit.credentials.add', { name: 'n'.repeat(80) }],
    [
      'a name with spaces around',
      'sesSmtpToolkit.credentials.rename',
      { credentialSet: 'prod', newName: '  prod eu-west-1  ' },
    ],
    [
      'a named From',
      'sesSmtpToolkit.sendTestEmail',
      { from: 'Jane Doe <jane@example.com>', to: 'success@simulator.amazonses.com' },
    ],
    [
      'a quoted name with a comma',
      'sesSmtpToolkit.sendTestEmail',
      { from: '"Doe, Jane" <jane@example.com>', to: 'a@example.com' },
    ],
    ['a 64-character local part', 'sesSmtpToolkit.credentials.add', { from: `${'a'.repeat(64)}@example.com` }],
    ['a plus address on a long domain', 'sesSmtpToolkit.sendTestEmail', { to: 'a+tag@mail.sub.example.co.uk' }],
    [
      'cc as a string, bcc and replyTo as arrays',
      'sesSmtpToolkit.sendTestEmail',
      {
        to: 'a@example.com',
        cc: 'b@example.com; c@example.com',
        bcc: ['d@example.com'],
        replyTo: ['Replies <r@example.com>'],
      },
    ],
    ['an empty cc', 'sesSmtpToolkit.sendTestEmail', { to: 'a@example.com', cc: '' }],
    [
      'to, cc and bcc at 50 together',
      'sesSmtpToolkit.sendTestEmail',
      {
        to: Array.from({ length: 30 }, (_, i) => `t${i}@example.com`),
        cc: Array.from({ length: 10 }, (_, i) => `c${i}@example.com`),
        bcc: Array.from({ length: 10 }, (_, i) => `b${i}@example.com`),
      },
    ],
    [
      'tags at 256 characters and an SES feedback id',
      'sesSmtpToolkit.sendTestEmail',
      {
        tags: [
          { name: 'n'.repeat(256), value: 'v'.repeat(256) },
          { name: 'ses:feedback-id-b', value: 'shop_1' },
        ],
      },
    ],
    ['a 64-character configuration set', 'sesSmtpToolkit.sendTestEmail', { configurationSet: `${'s'.repeat(62)}_-` }],
    [
      'X-SESSION and Contents headers (near misses of reserved prefixes)',
      'sesSmtpToolkit.sendTestEmail',
      {
        headers: [
          { name: 'X-SESSION', value: '1' },
          { name: 'Contents', value: 'x' },
        ],
      },
    ],
    [
      'ARNs in the China and GovCloud partitions',
      'sesSmtpToolkit.sendTestEmail',
      {
        sourceArn: 'arn:aws-cn:ses:cn-north-1:123456789012:identity/example.com',
        fromArn: 'arn:aws-us-gov:ses:us-gov-west-1:123456789012:identity/a@example.com',
      },
    ],
    [
      'an attachment with a file name and a content type',
      'sesSmtpToolkit.sendTestEmail',
      {
        attachments: [
          { path: 'C:\\Users\\me\\report.pdf', filename: 'report 2026.pdf', contentType: 'application/pdf' },
        ],
      },
    ],
    [
      'a raw message with LF line endings',
      'sesSmtpToolkit.sendTestEmail',
      { to: 'a@example.com', raw: 'From: a@example.com\nSubject: x\n\nbody\n' },
    ],
    [
      '50 recipients',
      'sesSmtpToolkit.sendTestEmail',
      { to: Array.from({ length: 50 }, (_, i) => `r${i}@example.com`) },
    ],
    [
      'recipients in one string',
      'sesSmtpToolkit.sendTestEmail',
      { to: 'a@example.com; "B, C" <b@example.com>, d@example.com' },
    ],
    [
      'a 998-character subject and an empty one',
      'sesSmtpToolkit.sendTestEmail',
      { to: 'a@example.com', subject: 's'.repeat(998) },
    ],
    ['an empty subject', 'sesSmtpToolkit.sendTestEmail', { to: 'a@example.com', subject: '' }],
    ['a body of 10 MB', 'sesSmtpToolkit.sendTestEmail', { to: 'a@example.com', text: 'x'.repeat(10 * MB) }],
    [
      'a multi-line body and HTML',
      'sesSmtpToolkit.sendTestEmail',
      { to: 'a@example.com', text: 'a\r\nb\n', html: '<p>a</p>\n' },
    ],
    [
      'a view-item-like set',
      'sesSmtpToolkit.sendTestEmail',
      { set: { id: 'abc', name: 'prod', username: KEY, port: 587 } },
    ],
    ['profile null (the default chain)', 'sesSmtpToolkit.explorer.choose', { profile: null, regions: ['eu-west-1'] }],
    [
      '50 regions',
      'sesSmtpToolkit.explorer.choose',
      { profile: 'e2e', regions: Array.from({ length: 50 }, () => 'eu-west-1') },
    ],
    ['an empty profile', 'sesSmtpToolkit.credentials.createIamUser', { profile: '' }],
    ['rotate: keep the old key', 'sesSmtpToolkit.credentials.rotate', { credentialSet: 'prod', deleteOldKey: 'never' }],
    ['rotate: wait 5 s', 'sesSmtpToolkit.credentials.rotate', { maxWaitSeconds: 5, updateEnvFiles: false }],
    ['rotate: leave the linked secret', 'sesSmtpToolkit.credentials.rotate', { updateLinkedSecret: false }],
    ['rotate: wait 300 s as a string', 'sesSmtpToolkit.credentials.rotate', { maxWaitSeconds: '300' }],
    ['delete old key without a question', 'sesSmtpToolkit.credentials.deleteOldKey', { confirm: false }],
    ['a 64-character IAM user name', 'sesSmtpToolkit.credentials.createIamUser', { userName: 'u'.repeat(64) }],
    ['no From patterns', 'sesSmtpToolkit.credentials.createIamUser', { fromPatterns: [] }],
    [
      'From patterns as a string with an empty entry',
      'sesSmtpToolkit.credentials.createIamUser',
      { fromPatterns: '*@example.com, ,noreply@example.org' },
    ],
    ['an absolute Windows path', 'sesSmtpToolkit.writeEnv', { file: 'C:\\app\\.env' }],
    [
      'a file URI and block 0',
      'sesSmtpToolkit.env.checkBlock',
      { uri: 'file:///home/me/app/.env', block: 0, diagnose: true },
    ],
    ['block 999', 'sesSmtpToolkit.env.import', { file: '/app/.env', block: 999, onProblem: 'as-typed' }],
    ['a convention id with a hyphen', 'sesSmtpToolkit.writeEnv', { convention: 'nodemailer-url' }],
    [
      'an address identity',
      'sesSmtpToolkit.explorer.createIdentity',
      { region: 'eu-west-1', identity: 'noreply@example.com' },
    ],
    [
      'a domain identity with an underscore label',
      'sesSmtpToolkit.explorer.createIdentity',
      { identity: 'mail_1.example.com' },
    ],
    [
      'an address identity to send from',
      'sesSmtpToolkit.explorer.sendTestEmail',
      { region: 'eu-west-1', identity: { name: 'noreply@example.com' } },
    ],
    [
      'a domain identity row to send from',
      'sesSmtpToolkit.explorer.sendTestEmail',
      { region: 'eu-west-1', identity: { name: 'example.com', type: 'DOMAIN' } },
    ],
    [
      'an identity item with more fields',
      'sesSmtpToolkit.explorer.checkDns',
      { region: 'eu-west-1', identity: { name: 'example.com', type: 'DOMAIN', status: 'SUCCESS' } },
    ],
    [
      'undefined fields count as left out',
      'sesSmtpToolkit.checkLogin',
      { host: undefined, region: 'eu-west-1', notify: undefined },
    ],
    ['an empty object', 'sesSmtpToolkit.showLog', {}],
    [
      'a null-prototype object',
      'sesSmtpToolkit.credentials.forgetAll',
      Object.assign(Object.create(null), { confirm: false }),
    ],
    // What the extension passes itself (CodeLens arguments, commands calling commands) and the e2e suite.
    ['the CodeLens argument', 'sesSmtpToolkit.env.checkBlock', { uri: 'file:///w/.env', block: 1 }],
    [
      'env.import calling credentials.add',
      'sesSmtpToolkit.credentials.add',
      {
        host: 'smtp.example.com',
        region: undefined,
        port: 587,
        tls: 'starttls',
        username: KEY,
        password: PASSWORD,
        name: '.env (generic)',
        from: undefined,
        onProblem: 'ask',
      },
    ],
    [
      'env.checkBlock calling checkLogin',
      'sesSmtpToolkit.checkLogin',
      {
        host: 'email-smtp.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        port: 465,
        tls: 'implicit',
        username: KEY,
        password: PASSWORD,
        notify: undefined,
      },
    ],
    [
      'e2e: add',
      'sesSmtpToolkit.credentials.add',
      {
        region: 'eu-west-1',
        host: '127.0.0.1',
        port: 2587,
        tls: 'starttls',
        username: KEY,
        from: 'sender@example.com',
        name: 'e2e local',
        password: PASSWORD,
      },
    ],
    [
      'e2e: createIamUser',
      'sesSmtpToolkit.credentials.createIamUser',
      {
        profile: 'e2e',
        region: 'eu-west-1',
        userName: 'ses-smtp-user.e2e',
        fromPatterns: ['*@example.com'],
        confirm: false,
      },
    ],
    [
      'e2e: writeEnv values',
      'sesSmtpToolkit.writeEnv',
      {
        file: '/w/.env',
        convention: 'laravel',
        values: {
          host: 'email-smtp.eu-west-1.amazonaws.com',
          port: 587,
          username: KEY,
          password: PASSWORD,
          from: 'noreply@example.com',
        },
        confirm: false,
      },
    ],
    [
      'e2e: generatePassword',
      'sesSmtpToolkit.generatePassword',
      { accessKeyId: KEY, secretAccessKey: SECRET, region: 'eu-central-1', showResult: false },
    ],
    [
      'e2e: sendTestEmail',
      'sesSmtpToolkit.sendTestEmail',
      { credentialSet: 'e2e local', to: 'success@simulator.amazonses.com', subject: 'from the command' },
    ],
    [
      'e2e: check',
      'sesSmtpToolkit.credentials.check',
      { credentialSet: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', notify: false },
    ],
    ['e2e: rename', 'sesSmtpToolkit.credentials.rename', { credentialSet: 'x', newName: 'sweep renamed' }],
    [
      'e2e: importCsv',
      'sesSmtpToolkit.credentials.importCsv',
      { file: '/tmp/e2e/credentials.csv', region: 'eu-west-1', name: 'csv' },
    ],
    ['e2e: copy code', 'sesSmtpToolkit.credentials.copySendingCode', { credentialSet: 'csv', stack: 'nodemailer' }],
    ['importCsv, derive', 'sesSmtpToolkit.credentials.importCsv', { file: 'C:\\x.csv', onProblem: 'derive' }],
    ['copy code, a convention', 'sesSmtpToolkit.credentials.copySendingCode', { stack: 'go', convention: 'laravel' }],
    [
      'import from Secrets Manager, every field',
      'sesSmtpToolkit.credentials.importSecretsManager',
      {
        profile: '',
        region: 'eu-west-1',
        secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ses/smtp/prod-AbCdEf',
        name: 'prod',
        mapping: { username: 'SMTP_USER', password: 'SMTP_PASS', host: 'smtp.host', port: 'port' },
        username: KEY,
        smtpRegion: 'eu-central-1',
        onProblem: 'derive',
      },
    ],
    [
      'import from SSM, a path and an ARN',
      'sesSmtpToolkit.credentials.importParameterStore',
      { region: 'us-east-1', parameter: '/ses/smtp/prod_v2.json', mapping: { password: 'x' } },
    ],
    [
      'import from SSM by ARN',
      'sesSmtpToolkit.credentials.importParameterStore',
      { parameter: 'arn:aws:ssm:us-east-1:123456789012:parameter/ses/smtp' },
    ],
    [
      'export with a KMS alias and keys',
      'sesSmtpToolkit.credentials.exportSecretsManager',
      {
        credentialSet: 'prod',
        secretName: 'ses/smtp/prod+1=@x.y-z',
        kmsKeyId: 'alias/ses-smtp',
        keys: { username: 'MAIL_USERNAME', password: 'MAIL_PASSWORD' },
        overwrite: true,
      },
    ],
    [
      'export with a KMS key id and a convention',
      'sesSmtpToolkit.credentials.exportSecretsManager',
      { secretName: 's'.repeat(512), kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', convention: 'laravel' },
    ],
    [
      'export with a KMS key ARN',
      'sesSmtpToolkit.credentials.exportSecretsManager',
      { kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    ],
    ['e2e: delete', 'sesSmtpToolkit.credentials.delete', { credentialSet: 'x', confirm: false }],
    [
      'e2e: trustCertificate',
      'sesSmtpToolkit.credentials.trustCertificate',
      { credentialSet: 'x', allow: true, confirm: false },
    ],
    [
      'e2e: createIdentity',
      'sesSmtpToolkit.explorer.createIdentity',
      { region: 'eu-north-1', identity: 'new@example.net' },
    ],
    ['e2e: retry', 'sesSmtpToolkit.explorer.retry', { region: 'ap-south-1' }],
    [
      'e2e: upgradeDkimKey',
      'sesSmtpToolkit.explorer.upgradeDkimKey',
      { region: 'eu-central-1', identity: { name: 'legacy.example.com' }, confirm: false },
    ],
  ];
  for (const [name, command, args] of accepted) {
    test(name, () => {
      const out = validateCommandArgs(command, args, {});
      assert.ok(out.ok, `refused: ${out.ok ? '' : out.message}`);
    });
  }

  test('the handler gets a copy of the checked own fields, not the caller object', () => {
    const args = Object.assign(Object.create(null), { username: KEY, host: undefined });
    const out = validateCommandArgs('sesSmtpToolkit.checkLogin', args);
    assert.ok(out.ok);
    if (out.ok) {
      assert.notEqual(out.args, args);
      assert.deepEqual(out.args, { username: KEY });
      assert.equal(Object.getPrototypeOf(out.args), Object.prototype);
    }
    const nested = { to: ['a@example.com'] };
    const copied = validateCommandArgs('sesSmtpToolkit.sendTestEmail', nested);
    assert.ok(copied.ok && (copied.args as { to: unknown }).to !== nested.to, 'arrays are copied too');
  });

  test('a view item (a class instance from a menu) is handed on as it is', () => {
    class RegionItem {
      region = 'eu-west-1';
      label = 'eu-west-1';
    }
    const node = new RegionItem();
    const item = validateCommandArgs('sesSmtpToolkit.explorer.retry', node);
    assert.ok(item.ok && item.args === node);
  });

  test('an own "__proto__" key is refused and pollutes nothing', () => {
    const out = validateCommandArgs(
      'sesSmtpToolkit.checkLogin',
      JSON.parse('{"__proto__": {"polluted": true}, "region": "eu-west-1"}'),
    );
    assert.equal(out.ok, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('no argument, null, and commands without a schema', () => {
    assert.deepEqual(validateCommandArgs('sesSmtpToolkit.checkLogin', undefined), { ok: true, args: undefined });
    assert.deepEqual(validateCommandArgs('sesSmtpToolkit.checkLogin', null), { ok: true, args: undefined });
    assert.deepEqual(validateCommandArgs('someone.else', 42), { ok: true, args: 42 });
  });

  test('extra regions from settings count', () => {
    assert.ok(
      validateCommandArgs(
        'sesSmtpToolkit.explorer.retry',
        { region: 'me-central-1' },
        { extraRegions: ['me-central-1'] },
      ).ok,
    );
  });
});

describe('the schema table matches package.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { commands: Array<{ command: string }> };
  };
  const ids = pkg.contributes.commands.map((c) => c.command);
  test('every contributed command has a schema', () => {
    for (const id of ids)
      assert.ok(Object.prototype.hasOwnProperty.call(COMMAND_SCHEMAS, id), `${id} has no schema in src/commandArgs.ts`);
  });
  test('every schema belongs to a contributed command', () => {
    for (const id of Object.keys(COMMAND_SCHEMAS)) assert.ok(ids.includes(id), `${id} is not in package.json`);
  });
  test('the limits are the documented ones', () => {
    assert.equal(LIMITS.host, 253);
    assert.equal(LIMITS.hostLabel, 63);
    assert.deepEqual(LIMITS.timeoutSeconds, { min: 1, max: 600 });
  });
});

describe('the one domain validator', () => {
  const good: Array<[string, string]> = [
    ['example.com', 'example.com'],
    ['Example.COM.', 'example.com'],
    [' mail.example.co.uk ', 'mail.example.co.uk'],
    ['_dmarc.example.com', '_dmarc.example.com'],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de'],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
  ];
  for (const [input, out] of good)
    test(`accepts ${input.slice(0, 40)}`, () => assert.equal(validateDomainName(input), out));
  test('accepts a 253-character domain', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    assert.equal(name.length, 253);
    assert.equal(validateDomainName(name), name);
  });
  const bad: Array<[string, unknown, RegExp]> = [
    ['empty', '', /The domain is empty/],
    ['a number', 5, /must be text such as example\.com, not a number \(5\)/],
    ['null', null, /not null/],
    ['a URL', 'https://example.com/path', /is a URL; enter only the domain/],
    ['an address', 'me@example.com', /is an email address; the domain is the part after the @ \(example\.com\)/],
    ['no dot', 'localhost', /has no dot/],
    ['two dots', 'example..com', /empty label/],
    ['a 64-character label', `${'a'.repeat(64)}.com`, /is 64 characters long; each part of a domain has at most 63/],
    [
      '254 characters',
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      /is 254 characters long; DNS names have at most 253/,
    ],
    ['1 MB', `${'a'.repeat(1024 * 1024)}.com`, /at most 253/],
    ['an IDN', 'bücher.de', /punycode form \(xn--/],
    ['a leading hyphen', '-bad.example.com', /not valid: use letters, digits and hyphens/],
    ['a NUL', 'exa\0mple.com', /contains a NUL character/],
    ['a line break', 'example.com\nx', /contains a line break/],
    ['a space', 'exa mple.com', /contains a space/],
  ];
  for (const [name, input, message] of bad)
    test(`refuses ${name}`, () =>
      assert.throws(
        () => validateDomainName(input),
        (err: Error) => err instanceof NameError && message.test(err.message),
      ));
});

describe('the host validator (the domain rules, one label and IPv4 allowed)', () => {
  for (const host of [
    'localhost',
    '127.0.0.1',
    'email-smtp.eu-west-1.amazonaws.com',
    'Relay.Example.com.',
    `${'a'.repeat(63)}.example.com`,
  ]) {
    test(`accepts ${host.slice(0, 40)}`, () => assert.equal(validateHostName(host), host));
  }
  const bad: Array<[string, unknown, RegExp]> = [
    ['a NUL', 'smtp.example.com\0', /contains a NUL character/],
    [
      '254 characters',
      `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`,
      /254 characters long; host names have at most 253/,
    ],
    [
      'a 64-character label',
      `${'a'.repeat(64)}.example.com`,
      /64 characters long; each part of a host name has at most 63/,
    ],
    ['a scheme', 'smtps://x.example.com', /without a scheme, port or path/],
    ['IPv6 brackets', '[::1]', /without a scheme, port or path/],
    ['an underscore-free bad label', 'a-.example.com', /may hold only letters, digits and hyphens/],
    ['an object', {}, /must be text .* not an object/],
  ];
  for (const [name, input, message] of bad)
    test(`refuses ${name}`, () =>
      assert.throws(
        () => validateHostName(input),
        (err: Error) => err instanceof NameError && message.test(err.message),
      ));
});

describe('the one address validator', () => {
  const good: Array<[string, { address: string; name?: string }]> = [
    ['a@example.com', { address: 'a@example.com' }],
    ['  a@example.com  ', { address: 'a@example.com' }],
    ['Jane Doe <jane@example.com>', { address: 'jane@example.com', name: 'Jane Doe' }],
    ['"Doe, Jane" <jane@example.com>', { address: 'jane@example.com', name: 'Doe, Jane' }],
    ['<jane@example.com>', { address: 'jane@example.com' }],
    ["o'brien+tag@mail.example.co.uk", { address: "o'brien+tag@mail.example.co.uk" }],
    ['success@simulator.amazonses.com', { address: 'success@simulator.amazonses.com' }],
    [`${'a'.repeat(64)}@example.com`, { address: `${'a'.repeat(64)}@example.com` }],
  ];
  for (const [input, want] of good) {
    test(`accepts ${input.slice(0, 40)}`, () => {
      const got = parseEmailAddress(input, 'From');
      assert.equal(got.address, want.address);
      assert.equal(got.name, want.name);
      assert.equal(`${got.local}@${got.domain}`, want.address);
    });
  }
  const bad: Array<[string, unknown, RegExp]> = [
    ['empty', '', /^From is empty\. Enter an address/],
    ['a number', 5, /^From must be text such as sender@example\.com, not a number \(5\)/],
    ['no @', 'sender.example.com', /is not an email address: it has no @/],
    ['two @', 'a@b@example.com', /more than one @/],
    ['no domain dot', 'a@localhost', /its domain "localhost" is not valid/],
    ['an unclosed quote', '"Jane <jane@example.com>', /a quote is never closed/],
    ['a header injection', 'a@example.com\r\nBcc: x@y.z', /line break, which would inject mail headers/],
    ['a NUL (which addressparser would drop silently)', 'a@example.com\0x', /contains a NUL character/],
    ['a space', 'jane doe@example.com', /text outside the address/],
    ['two addresses', 'a@example.com, b@example.com', /holds 2 addresses; give one/],
    ['a group', 'team: a@example.com;', /is a group/],
    ['text after <>', '<a@example.com> x', /the <…> part must come last/],
    ['nothing before @', '@example.com', /nothing comes before the @/],
    ['nothing after @', 'a@', /nothing comes after the @/],
    ['a 65-character local part', `${'a'.repeat(65)}@example.com`, /at most 64/],
    ['a non-ASCII local part', 'jörg@example.com', /non-ASCII characters, which SES does not accept/],
    ['a double dot', 'a..b@example.com', /dot at its start or end|cannot hold unquoted/],
    ['a domain literal', 'a@[127.0.0.1]', /its domain .* is not valid/],
    ['1 MB', `${'a'.repeat(1024 * 1024)}@example.com`, /at most 320/],
    [
      'a 321-character address',
      `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`,
      /at most 320/,
    ],
  ];
  for (const [name, input, message] of bad)
    test(`refuses ${name}`, () =>
      assert.throws(
        () => parseEmailAddress(input, 'From'),
        (err: Error) => err instanceof NameError && message.test(err.message),
      ));
  test('a bare address only, where a name makes no sense', () => {
    assert.throws(
      () => parseEmailAddress('Jane <jane@example.com>', 'The identity', { allowName: false }),
      /without a name or <>/,
    );
  });
  test('From patterns: an address or *@domain, lower-cased', () => {
    assert.equal(validateFromPattern('*@Example.com'), '*@example.com');
    assert.equal(validateFromPattern('NoReply@Example.com'), 'noreply@example.com');
    assert.throws(() => validateFromPattern('*@localhost'), /is not a From pattern: "localhost" has no dot/);
    assert.throws(() => validateFromPattern('*.example.com'), /is not an email address: it has no @/);
  });
});
