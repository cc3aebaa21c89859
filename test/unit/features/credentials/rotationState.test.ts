// What rotations keep in globalState (src/features/credentials/rotationState.ts, which needs only a
// Memento): the journal, the old keys, the profile per set and endpoint. None of it is secret.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { JOURNAL_KEY, RotationState } from '../../../../src/features/credentials/rotationState';
import type { RotationJournal } from '../../../../src/features/credentials/logic/rotationTypes';

class Memento {
  data = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.data.has(key) ? (JSON.parse(JSON.stringify(this.data.get(key))) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, value);
  }
}

const entry: RotationJournal = {
  version: 1,
  setId: 's1',
  setName: 'prod',
  userName: 'u',
  oldKeyId: 'AKIAOLDKEY0000000001',
  newKeyId: 'AKIANEWKEY0000000001',
  step: 'key-created',
  at: '2026-06-01T12:00:05.000Z',
  startedAt: '2026-06-01T12:00:00.000Z',
};

describe('rotation state in globalState', () => {
  test('journal: saved per set, read back, cleared; the key is removed when empty', async () => {
    const m = new Memento();
    const state = new RotationState(m as never);
    await Promise.all([state.journal.save(entry), state.journal.save({ ...entry, setId: 's2' })]);
    assert.deepEqual((await state.journal.load()).map((j) => j.setId).sort(), ['s1', 's2']);
    await state.journal.clear('s1');
    await state.journal.clear('s2');
    assert.deepEqual(await state.journal.load(), []);
    assert.equal(m.data.has(JOURNAL_KEY), false);
  });

  test('a damaged journal entry is ignored, a stray field dropped', async () => {
    const m = new Memento();
    m.data.set(JOURNAL_KEY, { s1: { ...entry, password: 'x' }, s2: { step: 'nonsense' }, s3: 'text' });
    const loaded = await new RotationState(m as never).journal.load();
    assert.deepEqual(loaded, [entry]);
  });

  test('profiles: remembered with the endpoint; another endpoint does not find it; null is the default chain', async () => {
    const state = new RotationState(new Memento() as never);
    assert.equal(state.profile('s1', undefined), undefined);
    await state.rememberProfile('s1', 'admin', 'http://127.0.0.1:5000');
    await state.rememberProfile('s2', undefined, undefined);
    assert.equal(state.profile('s1', 'http://127.0.0.1:5000'), 'admin');
    assert.equal(state.profile('s1', undefined), undefined, 'the real AWS endpoint is another endpoint');
    assert.equal(state.profile('s2', undefined), null);
    assert.equal(state.profile('s2', ''), null);
  });

  test('old keys: set, read, removed', async () => {
    const state = new RotationState(new Memento() as never);
    await state.setOldKey('s1', { userName: 'u', keyId: 'AKIAOLDKEY0000000001', at: entry.at });
    assert.equal(state.oldKey('s1')?.keyId, 'AKIAOLDKEY0000000001');
    await state.setOldKey('s1', undefined);
    assert.equal(state.oldKey('s1'), undefined);
  });
});
