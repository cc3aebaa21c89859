// The Doctor page's protocol (src/features/doctor/logic/messages.ts): every message the host takes from
// the page is accepted as typed, every near miss is refused with a reason that says what is wrong
// and quotes none of the message's content; the page takes only a well-formed `state`.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseFromDoctorPage,
  parseToDoctorPage,
  type FromDoctorPage,
  type ToDoctorPage,
} from '../../../../../src/features/doctor/logic/messages';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('messages from the Doctor page', () => {
  const kinds: FromDoctorPage[] = [{ type: 'ready' }, { type: 'copy' }, { type: 'rerun' }];
  for (const message of kinds) {
    test(`"${message.type}" is accepted as typed`, () => {
      assert.deepEqual(parseFromDoctorPage({ ...message }), { ok: true, value: message });
    });
  }

  test('the accepted value is a new object, not the one that came in', () => {
    const raw = { type: 'copy' };
    const parsed = parseFromDoctorPage(raw);
    assert.ok(parsed.ok);
    assert.notEqual(parsed.value, raw);
  });

  const refused: Array<[string, unknown, RegExp]> = [
    ['a bare string', 'copy', /not a message object but text \(4 characters\)/],
    ['null', null, /not a message object but null/],
    ['nothing', undefined, /not a message object but nothing/],
    ['a number', 7, /not a message object but a number/],
    ['a list', [{ type: 'copy' }], /not a message object but a list/],
    ['an object without a type', {}, /its type is nothing \(undefined\), not text/],
    ['a type that is not text', { type: 1 }, /its type is a number \(1\), not text/],
    ['a type in a list', { type: ['copy'] }, /its type is a list, not text/],
    ['an unknown type', { type: 'exec' }, /an unknown type, text \(4 characters\); known: ready, copy, rerun/],
    ['the Send page\'s "send"', { type: 'send', form: {} }, /an unknown type/],
    ['a type in other case', { type: 'Copy' }, /an unknown type/],
    ['a type with a space', { type: 'rerun ' }, /an unknown type/],
    ['an empty type', { type: '' }, /an unknown type, text \(0 characters\)/],
    [
      'copy with Markdown of its own',
      { type: 'copy', markdown: '# mine' },
      /"copy" with fields it does not take \(markdown\)/,
    ],
    ['rerun with a password', { type: 'rerun', password: SECRET }, /"rerun" with fields it does not take \(password\)/],
    ['ready with a state', { type: 'ready', running: false }, /"ready" with fields it does not take \(running\)/],
    [
      'many extra fields',
      { type: 'copy', a: 1, b: 2, c: 3, d: 4 },
      /"copy" with fields it does not take \(a, b, c, …\)/,
    ],
    ['a field with an odd name', { type: 'copy', [`<${SECRET}>`]: 1 }, /\(an odd name\)/],
  ];
  for (const [name, message, reason] of refused) {
    test(`refuses ${name}, saying why`, () => {
      const parsed = parseFromDoctorPage(message);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.reason, reason);
    });
  }

  test('a refusal quotes none of the content: not the type, not a value, not an odd field name', () => {
    for (const message of [
      { type: SECRET },
      { type: 'copy', password: SECRET },
      { type: 'copy', [SECRET]: 'x' },
      { type: [SECRET] },
      SECRET,
    ]) {
      const parsed = parseFromDoctorPage(message);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) {
        assert.ok(!parsed.reason.includes(SECRET), parsed.reason);
        assert.ok(!parsed.reason.includes('wJalr'), parsed.reason);
      }
    }
  });
});

describe('messages to the Doctor page', () => {
  for (const running of [true, false]) {
    for (const hasReport of [true, false]) {
      test(`a state (running ${running}, report ${hasReport}) is taken as typed`, () => {
        const state: ToDoctorPage = { type: 'state', running, hasReport };
        assert.deepEqual(parseToDoctorPage({ ...state }), state);
      });
    }
  }

  const ignored: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'state'],
    ['a list', [{ type: 'state', running: true, hasReport: true }]],
    ['another type', { type: 'init', running: true, hasReport: true }],
    ['running as text', { type: 'state', running: 'true', hasReport: true }],
    ['hasReport missing', { type: 'state', running: false }],
    ['running missing', { type: 'state', hasReport: false }],
    ['hasReport as a number', { type: 'state', running: false, hasReport: 1 }],
    ['an extra field', { type: 'state', running: false, hasReport: true, markdown: '# report' }],
  ];
  for (const [name, message] of ignored) {
    test(`ignores ${name}`, () => {
      assert.equal(parseToDoctorPage(message), undefined);
    });
  }
});
