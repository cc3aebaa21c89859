// Auto Validation in the Doctor's recipient check (#27): GetAccount's SuppressionAttributes as the
// SES API peer serves them (REST-JSON, read by the SDK), then the recipient findings. An address
// that is not on the suppression list is no longer called reachable without a word when SES may
// drop it by its validation threshold. A configuration set's own setting (GetConfigurationSet's
// SuppressionOptions) overrides the account's for its mail, either way.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateConfigurationSetCommand,
  SESv2Client,
  type CreateConfigurationSetCommandInput,
} from '@aws-sdk/client-sesv2';
import { getAccountInfo, getConfigurationSetAutoValidation } from '../../../../src/engines/aws/ses';
import { recipientFindings } from '../../../../src/engines/doctor/sesAccount';
import { doctorAwsFrom } from '../../../../src/engines/doctor/awsPorts';
import { doctorChecks } from '../../../../src/engines/doctor/index';
import type { DoctorAws, DoctorInput, DoctorPorts, Finding } from '../../../../src/engines/doctor/types';
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

describe("Auto Validation of a configuration set: it overrides the account's for the set's mail", () => {
  let api: SesApiServer;
  let aws: DoctorAws;
  const clients: SESv2Client[] = [];
  const ses = (region: string): SESv2Client => {
    const c = new SESv2Client({ region, endpoint: api.endpoint, credentials: CREDENTIALS, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  const threshold = (enabled: 'ENABLED' | 'DISABLED', level?: 'MEDIUM' | 'HIGH' | 'MANAGED') => ({
    ValidationOptions: {
      ConditionThreshold: {
        ConditionThresholdEnabled: enabled,
        ...(level ? { OverallConfidenceThreshold: { ConfidenceVerdictThreshold: level } } : {}),
      },
    },
  });
  before(async () => {
    api = await startSesApiServer({
      accessKeyIds: [CREDENTIALS.accessKeyId],
      regions: {
        // The account: on in eu-west-1, off in eu-west-2.
        'eu-west-1': {
          account: { productionAccessEnabled: true, autoValidation: { enabled: true, threshold: 'HIGH' } },
        },
        'eu-west-2': { account: { productionAccessEnabled: true, autoValidation: { enabled: false } } },
      },
    });
    // Created the way SES takes them: CreateConfigurationSet with SuppressionOptions.
    const sets: Array<[string, string, Omit<CreateConfigurationSetCommandInput, 'ConfigurationSetName'>]> = [
      ['eu-west-1', 'strict-off', { SuppressionOptions: threshold('DISABLED') }],
      ['eu-west-1', 'inherits', {}],
      ['eu-west-2', 'strict-on', { SuppressionOptions: threshold('ENABLED', 'MEDIUM') }],
      ['eu-west-2', 'list-only', { SuppressionOptions: { SuppressedReasons: ['BOUNCE'] } }],
    ];
    for (const [region, name, options] of sets)
      await ses(region).send(new CreateConfigurationSetCommand({ ConfigurationSetName: name, ...options }));
    aws = doctorAwsFrom({
      iam: { send: () => Promise.reject(new Error('not used')) },
      ses,
      sts: { region: 'eu-west-1', endpoint: api.endpoint, credentials: async () => CREDENTIALS },
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await api?.stop();
  });

  test("GetConfigurationSet through the SDK: the set's own setting, none, or no such set", async () => {
    assert.deepEqual(await getConfigurationSetAutoValidation(ses('eu-west-2'), 'strict-on'), {
      autoValidation: { enabled: true, threshold: 'MEDIUM' },
    });
    assert.deepEqual(await getConfigurationSetAutoValidation(ses('eu-west-1'), 'strict-off'), {
      autoValidation: { enabled: false, threshold: undefined },
    });
    assert.deepEqual(await getConfigurationSetAutoValidation(ses('eu-west-1'), 'inherits'), {});
    assert.deepEqual(await getConfigurationSetAutoValidation(ses('eu-west-2'), 'list-only'), {});
    assert.equal(await getConfigurationSetAutoValidation(ses('eu-west-1'), 'nope'), undefined);
  });

  /** The Doctor's recipient check for one recipient, as the Doctor builds it. */
  async function recipientCheck(region: string, configurationSet?: string): Promise<Finding[]> {
    const input: DoctorInput = {
      host: `email-smtp.${region}.amazonaws.com`,
      port: 587,
      tls: 'starttls',
      username: 'AKIAIOSFODNN7EXAMPLE',
      password: 'unused',
      region,
      from: 'sender@example.com',
      to: ['new@example.org'],
      aws: true,
      ...(configurationSet ? { configurationSet } : {}),
    };
    const ports = {
      login: () => Promise.reject(new Error('not used')),
      aws,
      dns: () => Promise.reject(new Error('not used')),
    } as unknown as DoctorPorts;
    const check = doctorChecks(input, ports).find((c) => c.check === 'recipient');
    assert.ok(check, 'the Doctor has a recipient check when a recipient is given');
    return check.run(AbortSignal.timeout(20_000));
  }

  test("the set's ENABLED wins over the account's off: warned, naming the set and its threshold", async () => {
    const findings = await recipientCheck('eu-west-2', 'strict-on');
    const warn = findings.find((f) => f.cause === 'auto-validation');
    assert.ok(warn, JSON.stringify(findings));
    assert.equal(
      warn.title,
      'Auto Validation is on for the configuration set strict-on in eu-west-2 (threshold MEDIUM): SES may still drop new@example.org if it scores it below the threshold, though it is not on the suppression list.',
    );
    assert.deepEqual(warn.evidence, ['GetConfigurationSet: Auto Validation ENABLED, confidence threshold MEDIUM']);
  });
  test("the set's DISABLED wins over the account's on: no warning", async () => {
    const findings = await recipientCheck('eu-west-1', 'strict-off');
    assert.ok(!findings.some((f) => f.cause === 'auto-validation'), JSON.stringify(findings));
  });
  test("near misses: a set without its own setting, or none given, follows the account's", async () => {
    const inherits = await recipientCheck('eu-west-1', 'inherits');
    assert.match(
      inherits.find((f) => f.cause === 'auto-validation')?.title ?? '',
      /^Auto Validation is on for the account in eu-west-1 \(threshold HIGH\)/,
    );
    const none = await recipientCheck('eu-west-1');
    assert.match(none.find((f) => f.cause === 'auto-validation')?.title ?? '', /for the account in eu-west-1/);
    const listOnly = await recipientCheck('eu-west-2', 'list-only');
    assert.ok(!listOnly.some((f) => f.cause === 'auto-validation'), 'the account is off and the set has no setting');
    const unknownSet = await recipientCheck('eu-west-1', 'nope');
    assert.match(unknownSet.find((f) => f.cause === 'auto-validation')?.title ?? '', /for the account/);
  });
});
