import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseFromWebview, sendWarnings, splitRecipients, LIMITS } from '../../src/core/webview/messages';

const goodForm = { setId: 'abc', from: 'a@example.com', to: 'b@example.com', subject: 's', text: 't', html: '', port: 587, tls: 'starttls', force: false };

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
    ['oversized subject', { type: 'send', form: { ...goodForm, subject: 'x'.repeat(LIMITS.subject + 1) } }, /subject is 999 characters/],
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
    const w = sendWarnings({ from: 'me@other.com', to: ['success@simulator.amazonses.com'], region: 'eu-west-1', verified: ['example.com'] });
    assert.equal(w.length, 1);
    assert.match(w[0], /me@other\.com is not a verified identity in eu-west-1/);
  });
  test('a From in a verified domain passes', () => {
    assert.deepEqual(sendWarnings({ from: 'me@example.com', to: ['x@y.com'], verified: ['example.com'], sandbox: false }), []);
  });
  test('in the sandbox an unverified recipient is named; the simulator is fine', () => {
    const w = sendWarnings({ from: 'me@example.com', to: ['friend@gmail.com', 'bounce@simulator.amazonses.com'], region: 'us-east-1', sandbox: true, verified: ['example.com'] });
    assert.equal(w.length, 1);
    assert.match(w[0], /sandbox in us-east-1: friend@gmail\.com is not verified/);
  });
  test('nothing is said when the verified identities are unknown', () => {
    assert.deepEqual(sendWarnings({ from: 'me@x.com', to: ['y@z.com'], sandbox: true }), []);
  });
});
