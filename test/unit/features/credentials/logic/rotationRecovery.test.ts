import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLOCK_SLACK_MS,
  describeJournal,
  parseJournal,
  recover,
  recoveryPlan,
} from '../../../../../src/features/credentials/logic/rotationRecovery';
import type { RotationJournal } from '../../../../../src/features/credentials/logic/rotationTypes';
import { combinedPreview, maskSecrets, rotateEnvText } from '../../../../../src/features/credentials/logic/rotationEnv';
import { encodeUrlPart } from '../../../../../src/engines/envfile/conventions';
import { deriveSmtpPassword } from '../../../../../src/base/password';
import { keyAgeDays, maxKeyAgeDays, withKeyAge } from '../../../../../src/features/credentials/logic/keyAge';
import { credentialRow } from '../../../../../src/features/credentials/logic/credentialRow';
import { harness, OLD_KEY, USER } from './rotationFakes';

const NEW_KEY = 'AKIANEWKEY0000000009';
const base: RotationJournal = {
  version: 1,
  setId: 'set-1',
  setName: 'prod',
  userName: USER,
  oldKeyId: OLD_KEY,
  newKeyId: NEW_KEY,
  step: 'key-created',
  at: '2026-06-01T12:00:05.000Z',
  startedAt: '2026-06-01T12:00:00.000Z',
};

describe('rotation journal', () => {
  test('a stored entry is read back with only its known fields (a stray field such as a secret is dropped)', () => {
    assert.deepEqual(parseJournal({ ...base, secretAccessKey: 'x'.repeat(40) }), base);
    const { newKeyId: _n, ...creating } = { ...base, step: 'creating-key' as const };
    assert.deepEqual(parseJournal(creating), creating);
    for (const linkedSecret of ['updated', 'declined', 'none'] as const) {
      const passed = { ...base, step: 'secret-updated' as const, linkedSecret };
      assert.deepEqual(parseJournal(passed), passed, linkedSecret);
    }
  });

  test('damaged entries are ignored', () => {
    assert.equal(parseJournal(undefined), undefined);
    assert.equal(parseJournal('text'), undefined);
    assert.equal(parseJournal({ ...base, version: 2 }), undefined);
    assert.equal(parseJournal({ ...base, step: 'half-done' }), undefined);
    assert.equal(parseJournal({ ...base, userName: '' }), undefined);
    assert.equal(parseJournal({ ...base, oldKeyId: 7 }), undefined);
    assert.equal(parseJournal({ ...base, newKeyId: '' }), undefined);
    assert.equal(parseJournal({ ...base, step: 'secret-updated', linkedSecret: 'failed' }), undefined);
    assert.equal(parseJournal({ ...base, step: 'secret-updated', linkedSecret: true }), undefined);
  });

  test('the log line names ids and the step, nothing else', () => {
    assert.equal(
      describeJournal(base),
      `rotation of "prod": user ${USER}, old key ${OLD_KEY}, new key ${NEW_KEY}, step key-created, since 2026-06-01`,
    );
  });
});

describe('recovery plan', () => {
  test('before the switch: roll back (the new key has no saved secret)', () => {
    const p = recoveryPlan(base, OLD_KEY);
    assert.equal(p.kind, 'roll-back');
    assert.match(p.message, /interrupted on 2026-06-01 12:00 UTC before the set was updated/);
    assert.match(p.message, /Roll Back deletes the new key AKIANEWKEY0000000009; the set keeps AKIAOLDKEY/);
    const creating = recoveryPlan({ ...base, step: 'creating-key', newKeyId: undefined }, OLD_KEY);
    assert.equal(creating.kind, 'roll-back');
    assert.match(creating.message, /deletes any key created for ses-smtp-user\.app since then/);
  });

  test('after the switch with the set on the new key: finish, saying what is left', () => {
    const steps = [
      [
        'set-updated',
        /update the \.env files and the linked secret that still hold the old key, set the old key Inactive/,
      ],
      [
        'env-updated',
        /Finish will update the linked secret \(if the set has one\), set the old key Inactive \(AKIAOLDKEY/,
      ],
      ['secret-updated', /Finish will set the old key Inactive \(AKIAOLDKEY/],
      ['old-key-inactive', /decide what happens to the Inactive old key/],
    ] as const;
    for (const [step, said] of steps) {
      const p = recoveryPlan({ ...base, step }, NEW_KEY);
      assert.equal(p.kind, 'finish', step);
      assert.match(p.message, said);
    }
  });

  test('after the switch but the set is gone or holds another key: nothing automatic', () => {
    assert.equal(recoveryPlan({ ...base, step: 'set-updated' }, undefined).kind, 'forget');
    assert.match(recoveryPlan({ ...base, step: 'set-updated' }, undefined).message, /the set is gone/);
    const other = recoveryPlan({ ...base, step: 'env-updated' }, 'AKIASOMEOTHERKEY0001');
    assert.equal(other.kind, 'forget');
    assert.match(other.message, /no longer uses the new key/);
  });
});

describe('recover', () => {
  test('roll back: the new key is deleted, the journal cleared', async () => {
    const h = harness();
    const created = await h.iam.createAccessKey(USER);
    await h.journal.save({ ...base, newKeyId: created.id });
    const out = await recover(h.ports, { ...base, newKeyId: created.id }, OLD_KEY);
    assert.deepEqual(out, { kind: 'roll-back', deleted: [created.id] });
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Active`]);
    assert.equal(h.journal.entries.size, 0);
  });

  test('roll back when the key is already gone counts as done', async () => {
    const h = harness();
    const out = await recover(h.ports, base, OLD_KEY);
    assert.deepEqual(out.deleted, [NEW_KEY]);
  });

  test('roll back of a key being created: keys since the start (minus clock slack) go; older ones stay', async () => {
    const h = harness();
    const keys = h.iam.keys.get(USER)!;
    const start = Date.parse(base.startedAt);
    keys.push({ id: 'AKIAJUSTINSLACK00001', status: 'Active', created: new Date(start - CLOCK_SLACK_MS), secret: 'a' });
    keys.push({
      id: 'AKIATOOOLD0000000001',
      status: 'Active',
      created: new Date(start - CLOCK_SLACK_MS - 1000),
      secret: 'b',
    });
    const out = await recover(h.ports, { ...base, step: 'creating-key', newKeyId: undefined }, OLD_KEY);
    assert.deepEqual(out.deleted, ['AKIAJUSTINSLACK00001']);
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Active`, 'AKIATOOOLD0000000001:Active']);
  });

  test('finish from set-updated: .env offered, old key Inactive, journal cleared', async () => {
    const h = harness({
      env: [{ file: '/w/.env', before: 'a', after: 'b' }],
      oldKeyAction: 'later',
    });
    await h.iam.createAccessKey(USER);
    const j = { ...base, newKeyId: 'AKIANEWKEY0000000001', step: 'set-updated' as const };
    await h.journal.save(j);
    const out = await recover(h.ports, j, 'AKIANEWKEY0000000001', 'the-set-password');
    assert.equal(out.kind, 'finish');
    assert.deepEqual(out.result?.envFiles, ['/w/.env']);
    assert.deepEqual(h.iam.ids(), [`${OLD_KEY}:Inactive`, 'AKIANEWKEY0000000001:Active']);
    assert.equal(h.journal.entries.size, 0);
  });

  test('finish without the set password is refused', async () => {
    const h = harness();
    await assert.rejects(
      recover(h.ports, { ...base, step: 'env-updated' }, NEW_KEY),
      /password of "prod" is missing, so the rotation cannot be finished/,
    );
  });

  test('forget only clears the journal', async () => {
    const h = harness();
    await h.journal.save({ ...base, step: 'env-updated' });
    const out = await recover(h.ports, { ...base, step: 'env-updated' }, undefined);
    assert.deepEqual(out, { kind: 'forget', deleted: [] });
    assert.deepEqual(h.iam.calls, []);
    assert.equal(h.journal.entries.size, 0);
  });
});

const NEW_PW = deriveSmtpPassword('newSecretKeyxxxxxxxxxxxxxxxxxxxxxxxxxxx1', 'eu-west-1');
const OLD_PW = deriveSmtpPassword('oldSecretKeyxxxxxxxxxxxxxxxxxxxxxxxxxxx1', 'eu-west-1');

describe('.env files in a rotation', () => {
  test('the block with the old username gets the new username and password; its quoting and the rest stay', () => {
    const text = `# mail\nSMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_USER="${OLD_KEY}"\nSMTP_PASSWORD="${OLD_PW}"\nOTHER=1\n`;
    const r = rotateEnvText(text, OLD_KEY, NEW_KEY, NEW_PW);
    assert.equal(
      r.after,
      `# mail\nSMTP_HOST=email-smtp.eu-west-1.amazonaws.com\nSMTP_USER="${NEW_KEY}"\nSMTP_PASSWORD="${NEW_PW}"\nOTHER=1\n`,
    );
    assert.deepEqual(r.conventions, ['generic']);
    assert.equal(r.strayMentions, false);
  });

  test('near miss: a block of another username is left alone', () => {
    const text = `SMTP_USER=AKIAANOTHERUSER00001\nSMTP_PASSWORD=${OLD_PW}\n`;
    assert.equal(rotateEnvText(text, OLD_KEY, NEW_KEY, NEW_PW).after, undefined);
  });

  test('a URL block gets a new URL with the password encoded; host, port and scheme stay', () => {
    const text = `SMTP_URL=smtps://${OLD_KEY}:${encodeUrlPart(OLD_PW)}@email-smtp.eu-west-1.amazonaws.com:465\n`;
    const r = rotateEnvText(text, OLD_KEY, NEW_KEY, NEW_PW);
    assert.equal(
      r.after,
      `SMTP_URL=smtps://${NEW_KEY}:${encodeUrlPart(NEW_PW)}@email-smtp.eu-west-1.amazonaws.com:465\n`,
    );
  });

  test('Laravel and Django keys; the old key elsewhere (an SDK key) is reported, not changed', () => {
    const text = `MAIL_MAILER=smtp\nMAIL_USERNAME=${OLD_KEY}\nMAIL_PASSWORD=${OLD_PW}\nAWS_ACCESS_KEY_ID=${OLD_KEY}\n`;
    const r = rotateEnvText(text, OLD_KEY, NEW_KEY, NEW_PW);
    assert.match(r.after!, new RegExp(`MAIL_USERNAME=${NEW_KEY}\n`));
    assert.match(r.after!, new RegExp(`AWS_ACCESS_KEY_ID=${OLD_KEY}\n`));
    assert.equal(r.strayMentions, true);
    const django = `EMAIL_HOST_USER=${OLD_KEY}\r\nEMAIL_HOST_PASSWORD=${OLD_PW}\r\n`;
    assert.equal(
      rotateEnvText(django, OLD_KEY, NEW_KEY, NEW_PW).after,
      `EMAIL_HOST_USER=${NEW_KEY}\r\nEMAIL_HOST_PASSWORD=${NEW_PW}\r\n`,
    );
  });

  test("a block of another region gets that region's password; without one at hand it is left alone", () => {
    const text = `SMTP_HOST=email-smtp.us-east-1.amazonaws.com\nSMTP_USER=${OLD_KEY}\nSMTP_PASSWORD=${OLD_PW}\n`;
    const east = 'east-password';
    const r = rotateEnvText(text, OLD_KEY, NEW_KEY, NEW_PW, [], 'auto', {
      set: 'eu-west-1',
      passwordFor: (region) => (region === 'us-east-1' ? east : 'wrong'),
    });
    assert.equal(
      r.after,
      `SMTP_HOST=email-smtp.us-east-1.amazonaws.com\nSMTP_USER=${NEW_KEY}\nSMTP_PASSWORD=${east}\n`,
    );
    const recovered = rotateEnvText(text, OLD_KEY, NEW_KEY, NEW_PW, [], 'auto', { set: 'eu-west-1' });
    assert.equal(recovered.after, undefined);
    assert.deepEqual(recovered.otherRegions, ['us-east-1']);
    // Near miss: the set's own region, and a block naming no region, get the set's password.
    const own = rotateEnvText(text.replace('us-east-1', 'eu-west-1'), OLD_KEY, NEW_KEY, NEW_PW, [], 'auto', {
      set: 'eu-west-1',
    });
    assert.match(own.after!, new RegExp(`SMTP_PASSWORD=${NEW_PW.replace(/[+/]/g, '\\$&')}\n`));
    const noRegion = rotateEnvText(`SMTP_USER=${OLD_KEY}\nSMTP_PASSWORD=x\n`, OLD_KEY, NEW_KEY, 'p', [], 'auto', {
      set: 'eu-west-1',
    });
    assert.equal(noRegion.after, `SMTP_USER=${NEW_KEY}\nSMTP_PASSWORD=p\n`);
  });

  test('the preview masks both passwords in every spelling, and any other SMTP password in the file', () => {
    const other = deriveSmtpPassword('thirdSecretKeyxxxxxxxxxxxxxxxxxxxxxxxxx1', 'us-east-1');
    const before = `SMTP_USER=${OLD_KEY}\nSMTP_PASSWORD=${OLD_PW}\nMAIL_USERNAME=AKIAANOTHERUSER00001\nMAIL_PASSWORD=${other}\nSMTP_URL=smtp://${OLD_KEY}:${encodeUrlPart(OLD_PW)}@h:587\n`;
    const after = rotateEnvText(before, OLD_KEY, NEW_KEY, NEW_PW).after!;
    const preview = combinedPreview([{ file: '.env', before, after }], { old: OLD_PW, new: NEW_PW });
    for (const s of [OLD_PW, NEW_PW, other, encodeUrlPart(OLD_PW), encodeUrlPart(NEW_PW)])
      assert.ok(!preview.includes(s), 'a password in the preview');
    assert.match(preview, /^# 1 \.env file will get the new SMTP username and password\./);
    assert.match(preview, new RegExp(`^-SMTP_USER=${OLD_KEY}$`, 'm'));
    assert.match(preview, new RegExp(`^\\+SMTP_USER=${NEW_KEY}$`, 'm'));
    assert.match(preview, /^-SMTP_PASSWORD=‹old password›$/m);
    assert.match(preview, /^\+SMTP_PASSWORD=‹new password›$/m);
    assert.match(preview, /^ MAIL_PASSWORD=••••••••$/m);
    assert.match(preview, /^\+SMTP_URL=smtp:\/\/AKIANEWKEY0000000009:‹new password›@h:587$/m);
    assert.equal(maskSecrets('a+b/c', ['a+b/c']), '••••••••');
  });
});

describe('key age in the credentials view', () => {
  const set = { id: 'i', name: 'prod', username: OLD_KEY, region: 'eu-west-1', port: 587, tls: 'starttls' as const };
  const now = new Date('2026-06-01T12:00:00Z');
  const daysAgo = (d: number): Date => new Date(now.getTime() - d * 86_400_000);

  test('whole days, never negative', () => {
    assert.equal(keyAgeDays(daysAgo(90.9), now), 90);
    assert.equal(keyAgeDays(new Date(now.getTime() + 5000), now), 0);
  });

  test('at the limit: age shown, no warning; one day past: warning icon and tooltip line before the legend', () => {
    const at = withKeyAge(credentialRow(set), { created: daysAgo(90), status: 'Active', userName: USER }, 90, now);
    assert.equal(at.tooOld, false);
    assert.equal(at.description, 'eu-west-1 · key 90 d');
    assert.match(at.tooltip, /\$\(history\) Key created 2026-03-03 \(90 days old; limit 90\)/);
    const past = withKeyAge(credentialRow(set), { created: daysAgo(91), status: 'Inactive', userName: USER }, 90, now);
    assert.equal(past.tooOld, true);
    assert.equal(past.description, 'eu-west-1 · key 91 d ⚠');
    assert.match(
      past.tooltip,
      /\$\(warning\) Key created 2026-03-02: \*\*91 days old\*\*, past the 90-day limit\. Rotate it/,
    );
    assert.match(past.tooltip, /It is \*\*Inactive\*\* in IAM\./);
    assert.ok(past.tooltip.indexOf('91 days old') < past.tooltip.indexOf('Icons:'), 'the legend stays last');
  });

  test('no creation date: the row is as it was', () => {
    const row = credentialRow(set);
    assert.deepEqual(withKeyAge(row, { status: 'Active', userName: USER }, 90, now), { ...row, tooOld: false });
  });

  test('the setting: a whole number of at least 1, else 90', () => {
    assert.equal(maxKeyAgeDays(1), 1);
    assert.equal(maxKeyAgeDays(365), 365);
    for (const bad of [0, -5, 1.5, '30', undefined, null]) assert.equal(maxKeyAgeDays(bad), 90, String(bad));
  });
});
