// Restricted Mode (core/restricted.ts and package.json's capabilities): which commands run in an
// untrusted folder. Every command that calls AWS, connects to a server or writes a file is gated;
// only the listed read-only or local ones run; a command added later is gated until listed.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commandNeedsTrust } from '../../../src/base/restricted';
import { COMMAND } from '../../../src/base/commandIds';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  capabilities?: {
    untrustedWorkspaces?: { supported: unknown; description?: string; restrictedConfigurations?: string[] };
  };
  contributes: {
    configuration: { properties: Record<string, unknown> } | Array<{ properties: Record<string, unknown> }>;
  };
};

describe('Restricted Mode', () => {
  test('package.json declares limited support with the workspace-settable risky settings restricted', () => {
    const u = pkg.capabilities?.untrustedWorkspaces;
    assert.equal(u?.supported, 'limited');
    assert.ok(u?.description, 'a description says what works');
    assert.deepEqual([...(u?.restrictedConfigurations ?? [])].sort(), [
      'sesSmtpToolkit.aws.endpoint',
      'sesSmtpToolkit.dns.servers',
      'sesSmtpToolkit.env.customMapping',
    ]);
    const props = Array.isArray(pkg.contributes.configuration)
      ? Object.assign({}, ...pkg.contributes.configuration.map((c) => c.properties))
      : pkg.contributes.configuration.properties;
    for (const key of u?.restrictedConfigurations ?? []) assert.ok(key in props, `${key} is a setting`);
  });

  test('every command that calls AWS, connects to a server or writes a file needs trust', () => {
    for (const id of [
      COMMAND.writeEnv,
      COMMAND.env.confirmWrite,
      COMMAND.env.checkBlock,
      COMMAND.env.sendTestEmail,
      COMMAND.env.import,
      COMMAND.env.lookUpAccessKeys,
      COMMAND.checkLogin,
      COMMAND.sendTestEmail,
      COMMAND.sendTestBurst,
      COMMAND.runDoctor,
      COMMAND.credentials.check,
      COMMAND.credentials.diagnose,
      COMMAND.credentials.createIamUser,
      COMMAND.credentials.importCsv,
      COMMAND.credentials.importSecretsManager,
      COMMAND.credentials.importParameterStore,
      COMMAND.credentials.exportSecretsManager,
      COMMAND.credentials.rotate,
      COMMAND.credentials.deleteOldKey,
      COMMAND.credentials.trustCertificate,
      COMMAND.explorer.choose,
      COMMAND.explorer.refresh,
      COMMAND.explorer.createIdentity,
      COMMAND.explorer.deleteIdentity,
      COMMAND.explorer.checkDns,
      COMMAND.explorer.loadAll,
      COMMAND.explorer.loadMore,
      COMMAND.explorer.retry,
      COMMAND.explorer.upgradeDkimKey,
      COMMAND.explorer.sendTestEmail,
      // With {region, identity} these load the region's identities and records through SES.
      COMMAND.explorer.copyRecords,
      COMMAND.explorer.copyRecordsTable,
      COMMAND.explorer.copyRecordName,
      COMMAND.explorer.copyRecordValue,
      COMMAND.explorer.filterIdentities,
      COMMAND.explorer.showDkimParent,
    ])
      assert.equal(commandNeedsTrust(id), true, id);
  });

  test('local, read-only commands run untrusted', () => {
    for (const id of [
      COMMAND.generatePassword,
      COMMAND.showLog,
      COMMAND.env.cancelWrite,
      COMMAND.explorer.whyNoCredentials,
      COMMAND.explorer.openConsole,
      COMMAND.credentials.copyPassword,
    ])
      assert.equal(commandNeedsTrust(id), false, id);
  });

  test('an unknown (new) command needs trust until it is listed', () => {
    assert.equal(commandNeedsTrust('sesSmtpToolkit.somethingNew'), true);
  });
});
