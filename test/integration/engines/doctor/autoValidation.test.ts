// Auto Validation in the Doctor's recipient check (#27): GetAccount's SuppressionAttributes as the
// SES API peer serves them (REST-JSON, read by the SDK), then the recipient findings. An address
// that is not on the suppression list is no longer called reachable without a word when SES may
// drop it by its validation threshold.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { getAccountInfo } from '../../../../src/engines/aws/ses';
import { recipientFindings } from '../../../../src/engines/doctor/sesAccount';
import { startSesApiServer, type SesApiServer } from '../../../support/sesApiServer';

const CREDENTIALS = { accessKeyId: 'AKIAPEERROOTEXAMPLE1', secretAccessKey: 'peerRootSecretKeyExample000000000000000' };

describe('Auto Validation: GetAccount through the SDK, then the recipient check', () => {
  let api: SesApiServer;
  before(async () => {
    api = await startSesApiServer({
      accessKeyIds: [CREDENTIALS.accessKeyId],
      regions: {
        'eu-west-1': {
          account: { productionAccessEnabled: true, autoValidation: { enabled: true, threshold: 'HIGH' } },
        },
        'eu-west-2': { account: { productionAccessEnabled: true, autoValidation: { enabled: false } } },
        'eu-west-3': { account: { productionAccessEnabled: true } },
      },
    });
  });
  after(() => api?.stop());
  const account = (region: string) =>
    getAccountInfo(new SESv2Client({ region, endpoint: api.endpoint, credentials: CREDENTIALS, maxAttempts: 1 }));
  const suppression = {
    identity: async () => undefined,
    suppressed: async (_r: string, a: string) => (a === 'gone@example.org' ? { reason: 'BOUNCE' } : undefined),
  };

  test('GetAccount reports the setting: on with its threshold, off, or not at all', async () => {
    const on = await account('eu-west-1');
    assert.ok(on.available);
    assert.deepEqual(on.autoValidation, { enabled: true, threshold: 'HIGH' });
    const off = await account('eu-west-2');
    assert.ok(off.available);
    assert.deepEqual(off.autoValidation, { enabled: false, threshold: undefined });
    const absent = await account('eu-west-3');
    assert.ok(absent.available && absent.autoValidation === undefined);
  });

  test('on: a recipient that is not suppressed passes that check and is warned about Auto Validation', async () => {
    const a = await account('eu-west-1');
    assert.ok(a.available);
    const findings = await recipientFindings(
      suppression,
      'eu-west-1',
      ['new@example.org'],
      false,
      undefined,
      a.autoValidation,
    );
    assert.deepEqual(
      findings.map((f) => `${f.verdict}:${f.cause ?? ''}`),
      ['pass:', 'warn:auto-validation'],
    );
    assert.equal(
      findings[1].title,
      'Auto Validation is on for the account in eu-west-1 (threshold HIGH): SES may still drop new@example.org if it scores it below the threshold, though it is not on the suppression list.',
    );
  });

  test('near misses: off or unreported adds nothing; a suppressed recipient or the simulator is not warned', async () => {
    for (const region of ['eu-west-2', 'eu-west-3']) {
      const a = await account(region);
      assert.ok(a.available);
      const findings = await recipientFindings(
        suppression,
        region,
        ['new@example.org'],
        false,
        undefined,
        a.autoValidation,
      );
      assert.deepEqual(
        findings.map((f) => f.verdict),
        ['pass'],
        region,
      );
    }
    const on = { enabled: true, threshold: 'HIGH' };
    const suppressed = await recipientFindings(suppression, 'eu-west-1', ['gone@example.org'], false, undefined, on);
    assert.deepEqual(
      suppressed.map((f) => f.cause),
      ['suppressed'],
    );
    const simulator = await recipientFindings(
      suppression,
      'eu-west-1',
      ['success@simulator.amazonses.com'],
      false,
      undefined,
      on,
    );
    assert.deepEqual(
      simulator.map((f) => f.verdict),
      ['pass'],
    );
  });
});
