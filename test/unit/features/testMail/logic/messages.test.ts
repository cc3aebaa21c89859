// The Send Test Email page's protocol (src/features/testMail/logic/messages.ts): what the page may send
// (checked at run time), the warnings before sending, the messages to the page, and the state it keeps.
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
import { SMTP_PHASES, SMTP_PHASE_LABELS } from '../../../../../src/engines/smtp/phases';
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
