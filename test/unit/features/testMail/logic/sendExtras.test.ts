// The Send Test Email form's options (issue #18): what the page may send (shape and limits checked
// at run time), the message each field shows and when it goes, the attachments' total against
// SES's 40 MB, and the state the page keeps (paths, never content).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseFromWebview, parseWebviewState, sendWarnings } from '../../../../../src/features/testMail/logic/messages';
import { splitRecipients } from '../../../../../src/base/names';
import {
  attachmentTotal,
  emptyExtras,
  fieldProblems,
  filledRows,
  formatBytes,
  parseSendExtras,
  type SendExtrasForm,
} from '../../../../../src/features/testMail/logic/sendExtras';

const goodForm = {
  setId: 'abc',
  from: 'a@example.com',
  to: 'b@example.com',
  subject: 's',
  text: 't',
  html: '',
  port: 587,
  tls: 'starttls',
  force: false,
};

const extras = (over: Partial<SendExtrasForm>): SendExtrasForm => ({ ...emptyExtras(), ...over });
const problems = (over: Partial<SendExtrasForm>, region = 'eu-west-1') =>
  fieldProblems(extras(over), splitRecipients, region);

describe('the options in a send message from the page', () => {
  test('a send with every option is accepted as typed', () => {
    const full = extras({
      cc: 'c@example.com',
      bcc: 'd@example.com',
      replyTo: 'r@example.com',
      configurationSet: 'my-set',
      tags: [{ name: 'campaign', value: 'launch' }],
      headers: [{ name: 'X-App', value: 'signup' }],
      attachments: ['/w/report.pdf'],
      sourceArn: 'arn:aws:ses:eu-west-1:123456789012:identity/example.com',
      raw: 'From: a@example.com\r\n\r\nhi',
    });
    const parsed = parseFromWebview({ type: 'send', form: { ...goodForm, extras: full } });
    assert.deepEqual(parsed, { ok: true, value: { type: 'send', form: { ...goodForm, extras: full } } });
  });

  test('a send without options (an older page) has none', () => {
    const parsed = parseFromWebview({ type: 'send', form: goodForm });
    assert.equal(parsed.ok && parsed.value.type === 'send' && 'extras' in parsed.value.form, false);
  });

  test('missing option fields read as empty; unknown ones are dropped', () => {
    const got = parseSendExtras({ cc: 'c@example.com', evil: 'x' });
    assert.deepEqual(got, { ...emptyExtras(), cc: 'c@example.com' });
  });

  const rejects: Array<[string, unknown, RegExp]> = [
    ['extras not an object', 'cc', /extras is not an object/],
    ['cc as a number', { cc: 5 }, /cc is number/],
    ['tags not a list', { tags: { name: 'a' } }, /tags is not a list/],
    ['a tag row not an object', { tags: ['a=b'] }, /tags\[0\] is not a row/],
    [
      'a tag name over the protocol limit',
      { tags: [{ name: 'a'.repeat(999), value: 'v' }] },
      /tags\[0\]\.name is 999 characters/,
    ],
    ['51 header rows', { headers: Array(51).fill({ name: 'X-A', value: 'b' }) }, /headers has 51 rows/],
    ['attachment content instead of a path', { attachments: [{ data: 'AAAA' }] }, /attachments\[0\] is object/],
    ['51 attachments', { attachments: Array(51).fill('/w/a') }, /attachments has 51 files/],
    ['a raw message over 10 MB', { raw: 'x'.repeat(10 * 1024 * 1024 + 1) }, /raw is 10485761 characters/],
    ['an ARN over 2048 characters', { fromArn: 'a'.repeat(2049) }, /fromArn is 2049 characters/],
  ];
  for (const [name, value, reason] of rejects) {
    test(`refuses ${name}`, () => {
      const parsed = parseFromWebview({ type: 'send', form: { ...goodForm, extras: value } });
      assert.equal(parsed.ok, false);
      assert.match((parsed as { reason: string }).reason, reason);
    });
  }

  test('history and file messages: Save as .eml needs a history id', () => {
    assert.deepEqual(parseFromWebview({ type: 'pickAttachments', path: '/etc/passwd' }), {
      ok: true,
      value: { type: 'pickAttachments' },
    });
    assert.deepEqual(parseFromWebview({ type: 'saveEml', id: '0123456789abcdef' }), {
      ok: true,
      value: { type: 'saveEml', id: '0123456789abcdef' },
    });
    for (const id of [undefined, '', '../../x', 'a'.repeat(101), 7]) {
      const parsed = parseFromWebview({ type: 'saveEml', id });
      assert.equal(parsed.ok, false, String(id));
      assert.match((parsed as { reason: string }).reason, /saveEml without a history id/);
    }
  });

  test('Where Is It? on a history entry: its history id, never a message id of the page’s own', () => {
    assert.deepEqual(parseFromWebview({ type: 'whereIs', id: '0123456789abcdef', messageId: 'x' }), {
      ok: true,
      value: { type: 'whereIs', id: '0123456789abcdef' },
    });
    for (const id of [undefined, '', '../../x', 'a'.repeat(101), 7]) {
      const parsed = parseFromWebview({ type: 'whereIs', id });
      assert.equal(parsed.ok, false, String(id));
      assert.match((parsed as { reason: string }).reason, /whereIs without a history id/);
    }
  });
});

describe('the message under each option', () => {
  test('nothing filled in: no messages', () => {
    assert.deepEqual(problems({}), {});
  });

  test('CC, BCC and Reply-To name the entry that is not an address; a list of good ones passes', () => {
    assert.deepEqual(problems({ cc: 'a@example.com, "B, Jr" <b@example.com>; c@example.org' }), {});
    assert.match(problems({ cc: 'a@example.com, bob' }).cc!, /^CC: "bob" is not an email address/);
    assert.match(problems({ bcc: 'x@' }).bcc!, /^BCC: "x@" is not an email address/);
    assert.match(problems({ replyTo: 'r@example' }).replyTo!, /^Reply-To: "r@example" is not an email address/);
  });

  test('a field fixed has no message any more (the page clears it on the next edit)', () => {
    assert.ok(problems({ cc: 'a@example.com, bob' }).cc);
    assert.equal(problems({ cc: 'a@example.com, bob@example.com' }).cc, undefined);
  });

  test("configuration set: the send path's rule, letters, digits, - and _ up to 64", () => {
    assert.deepEqual(problems({ configurationSet: 'my_set-2' }), {});
    assert.deepEqual(problems({ configurationSet: 'a'.repeat(64) }), {});
    assert.match(
      problems({ configurationSet: 'a'.repeat(65) }).configurationSet!,
      /65 characters long; SES names have at most 64/,
    );
    assert.match(problems({ configurationSet: 'my set' }).configurationSet!, /may contain only ASCII letters, digits/);
  });

  test("tags: the send path's rule per row, numbered as the form shows them; each name once; empty rows ignored", () => {
    assert.deepEqual(
      problems({
        tags: [
          { name: 'campaign', value: 'launch-2' },
          { name: '', value: '' },
        ],
      }),
      {},
    );
    const second = problems({
      tags: [
        { name: 'ok', value: '1' },
        { name: 'my tag', value: 'v' },
      ],
    });
    assert.equal(second['tag-0'], undefined);
    assert.match(second['tag-1']!, /^Tag 2: the name "my tag" contains " "; SES allows only ASCII letters/);
    assert.match(
      problems({ tags: [{ name: 'a', value: 'v.1' }] })['tag-0']!,
      /^Tag 1 \(a\): the value "v\.1" contains "\."/,
    );
    assert.match(problems({ tags: [{ name: 'a', value: '' }] })['tag-0']!, /^Tag 1 \(a\): the value is empty/);
    assert.match(
      problems({ tags: [{ name: 'a'.repeat(257), value: '1' }] })['tag-0']!,
      /257 characters long; SES allows at most 256/,
    );
    assert.deepEqual(problems({ tags: [{ name: 'a'.repeat(256), value: '1' }] }), {});
    const twice = problems({
      tags: [
        { name: 'a', value: '1' },
        { name: 'a', value: '2' },
      ],
    });
    assert.equal(twice['tag-0'], undefined);
    assert.match(twice['tag-1']!, /Tag 2: the name "a" is used twice/);
  });

  test('headers: a valid name, not one the form or SES sets, on one line', () => {
    assert.deepEqual(problems({ headers: [{ name: 'X-Campaign', value: 'spring sale' }] }), {});
    assert.deepEqual(problems({ headers: [{ name: 'List-Unsubscribe', value: '<mailto:u@example.com>' }] }), {});
    assert.match(
      problems({ headers: [{ name: 'X Bad', value: 'v' }] })['header-0']!,
      /^Header 1: "X Bad" is not a header name/,
    );
    assert.match(problems({ headers: [{ name: 'X:Bad', value: 'v' }] })['header-0']!, /is not a header name/);
    for (const reserved of ['Subject', 'from', 'Content-Type', 'X-SES-CONFIGURATION-SET', 'Bcc', 'Message-ID'])
      assert.match(
        problems({ headers: [{ name: reserved, value: 'v' }] })['header-0']!,
        /cannot be set here/,
        reserved,
      );
    // A near miss: a header that only starts like a reserved one.
    assert.deepEqual(problems({ headers: [{ name: 'X-SESSION', value: 'v' }] }), {});
    const injected = problems({ headers: [{ name: 'X-A', value: 'a\r\nBcc: x@evil.example' }] });
    assert.match(injected['header-0']!, /X-A\): the value contains a line break/);
  });

  test("sending-authorization ARNs: an identity ARN in the credentials' region, for the From identity", () => {
    const arn = 'arn:aws:ses:eu-west-1:123456789012:identity/example.com';
    assert.deepEqual(problems({ sourceArn: arn, fromArn: arn, returnPathArn: arn }), {});
    assert.match(
      problems({ sourceArn: 'arn:aws:ses:eu-west-1:1234:identity/x' }).sourceArn!,
      /is not an SES identity ARN/,
    );
    assert.match(
      problems({ fromArn: 'example.com' }).fromArn!,
      /^The From ARN "example\.com" is not an SES identity ARN/,
    );
    assert.match(
      problems({ returnPathArn: arn.replace('eu-west-1', 'us-east-1') }).returnPathArn!,
      /^The Return-Path ARN is for us-east-1, but these credentials send through eu-west-1/,
    );
    // Region unknown (no credentials chosen): the region is not held against it.
    assert.deepEqual(fieldProblems(extras({ fromArn: arn.replace('eu-west-1', 'us-east-1') }), splitRecipients), {});
    // With From known: the source and From identities must be the From address or its domain.
    const other = fieldProblems(extras({ fromArn: arn }), splitRecipients, 'eu-west-1', 'Me <me@other.example>');
    assert.match(other.fromArn!, /authorizes example\.com, but From is me@other\.example/);
    assert.deepEqual(fieldProblems(extras({ fromArn: arn }), splitRecipients, 'eu-west-1', 'me@example.com'), {});
  });

  test('raw mode: a message with a From header; empty is refused', () => {
    assert.deepEqual(problems({ raw: 'From: a@example.com\r\nSubject: x\r\n\r\nbody' }), {});
    assert.match(problems({ raw: '  ' }).raw!, /paste a MIME message or open an \.eml/);
    assert.match(problems({ raw: 'Subject: x\n\nFrom: a@example.com' }).raw!, /no From: line/);
    // Formatted mode (no raw): nothing to say.
    assert.equal(problems({ raw: undefined }).raw, undefined);
  });
});

describe('the sandbox warnings count CC and BCC', () => {
  const base = { from: 'a@example.com', region: 'eu-west-1', sandbox: true, verified: ['example.com'] };
  test('an unverified CC or BCC in the sandbox is named like an unverified To', () => {
    const [w] = sendWarnings({
      ...base,
      to: ['success@simulator.amazonses.com'],
      cc: ['x@other.example'],
      bcc: ['y@other.example'],
    });
    assert.match(w, /x@other\.example, y@other\.example are not verified/);
  });
  test('verified or simulator CC and BCC, or production access: no warning', () => {
    assert.deepEqual(
      sendWarnings({ ...base, to: ['b@example.com'], cc: ['c@example.com'], bcc: ['bounce@simulator.amazonses.com'] }),
      [],
    );
    assert.deepEqual(sendWarnings({ ...base, sandbox: false, to: ['b@example.com'], cc: ['x@other.example'] }), []);
  });
});

describe('attachments against the SES limit', () => {
  test('the total counts base64: 31 MB of files is over 40 MB in the message, 30 MB is not', () => {
    const small = attachmentTotal([1024, 2048]);
    assert.equal(small.bytes, 3072);
    assert.equal(small.tooBig, false);
    assert.match(small.text, /^3\.0 KB \(about 4\.0 KB encoded\) of SES's 40 MB message limit$/);
    const big = attachmentTotal([31 * 1024 * 1024]);
    assert.equal(big.tooBig, true);
    assert.match(big.text, /too large, remove some/);
    assert.equal(attachmentTotal([30 * 1024 * 1024]).tooBig, false);
  });

  test('sizes read as a person would', () => {
    assert.deepEqual([0, 1023, 1024, 1536 * 1024].map(formatBytes), ['0 B', '1023 B', '1.0 KB', '1.5 MB']);
  });

  test('only filled tag and header rows are sent, trimmed', () => {
    assert.deepEqual(
      filledRows([
        { name: ' a ', value: ' 1 ' },
        { name: '', value: '' },
        { name: '', value: 'x' },
      ]),
      [
        { name: 'a', value: '1' },
        { name: '', value: 'x' },
      ],
    );
  });
});

describe('the state the page keeps', () => {
  test('option fields, rows and attachment paths come back; file content never does', () => {
    const state = parseWebviewState({
      cc: 'c@example.com',
      rawMode: '1',
      raw: 'From: a@example.com',
      configurationSet: 'set',
      extras: {
        tags: [{ name: 'a', value: '1' }, { name: 5 }],
        headers: [{ name: 'X-A', value: 'b', extra: 'dropped' }],
        attachments: [
          { path: '/w/a.pdf', name: 'a.pdf', size: 10, content: 'JVBERi0=' },
          { path: '/w/b.pdf', name: 'b.pdf' },
        ],
      },
      password: 'never',
    });
    assert.deepEqual(state, {
      cc: 'c@example.com',
      rawMode: '1',
      raw: 'From: a@example.com',
      configurationSet: 'set',
      extras: {
        tags: [{ name: 'a', value: '1' }],
        headers: [{ name: 'X-A', value: 'b' }],
        attachments: [{ path: '/w/a.pdf', name: 'a.pdf', size: 10 }],
      },
    });
  });

  test('a state from before the options has none', () => {
    assert.deepEqual(parseWebviewState({ to: 'x@example.com' }), { to: 'x@example.com' });
    assert.deepEqual(parseWebviewState({ extras: 'broken' }), { extras: { tags: [], headers: [], attachments: [] } });
  });
});

describe('Send Test Email from This Identity (package.json)', () => {
  const root = path.join(__dirname, '..', '..', '..', '..', '..', '..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const id = 'sesSmtpToolkit.explorer.sendTestEmail';
  const entries: Array<{ command: string; when: string; group?: string }> = pkg.contributes.menus['view/item/context'];
  /** Whether the menu entry shows on an explorer row with this context value (the when clause's regex). */
  const shownOn = (contextValue: string): boolean =>
    entries
      .filter((e) => e.command === id)
      .some((e) => {
        const m = /view == sesSmtpToolkit\.explorer && viewItem =~ \/(.+)\/$/.exec(e.when);
        return m !== null && new RegExp(m[1]).test(contextValue);
      });

  test('first in the menu of address and domain rows, not on other rows', () => {
    for (const row of ['sesIdentity', 'sesDomainIdentity', 'sesDomainIdentity.dkimUpgrade'])
      assert.ok(shownOn(row), row);
    for (const row of ['sesRegion', 'sesDnsRecord', 'credentialSet', 'sesAccount'])
      assert.equal(shownOn(row), false, row);
    const entry = entries.find((e) => e.command === id)!;
    assert.match(entry.group!, /^0_/);
  });

  test('its title reads alone; it is not in the palette (it needs a row)', () => {
    const command = pkg.contributes.commands.find((c: { command: string }) => c.command === id);
    assert.equal(nls[command.title.replace(/%/g, '')], 'Send Test Email from This Identity');
    const palette = pkg.contributes.menus.commandPalette.find((e: { command: string }) => e.command === id);
    assert.equal(palette?.when, 'false');
  });
});
