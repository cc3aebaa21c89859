import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseFromWebview,
  parseWebviewState,
  sendWarnings,
  LIMITS,
} from '../../../../../src/features/testMail/logic/messages';
import { splitRecipients } from '../../../../../src/base/names';
import type {
  CauseView,
  PhaseTimingView,
  SetView,
  ToWebview,
  TranscriptLineView,
} from '../../../../../src/features/testMail/logic/messages';
import { sendHeadline, simulatorNotes, type HeadlineInput } from '../../../../../src/features/testMail/logic/headline';
import { SMTP_PHASES, SMTP_PHASE_LABELS, type SmtpPhase } from '../../../../../src/engines/smtp/phases';
import { MAILBOX_SIMULATOR } from '../../../../../src/engines/smtp/mailboxSimulator';
import type { PhaseTiming, TranscriptLine } from '../../../../../src/engines/smtp/types';
import type { Cause } from '../../../../../src/engines/smtp/diagnose';

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

describe('messages from the Send Test Email webview', () => {
  test('a well-formed send is accepted as typed', () => {
    const parsed = parseFromWebview({ type: 'send', form: goodForm });
    assert.deepEqual(parsed, { ok: true, value: { type: 'send', form: goodForm } });
  });

  test('simple messages are accepted and extra fields dropped', () => {
    for (const type of ['ready', 'cancel', 'openLog', 'addCredentials']) {
      assert.deepEqual(parseFromWebview({ type, evil: 'x' }), { ok: true, value: { type } });
    }
  });

  const rejects: Array<[string, unknown, RegExp]> = [
    ['not an object', 'send', /not an object/],
    ['null', null, /not an object/],
    ['an array', [1], /not an object/],
    ['an unknown type', { type: 'exec', cmd: 'rm' }, /unknown message type/],
    ['send without form', { type: 'send' }, /without a form/],
    ['port as string', { type: 'send', form: { ...goodForm, port: '587' } }, /port/],
    ['port out of range', { type: 'send', form: { ...goodForm, port: 70000 } }, /port/],
    ['bad tls', { type: 'send', form: { ...goodForm, tls: 'none' } }, /tls/],
    ['from as number', { type: 'send', form: { ...goodForm, from: 42 } }, /from is number/],
    [
      'oversized subject',
      { type: 'send', form: { ...goodForm, subject: 'x'.repeat(LIMITS.subject + 1) } },
      /subject is 999 characters/,
    ],
    ['oversized body', { type: 'send', form: { ...goodForm, text: 'x'.repeat(LIMITS.body + 1) } }, /text is/],
    ['force as string', { type: 'send', form: { ...goodForm, force: 'yes' } }, /force/],
    ['selectSet without id', { type: 'selectSet' }, /setId is undefined/],
  ];
  for (const [name, message, reason] of rejects) {
    test(`rejects ${name} with a reason`, () => {
      const parsed = parseFromWebview(message);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.reason, reason);
    });
  }
});

describe('recipients', () => {
  test('split on commas and semicolons, keeping quoted display names whole', () => {
    assert.deepEqual(splitRecipients('a@x.com, b@y.com;c@z.com'), ['a@x.com', 'b@y.com', 'c@z.com']);
    assert.deepEqual(splitRecipients('"Doe, Jane" <jane@x.com>, bob@y.com'), ['"Doe, Jane" <jane@x.com>', 'bob@y.com']);
    assert.deepEqual(splitRecipients(' , '), []);
  });
});

describe('warnings before sending', () => {
  test('an unverified From is named with the region', () => {
    const w = sendWarnings({
      from: 'me@other.com',
      to: ['success@simulator.amazonses.com'],
      region: 'eu-west-1',
      verified: ['example.com'],
    });
    assert.equal(w.length, 1);
    assert.match(w[0], /me@other\.com is not a verified identity in eu-west-1/);
  });
  test('a From in a verified domain passes', () => {
    assert.deepEqual(
      sendWarnings({ from: 'me@example.com', to: ['x@y.com'], verified: ['example.com'], sandbox: false }),
      [],
    );
  });
  test('in the sandbox an unverified recipient is named; the simulator is fine', () => {
    const w = sendWarnings({
      from: 'me@example.com',
      to: ['friend@gmail.com', 'bounce@simulator.amazonses.com'],
      region: 'us-east-1',
      sandbox: true,
      verified: ['example.com'],
    });
    assert.equal(w.length, 1);
    assert.match(w[0], /sandbox in us-east-1: friend@gmail\.com is not verified/);
  });
  test('nothing is said when the verified identities are unknown', () => {
    assert.deepEqual(sendWarnings({ from: 'me@x.com', to: ['y@z.com'], sandbox: true }), []);
  });
});

describe('messages to the Send Test Email webview (types checked by compile-tests)', () => {
  test('every outgoing message type is expressible, with the phases of the core', () => {
    const set: SetView = {
      id: 'a',
      name: 'n',
      description: 'd',
      region: 'eu-west-1',
      host: 'h',
      port: 587,
      tls: 'starttls',
      from: '',
      identities: [],
      domains: [],
    };
    const outgoing: ToWebview[] = [
      { type: 'init', sets: [set], preselect: 'a', simulator: MAILBOX_SIMULATOR },
      { type: 'confirm', warnings: ['w'] },
      { type: 'started', endpoint: 'h:587' },
      ...SMTP_PHASES.map((phase): ToWebview => ({ type: 'phase', phase })),
      { type: 'transcript', line: { t: 1, dir: 'S', text: '220 ready' } },
      { type: 'retry', attempt: 1, delayMs: 5000, reply: '454 Throttling failure' },
      { type: 'result', ok: true, headline: 'Accepted by SES', notes: [], phases: [], attempts: 1, causes: [] },
      { type: 'error', field: 'set', message: 'Choose saved SMTP credentials first (or add some).' },
    ];
    assert.deepEqual(
      [...new Set(outgoing.map((m) => m.type))],
      ['init', 'confirm', 'started', 'phase', 'transcript', 'retry', 'result', 'error'],
    );
    assert.deepEqual(SMTP_PHASES, [
      'connect',
      'greeting',
      'ehlo',
      'starttls',
      'ehlo-tls',
      'auth',
      'mail',
      'rcpt',
      'data',
      'quit',
    ]);
    assert.equal(SMTP_PHASE_LABELS['ehlo-tls'], 'EHLO (TLS)');
  });

  test('what the core produces fits the messages as it is (no copying field by field)', () => {
    const line: TranscriptLine = { t: 0, dir: 'C', text: 'EHLO x' };
    const timing: PhaseTiming = { phase: 'auth', ms: 3, ok: false };
    const cause: Cause = { id: 'wrong-region', confidence: 'certain', title: 't', fix: 'f' };
    const views: [TranscriptLineView, PhaseTimingView, CauseView] = [line, timing, cause];
    assert.equal(views.length, 3);
  });

  test('the compiler refuses a password in a set, a result without headline, and an unknown phase', () => {
    const setFields = { id: 'a', name: 'n', description: 'd', region: '', host: 'h', port: 587 } as const;
    const more = { tls: 'starttls', from: '', identities: [], domains: [] } as const;
    // prettier-ignore
    // @ts-expect-error the webview never receives a password
    const withPassword: SetView = { ...setFields, ...more, password: 'x' };
    // @ts-expect-error a result always says what happened in one line
    const noHeadline: ToWebview = { type: 'result', ok: false, notes: [], phases: [], attempts: 1, causes: [] };
    // @ts-expect-error not one of the SMTP phases
    const helo: ToWebview = { type: 'phase', phase: 'helo' };
    assert.ok(withPassword && noHeadline && helo);
  });
});

describe('the form state kept by the webview (vscode.setState)', () => {
  test('known string fields are restored; anything else is dropped', () => {
    const saved = {
      set: 'abc',
      from: 'a@example.com',
      to: 'b@example.com',
      port: '587:starttls',
      password: 'hunter2',
      subject: 42,
      html: null,
    };
    assert.deepEqual(parseWebviewState(saved), {
      set: 'abc',
      from: 'a@example.com',
      to: 'b@example.com',
      port: '587:starttls',
    });
  });
  test('a missing or broken state gives an empty form state', () => {
    for (const saved of [undefined, null, 'x', 42, []]) assert.deepEqual(parseWebviewState(saved), {});
  });
  test('an oversized field is not restored', () => {
    assert.deepEqual(parseWebviewState({ text: 'x'.repeat(LIMITS.body + 1), subject: 's' }), { subject: 's' });
  });
});

describe('the headline of a send', () => {
  const failure = (code: string, phase: SmtpPhase, reply?: string, message = ''): HeadlineInput['failure'] => ({
    code,
    phase,
    reply,
    message,
  });
  const notVerified = (region: string, ids: string) =>
    `554 Message rejected: Email address is not verified. The following identities failed the check in region ${region}: ${ids}`;

  test('an unverified From reads as the console says it, with the region of the reply', () => {
    const h = sendHeadline({
      ok: false,
      failure: failure('REJECTED', 'data', notVerified('EU-CENTRAL-1', 'sender@example.com')),
      from: 'Sender <Sender@example.com>',
      region: 'eu-west-1',
    });
    assert.equal(h, 'Rejected (554): From address not verified in eu-central-1');
  });
  test('unverified recipients in the sandbox are told apart from the From', () => {
    const reply = notVerified('US-EAST-1', 'friend@elsewhere.test');
    assert.equal(
      sendHeadline({ ok: false, failure: failure('REJECTED', 'data', reply), from: 'me@example.com' }),
      'Rejected (554): Recipient not verified in us-east-1 (the account is in the sandbox)',
    );
    const both = notVerified('US-EAST-1', 'me@other.test, a@x.test, b@y.test');
    assert.equal(
      sendHeadline({ ok: false, failure: failure('REJECTED', 'data', both), from: 'me@other.test' }),
      'Rejected (554): From address and 2 recipients not verified in us-east-1',
    );
  });
  test("a refused login names the code and the server's words", () => {
    assert.equal(
      sendHeadline({ ok: false, failure: failure('AUTH_FAILED', 'auth', '535 Authentication Credentials Invalid') }),
      'Login refused (535): Authentication Credentials Invalid',
    );
    assert.equal(
      sendHeadline({ ok: false, failure: failure('AUTH_FAILED', 'auth', '535 Account not subscribed to SES') }),
      'Login refused (535): Account not subscribed to SES',
    );
  });
  test('other rejections and failures say what happened, never just the phase', () => {
    const denied =
      "554 Access denied: User `arn:aws:iam::123456789012:user/x' is not authorized to perform `ses:SendRawEmail' on resource `arn:…'";
    assert.equal(
      sendHeadline({ ok: false, failure: failure('REJECTED', 'data', denied) }),
      'Rejected (554): not allowed to send: the IAM user lacks ses:SendRawEmail',
    );
    assert.equal(
      sendHeadline({ ok: false, failure: failure('REJECTED', 'data', '552 Message is too long') }),
      'Rejected (552): Message is too long',
    );
    assert.equal(
      sendHeadline({
        ok: false,
        failure: failure('TEMPORARY', 'data', '454 Throttling failure: Maximum sending rate exceeded.'),
        attempts: 4,
      }),
      'Temporary failure (454) after 4 attempts: Throttling failure: Maximum sending rate exceeded.',
    );
    assert.equal(
      sendHeadline({ ok: false, failure: failure('TIMEOUT', 'connect', undefined, 'Connecting timed out') }),
      'Timed out at Connect: the server did not answer',
    );
    assert.equal(
      sendHeadline({ ok: false, failure: failure('AUTH_REQUIRED', 'auth', '530 Must issue a STARTTLS command first') }),
      'Refused (530): Must issue a STARTTLS command first',
    );
    for (const code of [
      'DNS',
      'REFUSED',
      'TIMEOUT',
      'TLS_CERT',
      'TLS',
      'TLS_NOT_OFFERED',
      'AUTH_UNSUPPORTED',
      'CLOSED',
      'CANCELLED',
      'PROTOCOL',
    ]) {
      assert.doesNotMatch(sendHeadline({ ok: false, failure: failure(code, 'data', undefined, 'm') }), /^Failed in /);
    }
  });
  test('a success says accepted, and on which attempt after retries', () => {
    assert.equal(sendHeadline({ ok: true }), 'Accepted by SES');
    assert.equal(sendHeadline({ ok: true, attempts: 2 }), 'Accepted by SES (attempt 2)');
  });
});

describe('what happens after a send to the mailbox simulator', () => {
  test('bounce and complaint notifications arrive later through event destinations or feedback forwarding', () => {
    const [bounce] = simulatorNotes(['bounce+label1@simulator.amazonses.com']);
    assert.match(
      bounce,
      /^bounce@simulator: .*hard bounce.*arrives later through the configuration set’s event destinations or the identity’s feedback forwarding/,
    );
    const [complaint] = simulatorNotes(['"Test" <complaint@simulator.amazonses.com>']);
    assert.match(complaint, /complaint notification arrives later through the configuration set’s event destinations/);
  });
  test('suppressionlist is treated as suppressed; success and ooto say what they do', () => {
    assert.match(
      simulatorNotes(['suppressionlist@simulator.amazonses.com'])[0],
      /as if it were on the suppression list: the message is not delivered/,
    );
    assert.match(simulatorNotes(['success@simulator.amazonses.com'])[0], /nothing else follows/);
    assert.match(simulatorNotes(['ooto@simulator.amazonses.com'])[0], /out-of-office/);
  });
  test('one note per kind; other addresses get none', () => {
    assert.equal(
      simulatorNotes(['bounce@simulator.amazonses.com', 'BOUNCE@simulator.amazonses.com', 'friend@example.com']).length,
      1,
    );
    assert.deepEqual(simulatorNotes(['bounce@example.com', 'bounce@simulator.amazonses.com.evil.test']), []);
  });
});
