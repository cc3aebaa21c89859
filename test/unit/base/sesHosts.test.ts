// The one parser of SES SMTP host names (classic, FIPS, VPC interface endpoint, Mail Manager
// ingress) and the two region tables with their sources.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseSesHost,
  regionFromHost,
  resolveEndpoint,
  SES_REGIONS,
  SES_SMTP_REGIONS,
  smtpRegions,
} from '../../../src/base/regions';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('SES host forms', () => {
  test('classic and FIPS hosts', () => {
    assert.deepEqual(parseSesHost('email-smtp.eu-west-1.amazonaws.com'), {
      kind: 'classic',
      region: 'eu-west-1',
      fips: false,
    });
    assert.deepEqual(parseSesHost('email-smtp-fips.us-east-2.amazonaws.com.'), {
      kind: 'fips',
      region: 'us-east-2',
      fips: true,
    });
  });

  test('a VPC interface endpoint host carries its region and endpoint id, with or without a zone', () => {
    assert.deepEqual(parseSesHost('vpce-02cef9e74f152b675-b00ybiai.email-smtp.us-east-1.vpce.amazonaws.com'), {
      kind: 'vpce',
      region: 'us-east-1',
      fips: false,
      id: 'vpce-02cef9e74f152b675',
    });
    assert.deepEqual(
      parseSesHost('VPCE-0f5b358e20d5e0339-0wws8voj-eu-west-1a.email-smtp.eu-west-1.vpce.amazonaws.com'),
      { kind: 'vpce', region: 'eu-west-1', fips: false, id: 'vpce-0f5b358e20d5e0339' },
    );
    assert.deepEqual(regionFromHost('vpce-0f5b358e20d5e0339-0wws8voj.email-smtp.ap-south-1.vpce.amazonaws.com'), {
      region: 'ap-south-1',
      fips: false,
      kind: 'vpce',
    });
  });

  test('Mail Manager ingress hosts: kind and FIPS, no region', () => {
    assert.deepEqual(parseSesHost('jwij4ht3pzhr.hkph.mail-manager-smtp.amazonaws.com'), {
      kind: 'mail-manager',
      fips: false,
      id: 'jwij4ht3pzhr',
    });
    assert.deepEqual(parseSesHost('brua3gww2w8z.fips.wmjb.mail-manager-smtp.amazonaws.com'), {
      kind: 'mail-manager',
      fips: true,
      id: 'brua3gww2w8z',
    });
    // No region in the name: the callers that need one ask for it.
    assert.equal(regionFromHost('brua3gww2w8z.fips.wmjb.mail-manager-smtp.amazonaws.com'), undefined);
  });

  test('near misses: a vpce- host of another service, look-alikes, other hosts', () => {
    for (const near of [
      'vpce-02cef9e74f152b675-b00ybiai.email.us-east-1.vpce.amazonaws.com', // the SES API's endpoint
      'vpce-02cef9e74f152b675-b00ybiai.sns.us-east-1.vpce.amazonaws.com',
      'vpce-02cef9e74f152b675-b00ybiai.email-smtp.us-east-1.amazonaws.com', // not under vpce.
      'vpce-xyz-b00ybiai.email-smtp.us-east-1.vpce.amazonaws.com', // not an endpoint id
      'vpce-02cef9e74f152b675-b00ybiai.email-smtp.us-east-1.vpce.amazonaws.com.evil.example',
      'jwij4ht3pzhr.hkph.mail-manager.amazonaws.com',
      'mail-manager-smtp.amazonaws.com',
      'jwij4ht3pzhr.hkph.mail-manager-smtp.amazonaws.com.evil.example',
      'inbound-smtp.us-east-1.amazonaws.com',
      'email-smtp-fips.amazonaws.com',
      'smtp.example.com',
      '',
    ])
      assert.equal(parseSesHost(near), undefined, near);
    assert.equal(parseSesHost(7 as unknown as string), undefined);
    assert.equal(parseSesHost(`${'a'.repeat(301)}.mail-manager-smtp.amazonaws.com`), undefined);
  });

  test('an endpoint given by a VPC endpoint host takes its region from the host', () => {
    const endpoint = resolveEndpoint({
      host: 'vpce-02cef9e74f152b675-b00ybiai.email-smtp.eu-central-1.vpce.amazonaws.com',
      port: 587,
    });
    assert.equal(endpoint.region, 'eu-central-1');
  });
});

describe('region tables', () => {
  test('the SMTP table keeps only documented regions, each with its source in docs/SES-REGIONS.md', () => {
    const ids = SES_SMTP_REGIONS.map((r) => r.id);
    assert.ok(!ids.includes('ap-south-2'), 'AWS documents no SMTP endpoint in ap-south-2');
    assert.ok(!ids.includes('eu-central-2'));
    assert.ok(ids.includes('eu-west-1'));
    const doc = readFileSync(path.join(ROOT, 'docs', 'SES-REGIONS.md'), 'utf8');
    for (const r of [...SES_SMTP_REGIONS, ...SES_REGIONS]) {
      assert.ok(r.source, `${r.id} has a source`);
      assert.ok(doc.includes(`<a id="${r.source}"></a>`), `docs/SES-REGIONS.md has the anchor ${r.source}`);
    }
    // Every documented SMTP region is a region of the API table (the explorer lists it).
    for (const id of ids)
      assert.ok(
        SES_REGIONS.some((r) => r.id === id),
        id,
      );
    // The docs page lists each SMTP region it is the source of.
    for (const id of ids) assert.ok(doc.includes(`\`${id}\``), `docs/SES-REGIONS.md names ${id}`);
  });

  test('the setting adds regions to the SMTP table; malformed entries are ignored', () => {
    const ids = smtpRegions(['ap-south-2', ' EU-WEST-3 ', 'nonsense', 5 as unknown as string]).map((r) => r.id);
    assert.ok(ids.includes('ap-south-2'));
    assert.ok(ids.includes('eu-west-3'));
    assert.ok(!ids.includes('nonsense'));
    assert.equal(ids.length, SES_SMTP_REGIONS.length + 2);
    const added = smtpRegions(['ap-south-2']).find((r) => r.id === 'ap-south-2');
    assert.equal(added?.source, 'setting');
    assert.equal(added?.name, 'Asia Pacific (Hyderabad)');
    assert.equal(smtpRegions(['eu-west-1']).length, SES_SMTP_REGIONS.length, 'no duplicate');
  });
});
