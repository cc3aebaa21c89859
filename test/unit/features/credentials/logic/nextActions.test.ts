// The next action a result notification offers (src/features/credentials/logic/nextActions.ts).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterCheckLogin,
  afterGenerate,
  afterSave,
  diagnosisDetail,
  NEXT,
} from '../../../../../src/features/credentials/logic/nextActions';

describe('result notifications: the next action', () => {
  test('Check Login: success leads to sending, failure to the log, the diagnosis and the fix', () => {
    assert.deepEqual(afterCheckLogin({ ok: true, hasSecretKey: false }), ['Send Test Email', 'Show Log']);
    assert.deepEqual(afterCheckLogin({ ok: false, topCause: 'auth-failed', hasSecretKey: false }), [
      'Show Log',
      'Diagnose',
    ]);
    const wrongRegion = afterCheckLogin({ ok: false, topCause: 'wrong-region', hasSecretKey: false });
    assert.deepEqual(wrongRegion, ['Show Log', 'Diagnose', 'Find Region with Secret Key…']);
    const known = afterCheckLogin({ ok: false, topCause: 'wrong-region', hasSecretKey: true });
    assert.deepEqual(known, ['Show Log', 'Diagnose', 'Generate Password…']);
    const secretAsPassword = afterCheckLogin({ ok: false, topCause: 'secret-key-as-password', hasSecretKey: false });
    assert.equal(secretAsPassword[2], NEXT.generate);
  });

  test('Check Login of a saved set with an untrusted or changed certificate offers the trust dialog', () => {
    const untrusted = { ok: false, topCause: 'tls-certificate', hasSecretKey: false };
    assert.deepEqual(afterCheckLogin({ ...untrusted, savedSet: true }), ['Show Log', 'Diagnose', 'Trust Certificate…']);
    assert.deepEqual(afterCheckLogin({ ...untrusted, topCause: 'tls-certificate-changed', savedSet: true }), [
      'Show Log',
      'Diagnose',
      'Trust the New Certificate…',
    ]);
    // Near misses: fields typed into Check Login (no saved set) have nothing to pin the certificate on.
    assert.deepEqual(afterCheckLogin(untrusted), ['Show Log', 'Diagnose']);
    assert.deepEqual(afterCheckLogin({ ...untrusted, topCause: 'tls-certificate-changed' }), ['Show Log', 'Diagnose']);
  });

  test('Generate: copy the password or save it; after a save: check or send', () => {
    assert.deepEqual(afterGenerate(), ['Copy Password', 'Copy Username', 'Save as Credential Set…']);
    assert.deepEqual(afterSave(), ['Check Login', 'Send Test Email']);
  });

  test('the Diagnose dialog lists every cause with its fix', () => {
    const detail = diagnosisDetail([
      { title: 'Wrong region.', fix: 'Generate it for eu-west-1.' },
      { title: 'Key deleted.', fix: 'Create a new key.' },
    ]);
    assert.equal(
      detail,
      '1. Wrong region.\nFix: Generate it for eu-west-1.\n\n2. Key deleted.\nFix: Create a new key.',
    );
    assert.match(diagnosisDetail([]), /No known cause/);
  });
});
