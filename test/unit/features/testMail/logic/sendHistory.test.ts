// The Send Test Email history (issue #18): the last 20 sends, newest first, each .eml kept with
// exactly the bytes sent and removed with its entry; never a secret or a body in the list; what a
// later window reads back (the stored list) is checked field by field.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  EML_MAX_BYTES,
  HISTORY_KEY,
  SendHistory,
  emlName,
  parseEntry,
  suggestedEmlName,
  type BlobStore,
  type KeyValueStore,
  type NewHistoryEntry,
} from '../../../../../src/features/testMail/logic/sendHistory';

function stores(): {
  state: KeyValueStore & { data: Map<string, unknown> };
  blobs: BlobStore & { files: Map<string, Uint8Array> };
} {
  const data = new Map<string, unknown>();
  const files = new Map<string, Uint8Array>();
  return {
    state: {
      data,
      get: (k) => data.get(k),
      // Stored as JSON, as VS Code's workspace state is.
      update: async (k, v) => void data.set(k, JSON.parse(JSON.stringify(v))),
    },
    blobs: {
      files,
      write: async (n, b) => void files.set(n, Uint8Array.from(b)),
      read: async (n) => files.get(n),
      remove: async (n) => void files.delete(n),
    },
  };
}

const send = (n: number, over: Partial<NewHistoryEntry> = {}): NewHistoryEntry => ({
  at: `2026-11-30T16:${String(n).padStart(2, '0')}:00.000Z`,
  setId: 'set-1',
  setName: 'prod eu-west-1',
  region: 'eu-west-1',
  from: 'sender@example.com',
  to: ['success@simulator.amazonses.com'],
  cc: [],
  bcc: [],
  subject: `test ${n}`,
  ok: true,
  headline: 'Accepted by SES',
  messageId: `id-${n}`,
  ...over,
});

describe('the send history', () => {
  test('newest first; a new history object reads what an earlier one stored (a window reload)', async () => {
    const { state, blobs } = stores();
    const first = new SendHistory(state, blobs);
    await first.record(send(1));
    await first.record(send(2, { ok: false, headline: 'Rejected (554): From address not verified in eu-west-1' }));
    const later = new SendHistory(state, blobs);
    assert.deepEqual(
      later.list().map((e) => [e.subject, e.ok, e.headline]),
      [
        ['test 2', false, 'Rejected (554): From address not verified in eu-west-1'],
        ['test 1', true, 'Accepted by SES'],
      ],
    );
  });

  test('Save as .eml gets exactly the bytes sent, after a reload too', async () => {
    const { state, blobs } = stores();
    const bytes = Buffer.from('From: a@example.com\r\nSubject: \xe9\r\n\r\nbody\r\n', 'latin1');
    const entry = await new SendHistory(state, blobs).record(send(1), bytes);
    assert.equal(entry.hasEml, true);
    assert.deepEqual(Buffer.from((await new SendHistory(state, blobs).eml(entry.id))!), bytes);
  });

  test('a send that composed nothing, or more than the cap, is listed without an .eml', async () => {
    const { state, blobs } = stores();
    const history = new SendHistory(state, blobs);
    const none = await history.record(send(1));
    const big = await history.record(send(2), new Uint8Array(EML_MAX_BYTES + 1));
    const atCap = await history.record(send(3), new Uint8Array(EML_MAX_BYTES));
    assert.deepEqual([none.hasEml, big.hasEml, atCap.hasEml], [false, false, true]);
    assert.equal(await history.eml(none.id), undefined);
    assert.equal(await history.eml(big.id), undefined);
    assert.deepEqual([...blobs.files.keys()], [emlName(atCap.id)]);
  });

  test('keeps the last 20: the 21st send drops the oldest and its .eml', async () => {
    const { state, blobs } = stores();
    const history = new SendHistory(state, blobs);
    const ids: string[] = [];
    for (let i = 1; i <= 21; i++) ids.push((await history.record(send(i), Buffer.from(`m${i}`))).id);
    const list = history.list();
    assert.equal(list.length, 20);
    assert.equal(list[0].subject, 'test 21');
    assert.equal(list[19].subject, 'test 2');
    assert.equal(blobs.files.size, 20);
    assert.equal(blobs.files.has(emlName(ids[0])), false);
    assert.equal(await history.eml(ids[0]), undefined);
  });

  test('a file gone from storage reads as no .eml, not an error', async () => {
    const { state, blobs } = stores();
    const history = new SendHistory(state, blobs);
    const entry = await history.record(send(1), Buffer.from('x'));
    blobs.files.clear();
    assert.equal(await history.eml(entry.id), undefined);
  });

  test('Clear removes the entries and their files', async () => {
    const { state, blobs } = stores();
    const history = new SendHistory(state, blobs);
    await history.record(send(1), Buffer.from('x'));
    await history.clear();
    assert.deepEqual([history.list(), blobs.files.size], [[], 0]);
  });

  test('an entry holds its known fields only: a password or a body given to it is not stored', async () => {
    const { state, blobs } = stores();
    const sneaky = { ...send(1), password: 'BLt+ADu/sekVOPzU8qxsZ9RUJq9VOImHlGTS3HByT=p5', text: 'the body' };
    await new SendHistory(state, blobs).record(sneaky as NewHistoryEntry);
    const stored = JSON.stringify(state.data.get(HISTORY_KEY));
    assert.doesNotMatch(stored, /BLt\+ADu|the body|password|"text"/);
  });

  test('the configuration set and the tenant are kept for Send Again, after a reload too', async () => {
    const { state, blobs } = stores();
    await new SendHistory(state, blobs).record(send(1, { configurationSet: 'acme-events', tenant: 'acme' }));
    await new SendHistory(state, blobs).record(send(2));
    const [plain, forTenant] = new SendHistory(state, blobs).list();
    assert.deepEqual([forTenant.configurationSet, forTenant.tenant], ['acme-events', 'acme']);
    assert.deepEqual([plain.configurationSet, plain.tenant], [undefined, undefined]);
    // Not text, or too long for a tenant name: dropped or cut, never stored as given.
    state.data.set(HISTORY_KEY, [{ id: '0123456789abcdef', at: '2026-11-30T16:00:00Z', ok: true, tenant: 7 }]);
    assert.equal(new SendHistory(state, blobs).list()[0].tenant, undefined);
  });

  test('a broken or foreign stored list reads as what is valid in it', () => {
    const { state, blobs } = stores();
    state.data.set(HISTORY_KEY, [
      null,
      'x',
      { id: 'nothex', at: 'a', ok: true },
      { id: '0123456789abcdef', at: '2026-11-30T16:00:00Z', ok: 'yes' },
      { id: '0123456789abcdef', at: '2026-11-30T16:00:00Z', ok: true, to: ['a@example.com', 5], subject: 7 },
    ]);
    const list = new SendHistory(state, blobs).list();
    assert.equal(list.length, 1);
    assert.deepEqual([list[0].to, list[0].subject, list[0].hasEml], [['a@example.com'], '', false]);
    state.data.set(HISTORY_KEY, { not: 'a list' });
    assert.deepEqual(new SendHistory(state, blobs).list(), []);
  });

  test('history ids are checked before they name a file', () => {
    assert.equal(emlName('0123456789abcdef'), '0123456789abcdef.eml');
    for (const bad of ['../../etc/passwd', '0123456789ABCDEF', '0123456789abcde', ''])
      assert.throws(() => emlName(bad), /not a history id/);
    assert.equal(parseEntry({ id: '../x', at: 'a', ok: true }), undefined);
  });

  test('the save dialog offers the subject and the time as the file name', () => {
    const entry = parseEntry({ ...send(5, { subject: 'Hello: wörld / test?' }), id: '0123456789abcdef' })!;
    assert.equal(suggestedEmlName(entry), 'Hello-wörld-test-2026-11-30-16-05-00.eml');
    const blank = parseEntry({ ...send(5, { subject: '???' }), id: '0123456789abcdef' })!;
    assert.equal(suggestedEmlName(blank), 'test-mail-2026-11-30-16-05-00.eml');
  });
});

describe('the delivery outcome on an entry (delivery tracking)', () => {
  test('kept on that entry only, read again by a new history object', async () => {
    const { state, blobs } = stores();
    const a = await new SendHistory(state, blobs).record(send(1));
    const b = await new SendHistory(state, blobs).record(send(2));
    await new SendHistory(state, blobs).setDelivery(a.id, 'bounce@simulator.amazonses.com: bounced');
    const later = new SendHistory(state, blobs);
    assert.equal(later.get(a.id)?.delivery, 'bounce@simulator.amazonses.com: bounced');
    assert.equal(later.get(b.id)?.delivery, undefined);
  });
  test('an entry that is gone is left alone; a long outcome is cut at 2000 characters', async () => {
    const { state, blobs } = stores();
    const history = new SendHistory(state, blobs);
    const a = await history.record(send(1));
    await history.setDelivery('0123456789abcdef', 'x');
    assert.deepEqual(
      history.list().map((e) => e.delivery),
      [undefined],
    );
    await history.setDelivery(a.id, 'y'.repeat(3000));
    assert.equal(history.get(a.id)?.delivery?.length, 2000);
  });
  test('wrong types are refused', async () => {
    const { state, blobs } = stores();
    await assert.rejects(
      new SendHistory(state, blobs).setDelivery(7 as unknown as string, 'x'),
      /history id and the outcome/,
    );
  });
});
