import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { domainRecords } from '../../../../../src/engines/dns/records';
import type { RecordCheck } from '../../../../../src/engines/dns/check';
import {
  copyLink,
  recordRows,
  recordsTableHtml,
  TABLE_COMMANDS,
} from '../../../../../src/features/explorer/logic/recordsTable';

const tokens = ['a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)];
const records = domainRecords('example.com', 'eu-west-1', tokens, 'bounce.example.com');

describe('DNS records as a table', () => {
  test('one row per record: what it is for, type, full name and value, required or recommended', () => {
    const rows = recordRows(records, undefined);
    assert.deepEqual(
      rows.map((r) => `${r.record} ${r.type}`),
      [
        'DKIM 1 of 3 CNAME',
        'DKIM 2 of 3 CNAME',
        'DKIM 3 of 3 CNAME',
        'MAIL FROM MX',
        'SPF (MAIL FROM) TXT',
        'DMARC TXT',
      ],
    );
    assert.equal(rows[0].name, `${tokens[0]}._domainkey.example.com`);
    assert.match(rows[0].value, new RegExp(`^${tokens[0]}\\.dkim\\.`));
    assert.ok(rows.every((r) => r.verdict === 'not checked' && r.status === undefined));
    assert.equal(rows.find((r) => r.record === 'DMARC')?.required, false);
  });

  test("each row carries its own record's live verdict; a check of another value is not taken", () => {
    const checks: RecordCheck[] = [
      { record: records[0], status: 'pass', found: [records[0].value], message: 'ok', verdict: 'exact' },
      { record: records[2], status: 'wrong', found: ['x.example.net'], message: 'expected y', verdict: 'elsewhere' },
      { record: { ...records[3], value: '10 other.example.net' }, status: 'pass', found: [], message: 'ok' },
    ];
    const rows = recordRows(records, checks);
    assert.equal(rows[0].status, 'pass');
    assert.equal(rows[0].verdict, 'points to SES');
    assert.equal(rows[1].verdict, 'not checked');
    assert.equal(rows[2].status, 'wrong');
    assert.equal(rows[2].verdict, 'points elsewhere');
    assert.equal(rows[2].message, 'expected y');
    assert.equal(rows[3].status, undefined, 'a check of another MX value is not this row');
  });

  test('copy links name Copy Record Name / Value with the record argument object, and only those run', () => {
    const link = copyLink('eu-west-1', 'example.com', { type: 'TXT', name: '_dmarc.example.com' }, 'value');
    assert.ok(link.startsWith('command:sesSmtpToolkit.explorer.copyRecordValue?'));
    assert.deepEqual(JSON.parse(decodeURIComponent(link.split('?')[1])), [
      { region: 'eu-west-1', identity: { name: 'example.com' }, record: { type: 'TXT', name: '_dmarc.example.com' } },
    ]);
    assert.match(
      copyLink('eu-west-1', 'example.com', { type: 'TXT', name: 'x' }, 'name'),
      /^command:sesSmtpToolkit\.explorer\.copyRecordName\?/,
    );
    assert.deepEqual(TABLE_COMMANDS, [
      'sesSmtpToolkit.explorer.copyRecordName',
      'sesSmtpToolkit.explorer.copyRecordValue',
    ]);
  });

  test('the page allows no script, styles only by its nonce, escapes every value, and has two Copy links per row', () => {
    const rows = recordRows(records, undefined);
    rows[5] = { ...rows[5], value: 'v=DMARC1; p=none; <script>alert(1)</script>' };
    const html = recordsTableHtml({ region: 'eu-west-1', domain: 'example.com', rows, nonce: 'N0nce', checked: 'now' });
    assert.match(html, /content="default-src 'none'; style-src 'nonce-N0nce';"/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.equal(html.match(/<a class="copy"/g)?.length, rows.length * 2);
    assert.match(html, /aria-label="Copy the value of the DMARC record"/);
    assert.match(html, /<th>Live check<\/th>/);
    assert.match(html, /var\(--vscode-foreground\)/);
  });
});
