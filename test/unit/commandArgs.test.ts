// Command arguments (issue #13): every field of every command's argument object gets bad values
// that must be refused with a message naming the field and why, and near misses that must pass.
// The bad-value table (commandArgsCases.ts) is keyed by the kind of field; each command's schema says which
// fields it has, so a new field without bad-value cases fails the coverage test below.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_SCHEMAS, validateCommandArgs, type ArgsCheck } from '../../src/commandArgs';
import { LIMITS } from '../../src/base/fields';
import { MB, KEY, PASSWORD, SECRET, hostOfLength, BAD, kindOf, escape, type Case, cases } from './commandArgsCases';

function check(c: Case): ArgsCheck {
  return validateCommandArgs(c.command, c.args, {});
}

describe('command arguments: bad inputs are refused with the field and the reason', () => {
  test('at least 200 bad inputs across every command', () => {
    assert.ok(cases.length >= 200, `${cases.length} cases`);
    const commands = new Set(cases.map((c) => c.command));
    for (const command of Object.keys(COMMAND_SCHEMAS))
      assert.ok(commands.has(command), `${command} has bad-input cases`);
  });
  test('every field of every schema has bad values', () => {
    for (const [command, schema] of Object.entries(COMMAND_SCHEMAS)) {
      for (const field of Object.keys(schema.fields)) {
        const kinds = kindOf(command, field);
        assert.ok(kinds.length > 0 && kinds.every((k) => BAD[k]?.length), `${command} ${field} has no bad-value kind`);
      }
    }
  });
  for (const c of cases) {
    test(c.name, () => {
      const out = check(c);
      assert.equal(out.ok, false, `accepted: ${JSON.stringify(out).slice(0, 200)}`);
      if (out.ok) return;
      assert.match(out.message, c.reason);
      if (c.field !== undefined) {
        assert.equal(out.field, c.field);
        assert.match(out.message, new RegExp(`^Arguments? "${escape(c.field)}"`));
      }
      assert.ok(out.message.length < 600, `a readable message, not ${out.message.length} characters`);
    });
  }
});

describe('command arguments: near misses are accepted', () => {
  const host253 = hostOfLength(253);
  const accepted: Array<[name: string, command: string, args: unknown]> = [
    ['a 253-character host', 'sesSmtpToolkit.checkLogin', { host: host253 }],
    ['a 253-character host with a trailing dot', 'sesSmtpToolkit.checkLogin', { host: `${host253}.` }],
    ['a 63-character label', 'sesSmtpToolkit.checkLogin', { host: `${'a'.repeat(63)}.example.com` }],
    ['an IPv4 host', 'sesSmtpToolkit.checkLogin', { host: '127.0.0.1', port: 2587 }],
    ['localhost', 'sesSmtpToolkit.checkLogin', { host: 'localhost' }],
    ['an empty host (the region decides)', 'sesSmtpToolkit.credentials.add', { host: '', region: 'eu-west-1' }],
    ['timeoutSeconds 600', 'sesSmtpToolkit.checkLogin', { timeoutSeconds: 600 }],
    ['timeoutSeconds 1', 'sesSmtpToolkit.checkLogin', { timeoutSeconds: 1 }],
    ['timeoutSeconds 1.5', 'sesSmtpToolkit.credentials.check', { timeoutSeconds: 1.5 }],
    ['timeoutSeconds as a string', 'sesSmtpToolkit.checkLogin', { timeoutSeconds: '30' }],
    ['port 2587', 'sesSmtpToolkit.checkLogin', { port: 2587 }],
    ['port 2465 with implicit TLS', 'sesSmtpToolkit.checkLogin', { port: 2465, tls: 'implicit' }],
    ['port 1 and 65535', 'sesSmtpToolkit.sendTestEmail', { port: 1, to: 'a@example.com' }],
    ['port 65535', 'sesSmtpToolkit.credentials.add', { port: 65535 }],
    ['an empty filter (shows all)', 'sesSmtpToolkit.explorer.filterIdentities', { region: 'eu-west-1', filter: '' }],
    [
      'a record with a trailing dot',
      'sesSmtpToolkit.explorer.copyRecordValue',
      { region: 'eu-west-1', identity: { name: 'example.com' }, record: { type: 'MX', name: 'mail.example.com.' } },
    ],
    [
      'a CNAME record',
      'sesSmtpToolkit.explorer.copyRecordName',
      {
        region: 'eu-west-1',
        identity: { name: 'example.com' },
        record: { type: 'CNAME', name: 'x._domainkey.example.com' },
      },
    ],
    [
      'a burst at the limits',
      'sesSmtpToolkit.sendTestBurst',
      { credentialSet: 'p', count: 1000, rate: 0.1, poolSize: 20 },
    ],
    [
      'a burst of 1 at 1000/s, count as digits',
      'sesSmtpToolkit.sendTestBurst',
      { count: '1', rate: 1000, poolSize: 1 },
    ],
    [
      'a confirmed burst to a mailbox',
      'sesSmtpToolkit.sendTestBurst',
      { to: 'me@example.com', confirmNonSimulator: true },
    ],
    ['port 25', 'sesSmtpToolkit.credentials.add', { port: 25 }],
    ['port as digits', 'sesSmtpToolkit.credentials.add', { port: '587' }],
    [
      'a 20-character key and a 44-character password',
      'sesSmtpToolkit.checkLogin',
      { region: 'eu-west-1', username: KEY, password: PASSWORD },
    ],
    [
      'a padded key and password (cleaned later)',
      'sesSmtpToolkit.credentials.add',
      { username: ` ${KEY} `, password: ` ${PASSWORD} ` },
    ],
    ['a 320-character username', 'sesSmtpToolkit.checkLogin', { username: 'u'.repeat(320) }],
    ['a 512-character password', 'sesSmtpToolkit.checkLogin', { password: 'p'.repeat(512) }],
    ['a region with spaces around', 'sesSmtpToolkit.checkLogin', { region: ' us-east-1 ' }],
    [
      'an opt-in region not in the table',
      'sesSmtpToolkit.explorer.createIdentity',
      { region: 'me-central-1', identity: 'example.com' },
    ],
    ['another opt-in region', 'sesSmtpToolkit.explorer.retry', { region: 'ap-east-1' }],
    [
      'an upper-case region',
      'sesSmtpToolkit.generatePassword',
      { region: 'EU-WEST-1', accessKeyId: KEY, secretAccessKey: SECRET, showResult: false },
    ],
    ['a region SES may have opened since', 'sesSmtpToolkit.explorer.retry', { region: 'ap-southeast-7' }],
    ['GovCloud', 'sesSmtpToolkit.explorer.loadMore', { region: 'us-gov-west-1' }],
    ['an 80-character name', 'sesSmtpToolkit.credentials.add', { name: 'n'.repeat(80) }],
    [
      'a name with spaces around',
      'sesSmtpToolkit.credentials.rename',
      { credentialSet: 'prod', newName: '  prod eu-west-1  ' },
    ],
    [
      'a named From',
      'sesSmtpToolkit.sendTestEmail',
      { from: 'Jane Doe <jane@example.com>', to: 'success@simulator.amazonses.com' },
    ],
    [
      'a quoted name with a comma',
      'sesSmtpToolkit.sendTestEmail',
      { from: '"Doe, Jane" <jane@example.com>', to: 'a@example.com' },
    ],
    ['a 64-character local part', 'sesSmtpToolkit.credentials.add', { from: `${'a'.repeat(64)}@example.com` }],
    ['a plus address on a long domain', 'sesSmtpToolkit.sendTestEmail', { to: 'a+tag@mail.sub.example.co.uk' }],
    [
      'cc as a string, bcc and replyTo as arrays',
      'sesSmtpToolkit.sendTestEmail',
      {
        to: 'a@example.com',
        cc: 'b@example.com; c@example.com',
        bcc: ['d@example.com'],
        replyTo: ['Replies <r@example.com>'],
      },
    ],
    ['an empty cc', 'sesSmtpToolkit.sendTestEmail', { to: 'a@example.com', cc: '' }],
    [
      'to, cc and bcc at 50 together',
      'sesSmtpToolkit.sendTestEmail',
      {
        to: Array.from({ length: 30 }, (_, i) => `t${i}@example.com`),
        cc: Array.from({ length: 10 }, (_, i) => `c${i}@example.com`),
        bcc: Array.from({ length: 10 }, (_, i) => `b${i}@example.com`),
      },
    ],
    [
      'tags at 256 characters and an SES feedback id',
      'sesSmtpToolkit.sendTestEmail',
      {
        tags: [
          { name: 'n'.repeat(256), value: 'v'.repeat(256) },
          { name: 'ses:feedback-id-b', value: 'shop_1' },
        ],
      },
    ],
    ['a 64-character configuration set', 'sesSmtpToolkit.sendTestEmail', { configurationSet: `${'s'.repeat(62)}_-` }],
    [
      'X-SESSION and Contents headers (near misses of reserved prefixes)',
      'sesSmtpToolkit.sendTestEmail',
      {
        headers: [
          { name: 'X-SESSION', value: '1' },
          { name: 'Contents', value: 'x' },
        ],
      },
    ],
    [
      'ARNs in the China and GovCloud partitions',
      'sesSmtpToolkit.sendTestEmail',
      {
        sourceArn: 'arn:aws-cn:ses:cn-north-1:123456789012:identity/example.com',
        fromArn: 'arn:aws-us-gov:ses:us-gov-west-1:123456789012:identity/a@example.com',
      },
    ],
    [
      'an attachment with a file name and a content type',
      'sesSmtpToolkit.sendTestEmail',
      {
        attachments: [
          { path: 'C:\\Users\\me\\report.pdf', filename: 'report 2026.pdf', contentType: 'application/pdf' },
        ],
      },
    ],
    [
      'a raw message with LF line endings',
      'sesSmtpToolkit.sendTestEmail',
      { to: 'a@example.com', raw: 'From: a@example.com\nSubject: x\n\nbody\n' },
    ],
    [
      '50 recipients',
      'sesSmtpToolkit.sendTestEmail',
      { to: Array.from({ length: 50 }, (_, i) => `r${i}@example.com`) },
    ],
    [
      'recipients in one string',
      'sesSmtpToolkit.sendTestEmail',
      { to: 'a@example.com; "B, C" <b@example.com>, d@example.com' },
    ],
    [
      'a 998-character subject and an empty one',
      'sesSmtpToolkit.sendTestEmail',
      { to: 'a@example.com', subject: 's'.repeat(998) },
    ],
    ['an empty subject', 'sesSmtpToolkit.sendTestEmail', { to: 'a@example.com', subject: '' }],
    ['a body of 10 MB', 'sesSmtpToolkit.sendTestEmail', { to: 'a@example.com', text: 'x'.repeat(10 * MB) }],
    [
      'a multi-line body and HTML',
      'sesSmtpToolkit.sendTestEmail',
      { to: 'a@example.com', text: 'a\r\nb\n', html: '<p>a</p>\n' },
    ],
    [
      'a view-item-like set',
      'sesSmtpToolkit.sendTestEmail',
      { set: { id: 'abc', name: 'prod', username: KEY, port: 587 } },
    ],
    ['profile null (the default chain)', 'sesSmtpToolkit.explorer.choose', { profile: null, regions: ['eu-west-1'] }],
    [
      '50 regions',
      'sesSmtpToolkit.explorer.choose',
      { profile: 'e2e', regions: Array.from({ length: 50 }, () => 'eu-west-1') },
    ],
    ['an empty profile', 'sesSmtpToolkit.credentials.createIamUser', { profile: '' }],
    ['rotate: keep the old key', 'sesSmtpToolkit.credentials.rotate', { credentialSet: 'prod', deleteOldKey: 'never' }],
    ['rotate: wait 5 s', 'sesSmtpToolkit.credentials.rotate', { maxWaitSeconds: 5, updateEnvFiles: false }],
    ['rotate: leave the linked secret', 'sesSmtpToolkit.credentials.rotate', { updateLinkedSecret: false }],
    ['rotate: wait 300 s as a string', 'sesSmtpToolkit.credentials.rotate', { maxWaitSeconds: '300' }],
    ['delete old key without a question', 'sesSmtpToolkit.credentials.deleteOldKey', { confirm: false }],
    ['a 64-character IAM user name', 'sesSmtpToolkit.credentials.createIamUser', { userName: 'u'.repeat(64) }],
    ['no From patterns', 'sesSmtpToolkit.credentials.createIamUser', { fromPatterns: [] }],
    [
      'From patterns as a string with an empty entry',
      'sesSmtpToolkit.credentials.createIamUser',
      { fromPatterns: '*@example.com, ,noreply@example.org' },
    ],
    ['an absolute Windows path', 'sesSmtpToolkit.writeEnv', { file: 'C:\\app\\.env' }],
    [
      'a file URI and block 0',
      'sesSmtpToolkit.env.checkBlock',
      { uri: 'file:///home/me/app/.env', block: 0, diagnose: true },
    ],
    ['block 999', 'sesSmtpToolkit.env.import', { file: '/app/.env', block: 999, onProblem: 'as-typed' }],
    ['a convention id with a hyphen', 'sesSmtpToolkit.writeEnv', { convention: 'nodemailer-url' }],
    [
      'an address identity',
      'sesSmtpToolkit.explorer.createIdentity',
      { region: 'eu-west-1', identity: 'noreply@example.com' },
    ],
    [
      'a domain identity with an underscore label',
      'sesSmtpToolkit.explorer.createIdentity',
      { identity: 'mail_1.example.com' },
    ],
    [
      'an address identity to send from',
      'sesSmtpToolkit.explorer.sendTestEmail',
      { region: 'eu-west-1', identity: { name: 'noreply@example.com' } },
    ],
    [
      'a domain identity row to send from',
      'sesSmtpToolkit.explorer.sendTestEmail',
      { region: 'eu-west-1', identity: { name: 'example.com', type: 'DOMAIN' } },
    ],
    [
      'an identity item with more fields',
      'sesSmtpToolkit.explorer.checkDns',
      { region: 'eu-west-1', identity: { name: 'example.com', type: 'DOMAIN', status: 'SUCCESS' } },
    ],
    [
      'undefined fields count as left out',
      'sesSmtpToolkit.checkLogin',
      { host: undefined, region: 'eu-west-1', notify: undefined },
    ],
    ['an empty object', 'sesSmtpToolkit.showLog', {}],
    [
      'a null-prototype object',
      'sesSmtpToolkit.credentials.forgetAll',
      Object.assign(Object.create(null), { confirm: false }),
    ],
    // What the extension passes itself (CodeLens arguments, commands calling commands) and the e2e suite.
    ['the CodeLens argument', 'sesSmtpToolkit.env.checkBlock', { uri: 'file:///w/.env', block: 1 }],
    [
      'env.import calling credentials.add',
      'sesSmtpToolkit.credentials.add',
      {
        host: 'smtp.example.com',
        region: undefined,
        port: 587,
        tls: 'starttls',
        username: KEY,
        password: PASSWORD,
        name: '.env (generic)',
        from: undefined,
        onProblem: 'ask',
      },
    ],
    [
      'env.checkBlock calling checkLogin',
      'sesSmtpToolkit.checkLogin',
      {
        host: 'email-smtp.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        port: 465,
        tls: 'implicit',
        username: KEY,
        password: PASSWORD,
        notify: undefined,
      },
    ],
    [
      'e2e: add',
      'sesSmtpToolkit.credentials.add',
      {
        region: 'eu-west-1',
        host: '127.0.0.1',
        port: 2587,
        tls: 'starttls',
        username: KEY,
        from: 'sender@example.com',
        name: 'e2e local',
        password: PASSWORD,
      },
    ],
    [
      'e2e: createIamUser',
      'sesSmtpToolkit.credentials.createIamUser',
      {
        profile: 'e2e',
        region: 'eu-west-1',
        userName: 'ses-smtp-user.e2e',
        fromPatterns: ['*@example.com'],
        confirm: false,
      },
    ],
    [
      'e2e: writeEnv values',
      'sesSmtpToolkit.writeEnv',
      {
        file: '/w/.env',
        convention: 'laravel',
        values: {
          host: 'email-smtp.eu-west-1.amazonaws.com',
          port: 587,
          username: KEY,
          password: PASSWORD,
          from: 'noreply@example.com',
        },
        confirm: false,
      },
    ],
    [
      'e2e: generatePassword',
      'sesSmtpToolkit.generatePassword',
      { accessKeyId: KEY, secretAccessKey: SECRET, region: 'eu-central-1', showResult: false },
    ],
    [
      'e2e: sendTestEmail',
      'sesSmtpToolkit.sendTestEmail',
      { credentialSet: 'e2e local', to: 'success@simulator.amazonses.com', subject: 'from the command' },
    ],
    [
      'e2e: check',
      'sesSmtpToolkit.credentials.check',
      { credentialSet: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', notify: false },
    ],
    ['e2e: rename', 'sesSmtpToolkit.credentials.rename', { credentialSet: 'x', newName: 'sweep renamed' }],
    ['e2e: editSet', 'sesSmtpToolkit.credentials.editSet', { credentialSet: 'x', port: 2587, from: 'a@b.com' }],
    [
      'editSet, every field (any port for a relay, a new region with the key)',
      'sesSmtpToolkit.credentials.editSet',
      {
        credentialSet: 'relay',
        host: '127.0.0.1',
        port: 65535,
        region: 'eu-west-1',
        tls: 'implicit',
        from: 'a@b.com',
        secretAccessKey: SECRET,
      },
    ],
    [
      'editSet, host "" (the region endpoint again)',
      'sesSmtpToolkit.credentials.editSet',
      { credentialSet: 'x', host: '' },
    ],
    [
      'e2e: importCsv',
      'sesSmtpToolkit.credentials.importCsv',
      { file: '/tmp/e2e/credentials.csv', region: 'eu-west-1', name: 'csv' },
    ],
    ['e2e: copy code', 'sesSmtpToolkit.credentials.copySendingCode', { credentialSet: 'csv', stack: 'nodemailer' }],
    ['importCsv, derive', 'sesSmtpToolkit.credentials.importCsv', { file: 'C:\\x.csv', onProblem: 'derive' }],
    ['copy code, a convention', 'sesSmtpToolkit.credentials.copySendingCode', { stack: 'go', convention: 'laravel' }],
    [
      'import from Secrets Manager, every field',
      'sesSmtpToolkit.credentials.importSecretsManager',
      {
        profile: '',
        region: 'eu-west-1',
        secretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:ses/smtp/prod-AbCdEf',
        name: 'prod',
        mapping: { username: 'SMTP_USER', password: 'SMTP_PASS', host: 'smtp.host', port: 'port' },
        username: KEY,
        smtpRegion: 'eu-central-1',
        onProblem: 'derive',
      },
    ],
    [
      'import from SSM, a path and an ARN',
      'sesSmtpToolkit.credentials.importParameterStore',
      { region: 'us-east-1', parameter: '/ses/smtp/prod_v2.json', mapping: { password: 'x' } },
    ],
    [
      'import from SSM by ARN',
      'sesSmtpToolkit.credentials.importParameterStore',
      { parameter: 'arn:aws:ssm:us-east-1:123456789012:parameter/ses/smtp' },
    ],
    [
      'export with a KMS alias and keys',
      'sesSmtpToolkit.credentials.exportSecretsManager',
      {
        credentialSet: 'prod',
        secretName: 'ses/smtp/prod+1=@x.y-z',
        kmsKeyId: 'alias/ses-smtp',
        keys: { username: 'MAIL_USERNAME', password: 'MAIL_PASSWORD' },
        overwrite: true,
      },
    ],
    [
      'export with a KMS key id and a convention',
      'sesSmtpToolkit.credentials.exportSecretsManager',
      { secretName: 's'.repeat(512), kmsKeyId: '1234abcd-12ab-34cd-56ef-1234567890ab', convention: 'laravel' },
    ],
    [
      'export with a KMS key ARN',
      'sesSmtpToolkit.credentials.exportSecretsManager',
      { kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    ],
    ['e2e: delete', 'sesSmtpToolkit.credentials.delete', { credentialSet: 'x', confirm: false }],
    [
      'e2e: trustCertificate',
      'sesSmtpToolkit.credentials.trustCertificate',
      { credentialSet: 'x', allow: true, confirm: false },
    ],
    [
      'e2e: createIdentity',
      'sesSmtpToolkit.explorer.createIdentity',
      { region: 'eu-north-1', identity: 'new@example.net' },
    ],
    ['e2e: retry', 'sesSmtpToolkit.explorer.retry', { region: 'ap-south-1' }],
    [
      'e2e: upgradeDkimKey',
      'sesSmtpToolkit.explorer.upgradeDkimKey',
      { region: 'eu-central-1', identity: { name: 'legacy.example.com' }, confirm: false },
    ],
  ];
  for (const [name, command, args] of accepted) {
    test(name, () => {
      const out = validateCommandArgs(command, args, {});
      assert.ok(out.ok, `refused: ${out.ok ? '' : out.message}`);
    });
  }

  test('the handler gets a copy of the checked own fields, not the caller object', () => {
    const args = Object.assign(Object.create(null), { username: KEY, host: undefined });
    const out = validateCommandArgs('sesSmtpToolkit.checkLogin', args);
    assert.ok(out.ok);
    if (out.ok) {
      assert.notEqual(out.args, args);
      assert.deepEqual(out.args, { username: KEY });
      assert.equal(Object.getPrototypeOf(out.args), Object.prototype);
    }
    const nested = { to: ['a@example.com'] };
    const copied = validateCommandArgs('sesSmtpToolkit.sendTestEmail', nested);
    assert.ok(copied.ok && (copied.args as { to: unknown }).to !== nested.to, 'arrays are copied too');
  });

  test('a view item (a class instance from a menu) is handed on as it is', () => {
    class RegionItem {
      region = 'eu-west-1';
      label = 'eu-west-1';
    }
    const node = new RegionItem();
    const item = validateCommandArgs('sesSmtpToolkit.explorer.retry', node);
    assert.ok(item.ok && item.args === node);
  });

  test('an own "__proto__" key is refused and pollutes nothing', () => {
    const out = validateCommandArgs(
      'sesSmtpToolkit.checkLogin',
      JSON.parse('{"__proto__": {"polluted": true}, "region": "eu-west-1"}'),
    );
    assert.equal(out.ok, false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('no argument, null, and commands without a schema', () => {
    assert.deepEqual(validateCommandArgs('sesSmtpToolkit.checkLogin', undefined), { ok: true, args: undefined });
    assert.deepEqual(validateCommandArgs('sesSmtpToolkit.checkLogin', null), { ok: true, args: undefined });
    assert.deepEqual(validateCommandArgs('someone.else', 42), { ok: true, args: 42 });
  });

  test('extra regions from settings count', () => {
    assert.ok(
      validateCommandArgs(
        'sesSmtpToolkit.explorer.retry',
        { region: 'me-central-1' },
        { extraRegions: ['me-central-1'] },
      ).ok,
    );
  });
});

describe('the schema table matches package.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { commands: Array<{ command: string }> };
  };
  const ids = pkg.contributes.commands.map((c) => c.command);
  test('every contributed command has a schema', () => {
    for (const id of ids)
      assert.ok(Object.prototype.hasOwnProperty.call(COMMAND_SCHEMAS, id), `${id} has no schema in src/commandArgs.ts`);
  });
  test('every schema belongs to a contributed command', () => {
    for (const id of Object.keys(COMMAND_SCHEMAS)) assert.ok(ids.includes(id), `${id} is not in package.json`);
  });
  test('the limits are the documented ones', () => {
    assert.equal(LIMITS.host, 253);
    assert.equal(LIMITS.hostLabel, 63);
    assert.deepEqual(LIMITS.timeoutSeconds, { min: 1, max: 600 });
  });
});
