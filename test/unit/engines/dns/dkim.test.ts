// DKIM as SES describes it per identity: the records (zone, BYODKIM, Deterministic Easy DKIM), the
// exact CNAME comparison with its near misses, the BYODKIM key check, and the display helpers.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import {
  judgeDkimCname,
  judgeDkimTxt,
  parseDkimOrigin,
  rsaKeyBits,
  keyBase64,
  publicKeyOfPrivate,
  DEFAULT_DKIM_ZONE,
} from '../../../../src/engines/dns/dkim';
import { domainRecords, identityRecords, recordsAsZone } from '../../../../src/engines/dns/records';
import { describeDkim, planDkimKeyUpgrade, keyBits, type DkimDetails } from '../../../../src/engines/dns/dkimDisplay';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';
const OTHER = 'zzzzefghijklmnopqrstuvwxyz234567';
const ZONE = 'dkim.eu-west-1.amazonses.example';
const DOMAIN = 'example.com';
const expected = { token: TOKEN, zone: ZONE, domain: DOMAIN };
const TARGET = `${TOKEN}.${ZONE}`;

function rsaKey(bits: number): {
  spki: string;
  pkcs1: string;
  pem: string;
  privatePkcs8: string;
  privatePkcs1Pem: string;
} {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return {
    spki: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    pkcs1: publicKey.export({ format: 'der', type: 'pkcs1' }).toString('base64'),
    pem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privatePkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    privatePkcs1Pem: privateKey.export({ format: 'pem', type: 'pkcs1' }).toString(),
  };
}
const K1024 = rsaKey(1024);
const K2048 = rsaKey(2048);
const K2048b = rsaKey(2048);

describe('the DKIM CNAME comparison (exact target, near misses told apart)', () => {
  test('the exact target passes', () => {
    assert.deepEqual(judgeDkimCname(expected, [TARGET]), {
      status: 'pass',
      verdict: 'exact',
      message: 'DKIM CNAME in place.',
    });
  });

  test('a trailing dot on the answer is not a difference', () => {
    assert.equal(judgeDkimCname(expected, [`${TARGET}.`]).verdict, 'exact');
  });

  test('upper case in the answer is not a difference', () => {
    assert.equal(judgeDkimCname(expected, [TARGET.toUpperCase()]).verdict, 'exact');
  });

  test('the zone from SES with a trailing dot and upper case still matches', () => {
    assert.equal(judgeDkimCname({ ...expected, zone: `${ZONE.toUpperCase()}.` }, [TARGET]).verdict, 'exact');
  });

  test('another token under the right zone: SES with the wrong token (an old record?)', () => {
    const j = judgeDkimCname(expected, [`${OTHER}.${ZONE}`]);
    assert.equal(j.status, 'wrong');
    assert.equal(j.verdict, 'wrong-token');
    assert.match(
      j.message,
      new RegExp(`points to SES with the wrong token: ${OTHER}\\.${ZONE.replace(/\./g, '\\.')} \\(an old record`),
    );
    assert.match(j.message, new RegExp(`expected CNAME ${TARGET.replace(/\./g, '\\.')}\\.$`));
  });

  test('a token that ends with the right token is another token, not a match', () => {
    assert.equal(judgeDkimCname(expected, [`x${TARGET}`]).verdict, 'wrong-token');
  });

  test('the right token under another SES zone (the old dkim.amazonses.com assumption)', () => {
    const j = judgeDkimCname(expected, [`${TOKEN}.${DEFAULT_DKIM_ZONE}`]);
    assert.equal(j.status, 'wrong');
    assert.equal(j.verdict, 'wrong-zone');
    assert.match(j.message, /SES signs this identity from dkim\.eu-west-1\.amazonses\.example/);
  });

  test('the domain appended by the DNS provider (value entered without a trailing dot)', () => {
    const j = judgeDkimCname(expected, [`${TARGET}.${DOMAIN}`]);
    assert.equal(j.status, 'wrong');
    assert.equal(j.verdict, 'appended-domain');
    assert.match(j.message, /appended example\.com .*trailing dot/);
  });

  test('the target followed by another name is elsewhere', () => {
    assert.equal(judgeDkimCname(expected, [`${TARGET}.evil.example`]).verdict, 'elsewhere');
  });

  test('a target elsewhere', () => {
    const j = judgeDkimCname(expected, ['somewhere.else.example']);
    assert.equal(j.verdict, 'elsewhere');
    assert.match(j.message, /points to somewhere\.else\.example, not to SES/);
  });

  test('nothing is missing, with the expected value', () => {
    const j = judgeDkimCname(expected, []);
    assert.equal(j.status, 'missing');
    assert.match(
      j.message,
      new RegExp(`No CNAME at ${TOKEN}\\._domainkey\\.example\\.com; expected CNAME ${TARGET.replace(/\./g, '\\.')}`),
    );
  });

  test('a CNAME chain that reaches the target passes, naming the chain', () => {
    const j = judgeDkimCname(expected, ['dkim1.proxy.example.net', TARGET]);
    assert.equal(j.status, 'pass');
    assert.equal(j.verdict, 'chain');
    assert.match(j.message, /through a chain \(abcd.*\._domainkey\.example\.com → dkim1\.proxy\.example\.net → abcd/);
  });

  test('a CNAME chain that ends at another token is the wrong token, with the way there', () => {
    const j = judgeDkimCname(expected, ['dkim1.proxy.example.net', `${OTHER}.${ZONE}`]);
    assert.equal(j.verdict, 'wrong-token');
    assert.match(j.message, /via dkim1\.proxy\.example\.net/);
  });

  test('a CNAME chain that ends elsewhere', () => {
    const j = judgeDkimCname(expected, ['a.example.net', 'b.example.net']);
    assert.equal(j.verdict, 'elsewhere');
    assert.match(j.message, /points to b\.example\.net \(via a\.example\.net\)/);
  });
});

describe('SigningAttributesOrigin', () => {
  test('Easy DKIM, BYODKIM and Deterministic Easy DKIM with the parent region', () => {
    assert.deepEqual(parseDkimOrigin('AWS_SES'), { mode: 'easy' });
    assert.deepEqual(parseDkimOrigin(undefined), { mode: 'easy' });
    assert.deepEqual(parseDkimOrigin('EXTERNAL'), { mode: 'byodkim' });
    assert.deepEqual(parseDkimOrigin('AWS_SES_US_EAST_1'), { mode: 'deterministic', parentRegion: 'us-east-1' });
    assert.deepEqual(parseDkimOrigin('AWS_SES_US_GOV_WEST_1'), {
      mode: 'deterministic',
      parentRegion: 'us-gov-west-1',
    });
    assert.deepEqual(parseDkimOrigin('AWS_SES_AP_SOUTHEAST_5'), {
      mode: 'deterministic',
      parentRegion: 'ap-southeast-5',
    });
  });
});

describe('DKIM records from what SES returned', () => {
  test("Easy DKIM points into the identity's SigningHostedZone", () => {
    const records = domainRecords('Example.com', 'eu-west-1', [TOKEN], undefined, {
      dkimOrigin: 'AWS_SES',
      dkimSigningHostedZone: `${ZONE.toUpperCase()}.`,
    });
    assert.deepEqual(records[0].name, `${TOKEN}._domainkey.example.com`);
    assert.equal(records[0].type, 'CNAME');
    assert.equal(records[0].value, TARGET);
    assert.match(records[0].note!, /signing zone SES returned/);
    assert.equal(records[0].dkim?.zoneAssumed, undefined);
  });

  test('without SigningHostedZone, dkim.amazonses.com is assumed and the note says so', () => {
    const [r] = domainRecords('example.com', 'eu-west-1', [TOKEN]);
    assert.equal(r.value, `${TOKEN}.dkim.amazonses.com`);
    assert.match(
      r.note!,
      /SES did not return a signing zone \(SigningHostedZone\) for this identity; dkim\.amazonses\.com is assumed/,
    );
    assert.equal(r.dkim?.zoneAssumed, true);
  });

  test('BYODKIM is one TXT at the selector, never CNAMEs', () => {
    const records = domainRecords('example.com', 'eu-west-1', ['mysel'], undefined, { dkimOrigin: 'EXTERNAL' });
    const dkim = records.filter((r) => r.purpose === 'dkim');
    assert.deepEqual(
      dkim.map((r) => [r.type, r.name, r.value]),
      [['TXT', 'mysel._domainkey.example.com', 'v=DKIM1; k=rsa; p=<your public key>']],
    );
    assert.ok(!records.some((r) => r.type === 'CNAME'));
    const withKey = domainRecords('example.com', 'eu-west-1', ['mysel'], undefined, {
      dkimOrigin: 'EXTERNAL',
      publicKey: K2048.pem,
    })[0];
    assert.equal(withKey.value, `v=DKIM1; k=rsa; p=${K2048.spki}`);
  });

  test('Deterministic Easy DKIM: CNAMEs, with the parent region named', () => {
    const records = identityRecords(
      { name: 'example.com', dkimTokens: [TOKEN], dkimOrigin: 'AWS_SES_US_EAST_1', dkimSigningHostedZone: ZONE },
      'eu-west-1',
    );
    assert.equal(records[0].value, TARGET);
    assert.equal(records[0].dkim?.parentRegion, 'us-east-1');
    assert.match(records[0].note!, /replicates the identity in us-east-1/);
  });

  test('a long TXT is split into 255-character strings in zone-file form', () => {
    const records = domainRecords('example.com', 'eu-west-1', ['sel'], undefined, {
      dkimOrigin: 'EXTERNAL',
      publicKey: K2048.spki,
    });
    const line = recordsAsZone(records).split('\n')[0];
    const strings = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    assert.equal(strings.length, 2);
    assert.equal(strings[0].length, 255);
    assert.equal(strings.join(''), `v=DKIM1; k=rsa; p=${K2048.spki}`);
  });
});

describe('the BYODKIM TXT check', () => {
  const at = { selector: 'sel', domain: DOMAIN };

  test('without the key: "a DKIM1 key is published" with its length', () => {
    const j = judgeDkimTxt(at, [`v=DKIM1; k=rsa; p=${K2048.spki}`]);
    assert.equal(j.status, 'pass');
    assert.equal(j.keyBits, 2048);
    assert.match(j.message, /A DKIM1 key is published \(2048-bit RSA\)/);
    assert.equal(judgeDkimTxt(at, [`v=DKIM1; p=${K1024.spki}`]).keyBits, 1024);
  });

  test('a bare RSAPublicKey (PKCS#1) in p= is read too', () => {
    assert.deepEqual(rsaKeyBits(K1024.pkcs1), { bits: 1024 });
  });

  test('with the key: the same key passes, given as PEM or base64', () => {
    assert.equal(judgeDkimTxt({ ...at, publicKey: K2048.pem }, [`v=DKIM1; k=rsa; p=${K2048.spki}`]).status, 'pass');
    assert.equal(judgeDkimTxt({ ...at, publicKey: K2048.spki }, [`v=DKIM1; k=rsa; p=${K2048.spki}`]).status, 'pass');
  });

  test('with the key: another key is wrong', () => {
    const j = judgeDkimTxt({ ...at, publicKey: K2048.spki }, [`v=DKIM1; k=rsa; p=${K2048b.spki}`]);
    assert.equal(j.status, 'wrong');
    assert.match(j.message, /not the public key given/);
  });

  test('an empty p= is a revoked key', () => {
    assert.match(judgeDkimTxt(at, ['v=DKIM1; k=rsa; p=']).message, /revoked/);
  });

  test('not base64, another algorithm, no key, two keys, or no TXT', () => {
    assert.equal(judgeDkimTxt(at, ['v=DKIM1; k=rsa; p=not*base64']).status, 'wrong');
    assert.match(judgeDkimTxt(at, [`v=DKIM1; k=ed25519; p=${K2048.spki}`]).message, /k=ed25519/);
    assert.equal(judgeDkimTxt(at, ['google-site-verification=abc']).status, 'wrong');
    assert.match(
      judgeDkimTxt(at, [`v=DKIM1; p=${K2048.spki}`, `v=DKIM1; p=${K1024.spki}`]).message,
      /2 DKIM key records/,
    );
    assert.equal(judgeDkimTxt(at, []).status, 'missing');
  });

  test('the public key of a private key', () => {
    assert.equal(publicKeyOfPrivate(K2048.privatePkcs8), K2048.spki);
    assert.equal(publicKeyOfPrivate(K1024.privatePkcs1Pem), K1024.spki);
    assert.equal(keyBase64(`v=DKIM1; k=rsa; p=${K1024.spki}`), K1024.spki);
  });
});

describe('moving to 2048-bit, and what the explorer shows', () => {
  const easy: DkimDetails = {
    name: 'example.com',
    type: 'DOMAIN',
    dkimStatus: 'SUCCESS',
    dkimTokens: [TOKEN, OTHER],
    dkimSigningEnabled: true,
    dkimOrigin: 'AWS_SES',
    dkimSigningHostedZone: ZONE,
    dkimCurrentKeyLength: 'RSA_1024_BIT',
    dkimNextKeyLength: 'RSA_1024_BIT',
    dkimLastKeyGeneration: new Date('2025-11-24T16:00:00Z'),
  };

  test('key lengths', () => {
    assert.equal(keyBits('RSA_2048_BIT'), 2048);
    assert.equal(keyBits(undefined), undefined);
  });

  test('Easy DKIM at 1024 bits: one call, nothing to change in DNS', () => {
    const plan = planDkimKeyUpgrade(easy);
    assert.equal(plan.action, 'easy');
    assert.match(plan.dns, /Easy DKIM: nothing to change in DNS/);
    assert.deepEqual(plan.records, []);
  });

  test('already 2048, or already moving: nothing to do', () => {
    assert.equal(
      planDkimKeyUpgrade({ ...easy, dkimCurrentKeyLength: 'RSA_2048_BIT', dkimNextKeyLength: 'RSA_2048_BIT' }).action,
      'none',
    );
    assert.match(
      planDkimKeyUpgrade({ ...easy, dkimNextKeyLength: 'RSA_2048_BIT' }).summary,
      /Already moving to 2048-bit/,
    );
  });

  test('Deterministic Easy DKIM: the change belongs to the parent region', () => {
    const plan = planDkimKeyUpgrade({ ...easy, dkimOrigin: 'AWS_SES_US_EAST_1' });
    assert.equal(plan.action, 'refuse');
    assert.equal(plan.parentRegion, 'us-east-1');
    assert.match(plan.summary, /in us-east-1/);
  });

  test('BYODKIM: a new key to publish', () => {
    const byo = { ...easy, dkimOrigin: 'EXTERNAL', dkimTokens: ['old'] };
    const without = planDkimKeyUpgrade(byo);
    assert.equal(without.action, 'refuse');
    assert.match(without.dns, /a new key to publish/);
    const plan = planDkimKeyUpgrade(byo, { selector: 'New2048', privateKey: K2048.privatePkcs8 });
    assert.equal(plan.action, 'byodkim');
    assert.equal(plan.selector, 'new2048');
    assert.deepEqual(
      plan.records.map((r) => [r.type, r.name, r.value]),
      [['TXT', 'new2048._domainkey.example.com', `v=DKIM1; k=rsa; p=${K2048.spki}`]],
    );
    assert.match(plan.dns, /a new key to publish: TXT new2048\._domainkey\.example\.com/);
    assert.match(
      planDkimKeyUpgrade(byo, { selector: 's', privateKey: K1024.privatePkcs8 }).summary,
      /1024-bit; make a 2048-bit/,
    );
  });

  test('describeDkim: Easy DKIM label, zone, key lengths, upgrade hint', () => {
    const d = describeDkim(easy);
    assert.equal(d.mode, 'easy');
    assert.equal(d.label, 'success · Easy DKIM · 1024-bit');
    assert.equal(d.zone, ZONE);
    assert.equal(d.records.length, 2);
    assert.equal(d.upgrade?.action, 'easy');
    assert.ok(d.tooltip.some((l) => l.startsWith('Move to 2048-bit:') && /nothing to change in DNS/.test(l)));
    assert.ok(d.tooltip.includes('Last key generated: 2025-11-24 16:00 UTC.'));
  });

  test('describeDkim: no SigningHostedZone is said', () => {
    const d = describeDkim({
      ...easy,
      dkimSigningHostedZone: undefined,
      dkimCurrentKeyLength: 'RSA_2048_BIT',
      dkimNextKeyLength: 'RSA_2048_BIT',
    });
    assert.equal(d.zoneAssumed, true);
    assert.equal(d.upgrade, undefined);
    assert.ok(d.tooltip.some((l) => /did not return a signing zone/.test(l)));
  });

  test('describeDkim: Deterministic Easy DKIM names its parent region', () => {
    const d = describeDkim({ ...easy, dkimOrigin: 'AWS_SES_US_EAST_1', dkimParentRegion: 'us-east-1' });
    assert.equal(d.parentRegion, 'us-east-1');
    assert.equal(d.label, 'success · Deterministic Easy DKIM · 1024-bit');
    assert.match(d.tooltip[0], /replicates the identity in us-east-1/);
  });

  test('describeDkim: an address points to its domain and does not throw', () => {
    const d = describeDkim({ name: 'noreply@example.com', type: 'EMAIL_ADDRESS', dkimTokens: [] });
    assert.equal(d.label, 'from example.com');
    assert.deepEqual(d.records, []);
  });

  test('describeDkim: BYODKIM shows the TXT and, after a check, the published key length', () => {
    const byo = {
      ...easy,
      dkimOrigin: 'EXTERNAL',
      dkimTokens: ['sel'],
      dkimCurrentKeyLength: undefined,
      dkimNextKeyLength: undefined,
    };
    const d = describeDkim(byo);
    assert.deepEqual(
      d.records.map((r) => r.type),
      ['TXT'],
    );
    assert.equal(d.label, 'success · Bring Your Own DKIM');
    const record = d.records[0];
    const checked = describeDkim(byo, {
      checks: [{ record, status: 'pass', found: [], message: 'ok', keyBits: 1024 }],
    });
    assert.equal(checked.label, 'success · Bring Your Own DKIM · 1024-bit');
    assert.ok(checked.tooltip.some((l) => /a new key to publish/.test(l)));
  });
});
