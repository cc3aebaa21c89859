// Explain SES SMTP Error without the editor (features/appErrors/logic): the verdicts, the causes the
// app side adds, the next actions, the Markdown, the terminal's cheap test and its links.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionLabel,
  explainPasted,
  explanationMarkdown,
  readPasted,
} from '../../../../src/features/appErrors/logic/explain';
import {
  mayHoldSmtpError,
  TERMINAL_LINE_CAP,
  TERMINAL_MARKERS,
} from '../../../../src/features/appErrors/logic/markers';
import { linkInLine } from '../../../../src/features/appErrors/logic/terminalLine';

const explain = (text: string, account = {}) => explainPasted(readPasted(text), account);

describe('explainPasted: verdicts', () => {
  test('SES refused: the cause first, the client named', () => {
    const e = explain('Error: Message failed: 454 Throttling failure: Maximum sending rate exceeded.', {
      maxSendRate: 14,
    });
    assert.equal(e.verdict, 'ses');
    assert.equal(e.client, 'nodemailer');
    assert.match(e.headline, /^SES refused this \(nodemailer\): Sending faster .*14 per second/);
  });
  test('a client failure', () => {
    const e = explain('ssl.SSLError: [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:992)');
    assert.equal(e.verdict, 'client');
    assert.equal(e.causes[0].id, 'tls-mode-mismatch');
    assert.match(e.causes[0].fix, /smtplib/);
  });
  test('another provider: not SES, no SES causes, the Doctor offered', () => {
    const e = explain('Error: Invalid login: 535-5.7.8 Username and Password not accepted.');
    assert.equal(e.verdict, 'other');
    assert.deepEqual(e.causes, []);
    assert.match(e.headline, /not an SES error: Gmail's wording/);
    assert.deepEqual(e.actions, [{ kind: 'doctor', region: undefined }]);
  });
  test('unknown wording', () => {
    const e = explain('554 5.7.1 <x@y.example>: Relay access denied');
    assert.equal(e.verdict, 'unknown');
    assert.match(e.headline, /not SES wording/);
  });
  test('unreadable text offers the Doctor', () => {
    const e = explain('hello world');
    assert.equal(e.verdict, 'unreadable');
    assert.deepEqual(e.actions, [{ kind: 'doctor' }]);
  });
});

describe('explainPasted: what the app side adds', () => {
  test('a refused login lists the username as a possible suspect', () => {
    const e = explain('Error: Invalid login: 535 Authentication Credentials Invalid');
    assert.deepEqual(e.causes.at(-1), {
      id: 'username-not-access-key',
      confidence: 'possible',
      title: 'The username may be an IAM user name or an email address instead of the access key id.',
      fix: 'Use the IAM access key id (AKIA…, 20 characters) as the SMTP username; the Doctor checks it.',
    });
    assert.deepEqual(e.actions[0], { kind: 'checkLogin' });
  });
  test('not subscribed gets no username suspect', () => {
    const e = explain('535 Account not subscribed to SES');
    assert.deepEqual(
      e.causes.map((c) => c.id),
      ['not-subscribed'],
    );
  });
  test('Symfony printed the username: certain', () => {
    const e = explain(
      'Failed to authenticate on SMTP server with username "smtp-user" using the following authenticators: "LOGIN". Authenticator "LOGIN" returned "Expected response code "235" but got code "535", with message "535 Authentication Credentials Invalid".".',
    );
    assert.equal(e.causes[0].id, 'username-not-access-key');
    assert.equal(e.causes[0].confidence, 'certain');
  });
  test("PHPMailer's connect failure: every candidate, all possible, and how to see more", () => {
    const e = explain('Mailer Error: SMTP Error: Could not connect to SMTP host.');
    assert.deepEqual(
      e.causes.map((c) => c.id),
      ['nothing-listening', 'tls-mode-mismatch', 'network-blocked'],
    );
    assert.ok(e.causes.every((c) => c.confidence === 'possible'));
    assert.match(e.headline, /SMTPDebug/);
  });
  test('identities: one action each, and production access', () => {
    const e = explain(
      "(554, b'Message rejected: Email address is not verified. The following identities failed the check in region EU-WEST-1: a@x.example, b@y.example')",
      { sandbox: true },
    );
    assert.deepEqual(e.actions, [
      { kind: 'doctor', region: 'eu-west-1' },
      { kind: 'identity', region: 'eu-west-1', identity: 'a@x.example' },
      { kind: 'identity', region: 'eu-west-1', identity: 'b@y.example' },
      { kind: 'productionAccess', region: 'eu-west-1' },
    ]);
    assert.equal(actionLabel(e.actions[1]), 'Show a@x.example in SES Explorer (eu-west-1)');
    assert.equal(actionLabel(e.actions[0]), 'Run SMTP Doctor (eu-west-1)');
    assert.equal(actionLabel({ kind: 'productionAccess' }), 'Request production access');
  });
});

describe('explainPasted: no secret survives', () => {
  test('a DSN with its password, pasted with the error', () => {
    const text =
      'MAILER_DSN=smtps://AKIAIOSFODNN7EXAMPLE:s3cr3tPass@email-smtp.eu-west-1.amazonaws.com:465\nError: Invalid login: 535 Authentication Credentials Invalid';
    const e = explain(text);
    const md = explanationMarkdown(e);
    for (const shown of [JSON.stringify(e), md]) assert.ok(!shown.includes('s3cr3tPass'));
    assert.equal(e.reading?.region, 'eu-west-1');
    assert.match(md, /^# SES refused this \(nodemailer\)/);
    assert.match(md, /```text\nMAILER_DSN=smtps:\/\/AKIAIOSFODNN7EXAMPLE:\*{8}@/);
  });
  test('wrong types are refused clearly', () => {
    assert.throws(() => explainPasted(null as never), /pasted/);
    assert.throws(() => explanationMarkdown({} as never), /e\.masked/);
    assert.throws(() => actionLabel(undefined as never), /action/);
  });
});

describe("the terminal's cheap test and its links", () => {
  test('each marker alone passes the cheap test', () => {
    for (const marker of TERMINAL_MARKERS) assert.ok(mayHoldSmtpError(`xx ${marker} xx`), marker);
  });
  test('ordinary output does not', () => {
    for (const line of [
      '',
      'webpack compiled 421 modules',
      '✓ 535 tests passed',
      'GET /api 554ms',
      'x'.repeat(100_000),
    ])
      assert.equal(mayHoldSmtpError(line), false, line.slice(0, 40));
  });
  test('a marker past the cap is not looked for', () => {
    assert.equal(mayHoldSmtpError(`${'x'.repeat(TERMINAL_LINE_CAP)} Authentication Credentials Invalid`), false);
  });
  test('the link spans the error without indentation, the hover masked', () => {
    const line = '   Error: Invalid login: 535 Authentication Credentials Invalid   ';
    assert.deepEqual(linkInLine(line), {
      startIndex: 3,
      length: line.trim().length,
      summary: '535 Authentication Credentials Invalid',
    });
  });
  test('a marker without anything readable gives no link', () => {
    assert.equal(linkInLine('see email-smtp.eu-west-1.amazonaws.com docs'), undefined);
  });
  test('hostile lines answer (long runs of quotes, digits, colons)', () => {
    for (const line of [
      `Invalid login: ${'"'.repeat(1_000_000)}`,
      `Invalid login: ${'5'.repeat(1_000_000)}`,
      `Expected response code ${'a:'.repeat(500_000)}`,
      `email-smtp.${'a.'.repeat(500_000)}`,
    ])
      linkInLine(line); // returns at all: the corpus of patterns is linear (bench/appErrors.ts times it)
  });
});
