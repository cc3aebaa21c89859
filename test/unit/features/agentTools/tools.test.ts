// The language model tools' rules (src/features/agentTools/logic/tools.ts): the input check that
// refuses secrets, the masking of secret shapes form by form, the simulator-only rule, the result
// text of each tool for each branch, and package.json's declarations against the tool names.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkToolInput,
  describeResult,
  EFFECT_TOOLS,
  inputSummary,
  maskSecretShapes,
  resultText,
  simulatorOnlyProblem,
  TOOL,
} from '../../../../src/features/agentTools/logic/tools';
import { deriveSmtpPassword } from '../../../../src/base/password';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PASSWORD = deriveSmtpPassword(SECRET, 'eu-west-1');

describe('tool input', () => {
  test('a plain object of named inputs passes as it is', () => {
    assert.deepEqual(checkToolInput(TOOL.runDoctor, { credentialSet: 'prod' }), { credentialSet: 'prod' });
  });
  for (const key of ['password', 'smtpPassword', 'secretAccessKey', 'secret', 'pass', 'token'])
    test(`"${key}" is refused: tools never take a secret`, () => {
      assert.throws(() => checkToolInput(TOOL.checkLogin, { [key]: 'x' }), /never takes .*saved credential set/);
    });
  test('near misses pass: credentialSet, file, passage-free names', () => {
    assert.doesNotThrow(() => checkToolInput(TOOL.checkLogin, { credentialSet: 'a', file: '/w/.env', block: 0 }));
  });
  test('not an object: refused', () => {
    for (const bad of [undefined, null, 'prod', ['prod']])
      assert.throws(() => checkToolInput(TOOL.runDoctor, bad), /takes an object of named inputs/);
  });
});

describe('maskSecretShapes, form by form', () => {
  test('an IAM secret access key (40 characters) alone or in a sentence', () => {
    assert.equal(maskSecretShapes(SECRET), '********');
    assert.equal(maskSecretShapes(`key ${SECRET}.`), 'key ********.');
  });
  test('an SES SMTP password (44 characters, with or without the final =)', () => {
    assert.equal(maskSecretShapes(`pw ${PASSWORD} end`), 'pw ******** end');
    assert.equal(maskSecretShapes(`"${PASSWORD.slice(0, 43)}="`), '"********"');
  });
  test('password= and secret: assignments, quoted or not', () => {
    assert.equal(maskSecretShapes('SMTP_PASSWORD=hunter2 next'), 'SMTP_PASSWORD=******** next');
    assert.equal(maskSecretShapes('{"password": "hunter2"}'), '{"password": "********"}');
    assert.equal(maskSecretShapes("secretAccessKey: 'abc'"), "secretAccessKey: '********'");
  });
  test("a URL's user:password", () => {
    assert.equal(
      maskSecretShapes('smtp://AKIAEXAMPLE:p%40ss@email-smtp.eu-west-1.amazonaws.com:587'),
      'smtp://AKIAEXAMPLE:********@email-smtp.eu-west-1.amazonaws.com:587',
    );
  });
  test('near misses stay: a message id, an access key id, a 39- or 41-character token, a hex digest', () => {
    const kept = [
      '0100018c1234abcd-11111111-2222-3333-4444-555555555555-000000',
      'AKIAIOSFODNN7EXAMPLE',
      'a'.repeat(39),
      'b'.repeat(41),
      'f'.repeat(64),
      'password policy',
    ];
    for (const k of kept) assert.equal(maskSecretShapes(k), k, k);
  });
});

describe('simulator only', () => {
  test('simulator addresses, one or a list, pass', () => {
    assert.equal(simulatorOnlyProblem('success@simulator.amazonses.com'), undefined);
    assert.equal(
      simulatorOnlyProblem(['bounce@simulator.amazonses.com', 'complaint@simulator.amazonses.com']),
      undefined,
    );
  });
  test('a real mailbox is refused and named; a near miss of the domain too', () => {
    assert.match(simulatorOnlyProblem('me@example.com') ?? '', /me@example\.com is not one/);
    assert.match(simulatorOnlyProblem('x@simulator.amazonses.com.evil.example') ?? '', /is not one/);
  });
  test('no recipient: asks for one', () => {
    assert.match(simulatorOnlyProblem(undefined) ?? '', /give "to"/);
    assert.match(simulatorOnlyProblem('') ?? '', /give "to"/);
  });
});

describe('result text per tool and branch', () => {
  test('nothing done (declined, cancelled)', () => {
    assert.match(describeResult(TOOL.sendTestEmail, undefined), /nothing was done/);
  });
  test('Doctor: problems ranked with their fixes; none', () => {
    const text = describeResult(TOOL.runDoctor, {
      report: {
        findings: [
          { verdict: 'fail', title: 'The password is an IAM secret key', fix: 'Derive the SMTP password' },
          { verdict: 'pass', title: 'Port 587 open' },
          { verdict: 'warn', title: 'Sandbox' },
        ],
      },
    });
    assert.match(text, /found 2 problem\(s\)/);
    assert.match(
      text,
      /1\. \[fail\] The password is an IAM secret key — fix: Derive the SMTP password\n2\. \[warn\] Sandbox$/,
    );
    assert.match(
      describeResult(TOOL.runDoctor, { report: { findings: [{ verdict: 'pass' }] } }),
      /no problem \(1 checks/,
    );
  });
  test('login: success with the phase; failure with the phase, message and causes', () => {
    assert.equal(
      describeResult(TOOL.checkLogin, { ok: true, result: { phase: 'auth' } }),
      'The SMTP login succeeded (reached auth).',
    );
    const failed = describeResult(TOOL.checkLogin, {
      ok: false,
      result: { phase: 'auth', failure: { message: '535 Authentication Credentials Invalid' } },
      causes: [{ title: 'Password derived for another region', fix: 'Derive it for eu-west-1' }],
    });
    assert.match(
      failed,
      /failed at auth: 535 Authentication Credentials Invalid\.\n1\. Password derived for another region — fix: Derive it for eu-west-1/,
    );
  });
  test('explain: headline with the client, causes with fixes, next steps as tools; nothing to add', () => {
    const text = describeResult(TOOL.explainError, {
      headline: 'Amazon SES refused the login (535)',
      client: 'Python smtplib',
      causes: [{ title: 'IAM secret key used as the password', fix: 'Derive the SMTP password' }],
      actions: [
        { kind: 'doctor', region: 'eu-west-1' },
        { kind: 'checkLogin' },
        { kind: 'identity', identity: 'example.com', region: 'eu-west-1' },
        { kind: 'productionAccess' },
      ],
    });
    assert.match(
      text,
      /^Amazon SES refused the login \(535\) \(printed by Python smtplib\)\n1\. IAM secret key used as the password — fix: Derive the SMTP password\n/,
    );
    assert.match(
      text,
      /Next: sesSmtp_runDoctor with the credential set the app uses \(region eu-west-1\); sesSmtp_checkLogin .*; sesSmtp_identityStatus for example\.com in eu-west-1; the user requests production access in the SES console \(sesSmtp_accountStatus/,
    );
    assert.equal(
      describeResult(TOOL.explainError, { headline: 'Not an SES error', causes: [], actions: [] }),
      'Not an SES error',
    );
  });
  test('identity: found with missing records, all records in place, an address, not found', () => {
    const one = (recordsNeedingAttention?: string[]) => ({
      identity: 'example.com',
      identities: [
        {
          name: 'example.com',
          region: 'eu-west-1',
          verificationStatus: 'PENDING',
          dkimStatus: 'PENDING',
          sendingEnabled: false,
          recordsNeedingAttention,
        },
      ],
    });
    assert.match(
      describeResult(TOOL.identityStatus, one(['CNAME a._domainkey.example.com: missing'])),
      /verification PENDING, DKIM PENDING, sending disabled\.\nRecords needing attention: CNAME a\._domainkey/,
    );
    assert.match(describeResult(TOOL.identityStatus, one([])), /Every DNS record is in place/);
    assert.doesNotMatch(describeResult(TOOL.identityStatus, one(undefined)), /record/i);
    assert.match(
      describeResult(TOOL.identityStatus, { identity: 'x.example', regions: ['eu-west-1'], identities: [] }),
      /No SES identity covers x\.example in eu-west-1/,
    );
  });
  test('account: sandbox, production with sending disabled, unavailable', () => {
    assert.match(
      describeResult(TOOL.accountStatus, {
        region: 'eu-west-1',
        available: true,
        sandbox: true,
        sendingEnabled: true,
        max24HourSend: 200,
        sentLast24Hours: 3,
        maxSendRate: 1,
      }),
      /in the sandbox .* sending enabled, quota 200 per 24 h \(3 sent\), at most 1 per second/,
    );
    assert.match(
      describeResult(TOOL.accountStatus, {
        region: 'eu-west-1',
        available: true,
        sandbox: false,
        sendingEnabled: false,
        enforcementStatus: 'SHUTDOWN',
      }),
      /production access, sending DISABLED \(SHUTDOWN\)/,
    );
    assert.match(
      describeResult(TOOL.accountStatus, { region: 'eu-west-1', available: false, reason: 'no GetAccount' }),
      /could not be read: no GetAccount/,
    );
  });
  test('where is: per recipient with the last line; no event yet', () => {
    const text = describeResult(TOOL.whereIsMessage, {
      messageId: 'm1',
      region: 'eu-west-1',
      timeline: {
        recipients: [
          {
            recipient: 'bounce@simulator.amazonses.com',
            outcome: 'bounced',
            lines: ['10:00 Send', '10:01 Bounced (Permanent)'],
          },
        ],
      },
    });
    assert.match(text, /- bounce@simulator\.amazonses\.com: bounced \(10:01 Bounced \(Permanent\)\)/);
    assert.match(
      describeResult(TOOL.whereIsMessage, { messageId: 'm1', timeline: { recipients: [] } }),
      /no event yet/,
    );
  });
  test('send: accepted with the id; not accepted', () => {
    assert.match(
      describeResult(TOOL.sendTestEmail, { ok: true, messageId: 'm1' }),
      /accepted the test mail \(message id m1\)\. Use sesSmtp_whereIsMessage/,
    );
    assert.match(
      describeResult(TOOL.sendTestEmail, { ok: false, headline: '554 not verified' }),
      /not accepted: 554 not verified/,
    );
  });
  test('writeEnv: the key names only', () => {
    assert.equal(
      describeResult(TOOL.writeEnv, { keys: ['SMTP_HOST', 'SMTP_PASSWORD'] }),
      'The .env file was written: SMTP_HOST, SMTP_PASSWORD (values not shown).',
    );
  });
  test('the whole text adds the JSON, cut at 20,000 characters', () => {
    assert.match(resultText(TOOL.writeEnv, { keys: ['A'] }), /Result as JSON:\n\{\n "keys": \[/);
    assert.ok(resultText(TOOL.writeEnv, { keys: ['x'.repeat(30_000)] }).endsWith('…'));
  });
  test('input summary for the log and the confirmation', () => {
    assert.equal(inputSummary({ credentialSet: 'prod', block: 0 }), 'credentialSet: prod, block: 0');
  });
});

describe('package.json declares exactly these tools', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../../package.json'), 'utf8')) as {
    contributes: {
      languageModelTools: Array<{
        name: string;
        toolReferenceName: string;
        inputSchema: { properties: Record<string, unknown> };
        modelDescription: string;
      }>;
      languageModelToolSets: Array<{ tools: string[] }>;
    };
  };
  const declared = pkg.contributes.languageModelTools;
  test('the same names, each with a model description and an input schema without a secret field', () => {
    assert.deepEqual(declared.map((t) => t.name).sort(), Object.values(TOOL).sort());
    for (const t of declared) {
      assert.ok(t.modelDescription.length > 80, t.name);
      for (const key of Object.keys(t.inputSchema.properties))
        assert.doesNotThrow(() => checkToolInput(t.name, { [key]: 'x' }), `${t.name}.${key}`);
    }
  });
  test('the tool set lists every tool by its reference name; the effect tools are the two that send and write', () => {
    assert.deepEqual(
      [...pkg.contributes.languageModelToolSets[0].tools].sort(),
      declared.map((t) => t.toolReferenceName).sort(),
    );
    assert.deepEqual([...EFFECT_TOOLS].sort(), [TOOL.sendTestEmail, TOOL.writeEnv].sort());
  });
});
