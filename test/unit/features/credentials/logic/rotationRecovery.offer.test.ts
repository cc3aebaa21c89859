// Offering to recover an interrupted rotation at activation: recovery calls IAM, so in a folder
// that is not trusted nothing runs (the journal stays, to be offered once the folder is trusted).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { offerRecovery, type RecoveryOfferPorts } from '../../../../../src/features/credentials/logic/rotationRecovery';
import type { RotationJournal } from '../../../../../src/features/credentials/logic/rotationTypes';

const journal: RotationJournal = {
  version: 1,
  setId: 'set-1',
  setName: 'prod',
  userName: 'ses-smtp-user',
  oldKeyId: 'AKIAOLDKEY0000000001',
  newKeyId: 'AKIANEWKEY0000000009',
  step: 'key-created',
  at: '2026-06-01T12:00:05.000Z',
  startedAt: '2026-06-01T12:00:00.000Z',
};

function ports(options: { trusted: boolean; agree: boolean; fail?: Error }) {
  const seen = { asked: [] as string[], recovered: [] as string[], untrusted: [] as string[], failed: [] as string[] };
  const p: RecoveryOfferPorts = {
    journals: async () => [journal, { ...journal, setId: 'set-2', setName: 'staging' }],
    setUsername: async () => journal.oldKeyId,
    ask: async (j, plan) => (seen.asked.push(`${j.setName}:${plan.kind}`), options.agree),
    trusted: () => options.trusted,
    untrusted: (j) => seen.untrusted.push(j.setName),
    recover: async (j) => {
      if (options.fail) throw options.fail;
      seen.recovered.push(j.setName);
    },
    failed: (j, err) => seen.failed.push(`${j.setName}: ${err.message}`),
  };
  return { p, seen };
}

describe('offerRecovery', () => {
  test('an untrusted folder: the user is asked, but nothing is recovered (no IAM call); each journal is kept', async () => {
    const { p, seen } = ports({ trusted: false, agree: true });
    await offerRecovery(p);
    assert.deepEqual(seen.asked, ['prod:roll-back', 'staging:roll-back']);
    assert.deepEqual(seen.recovered, []);
    assert.deepEqual(seen.untrusted, ['prod', 'staging']);
  });

  test('a trusted folder: what the user agrees to is recovered', async () => {
    const { p, seen } = ports({ trusted: true, agree: true });
    await offerRecovery(p);
    assert.deepEqual(seen.recovered, ['prod', 'staging']);
    assert.deepEqual(seen.untrusted, []);
  });

  test('Later: nothing is recovered, trusted or not, and no trust prompt', async () => {
    for (const trusted of [true, false]) {
      const { p, seen } = ports({ trusted, agree: false });
      await offerRecovery(p);
      assert.deepEqual(seen.recovered, []);
      assert.deepEqual(seen.untrusted, []);
    }
  });

  test('a failed recovery is reported and the next one is still offered', async () => {
    const { p, seen } = ports({ trusted: true, agree: true, fail: new Error('AccessDenied') });
    await offerRecovery(p);
    assert.deepEqual(seen.failed, ['prod: AccessDenied', 'staging: AccessDenied']);
  });
});
