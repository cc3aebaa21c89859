// The case table of commandArgs.test.ts: bad values per kind of field (each with the reason its message
// must give), the kind of each field name, and the bad-input cases built from them for every command's schema.
import { COMMAND_SCHEMAS } from '../../src/commandArgs';

export const MB = 1024 * 1024;
export const KEY = 'AKIAIOSFODNN7EXAMPLE';
export const PASSWORD = 'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5';
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** A host name of exactly n characters, in labels of at most 63. */
export function hostOfLength(n: number): string {
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
export type Bad = [label: string, value: unknown, reason: RegExp, subfield?: string];

const notString = (what: RegExp): Bad[] => [
  ['a number', 42, new RegExp(`${what.source}.*not a number \\(42\\)`)],
  ['null', null, new RegExp(`${what.source}.*not null`)],
  ['a boolean', true, new RegExp(`${what.source}.*not a boolean \\(true\\)`)],
  ['an object', { a: 1 }, new RegExp(`${what.source}.*not an object`)],
  ['an array', ['x'], new RegExp(`${what.source}.*not an array`)],
];

/** Bad values per kind of field, each with the reason its message must give. */
export const BAD: Record<string, Bad[]> = {
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
  certificateSha256: [
    ...notString(/must be a SHA-256 fingerprint/),
    ['too short', 'AB:CD:EF', /must be a SHA-256 fingerprint: 32 hex pairs/],
    ['not hex', 'ZZ'.repeat(32), /must be a SHA-256 fingerprint: 32 hex pairs/],
    ['a SHA-1 fingerprint', 'AB:'.repeat(19) + 'AB', /must be a SHA-256 fingerprint: 32 hex pairs/],
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
  messageId: [
    ...notString(/must be a string such as "0100018c/),
    ['empty', '', /is empty/],
    ['spaces inside', '0100 018c', /is not an SES message id: give the id of the "250 Ok <id>" reply/],
    ['markup', '<b>x</b>', /is not an SES message id/],
    ['201 characters', 'a'.repeat(201), /is 201 characters long; an SES message id is about 60/],
    ['a line break', 'abc\ndef', /contains a line break/],
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
  messagesPerConnection: [
    ['0', 0, /is 0; give a whole number of messages per connection from 1 to 1000/],
    ['1001', 1001, /is 1001; give a whole number of messages per connection from 1 to 1000/],
    ['2.5', 2.5, /is 2\.5/],
    ['a boolean', true, /not a boolean/],
  ],
  // Explain SES SMTP Error (#33): the error text as the app printed it.
  errorText: [
    [
      'a number',
      535,
      /must be the error text as a string, such as "535 Authentication Credentials Invalid", not a number/,
    ],
    ['null', null, /must be the error text as a string/],
    ['empty', '  ', /is empty: pass the error line your application printed/],
    ['2 MB', 'x'.repeat(2 * 1024 * 1024 + 1), /is 2\.0 MB; pass the error lines \(at most 1 MB\), not the whole log/],
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

// Push SMTP Settings To… (issue #28): the target, the Kubernetes mode and the target's names.
Object.assign(BAD, {
  target: [
    [
      'an unknown target',
      'netlify',
      /must be one of "github", "heroku", "fly", "vercel", "kubernetes", "compose", "postfix", "msmtp", not "netlify"/,
    ],
    ['upper case', 'GitHub', /not "GitHub"/],
    ['a number', 1, /not a number \(1\)/],
    ['null', null, /not null/],
  ] as Bad[],
  relay: [
    ['an unknown relay', 'sendmail', /must be one of "postfix", "msmtp", not "sendmail"/],
    ['null', null, /not null/],
  ] as Bad[],
  kubernetesMode: [
    ['an unknown mode', 'create', /must be one of "apply", "manifest", not "create"/],
    ['a boolean', true, /not a boolean \(true\)/],
  ] as Bad[],
  deployName: [
    ...notString(/must be a string such as "my-app"/),
    ['empty', '', /is empty/],
    ['an option', '--body=x', /"--body=x" is not a name: use letters, digits and \. _ - \//],
    ['shell syntax', 'app;id', /is not a name/],
    ['a line break', 'app\nx', /contains a line break/],
    ['101 characters', 'a'.repeat(101), /is 101 characters long/],
  ] as Bad[],
});

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
  tenant: [
    ...notString(/The tenant must be a name/),
    ['empty', '', /The tenant is empty/],
    ['a space', 'acme prod', /may contain only ASCII letters, digits, "_" and "-"/],
    ['a dot', 'acme.prod', /may contain only ASCII letters/],
    ['65 characters', 't'.repeat(65), /65 characters long; SES tenant names have at most 64/],
    ['a line break', 'acme\nX-A: 1', /may contain only ASCII letters/],
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
export function kindOf(command: string, field: string): string[] {
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
    case 'confirmNonSimulator':
    case 'updateEnvFiles':
    case 'updateLinkedSecret':
    case 'stage':
      return ['boolean'];
    case 'smtpRegion':
      return ['region'];
    case 'certificateSha256':
      return ['certificateSha256'];
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
    case 'messagesPerConnection':
      return [field];
    case 'name':
    case 'newName':
      return ['setName'];
    case 'credentialSet':
      return ['setRef'];
    case 'stack':
      return ['stack'];
    case 'messageId':
      return ['messageId'];
    case 'set':
      return ['setItem'];
    case 'from':
      return ['address'];
    case 'to':
      return ['to', 'toItem'];
    case 'text':
      return command === 'sesSmtpToolkit.explainError' ? ['errorText'] : ['body'];
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
    case 'tenant':
    case 'attachments':
    case 'raw':
      return [field];
    // Push SMTP Settings To… (issue #28).
    case 'target':
    case 'kubernetesMode':
      return [field];
    case 'app':
    case 'repo':
    case 'environment':
    case 'namespace':
    case 'kubernetesSecret':
    case 'service':
    case 'envFile':
    case 'composeFile':
      return ['deployName'];
    case 'verifiedIdentity':
      return ['identityName'];
    case 'relay':
      return ['relay'];
    case 'sourceArn':
    case 'fromArn':
    case 'returnPathArn':
      return ['arn'];
  }
  return [];
}

export function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface Case {
  command: string;
  args: unknown;
  field?: string;
  reason: RegExp;
  name: string;
}

export const cases: Case[] = [];
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
