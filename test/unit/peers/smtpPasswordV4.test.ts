// The test peers' own SMTP password derivation (test/support/smtpPasswordV4.ts) is held against
// fixed vectors computed with Python's hmac module, so the SES-like server checks logins with an
// implementation that is right independently of the product's deriveSmtpPassword.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { hmacSha256, referenceSmtpPassword } from '../../support/smtpPasswordV4';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

test('the test peers derive v4 SMTP passwords as Python does (fixed vectors)', () => {
  // python3: k=("AWS4"+secret).encode(); for m in ["11111111",region,"ses","aws4_request","SendRawEmail"]:
  //   k=hmac.new(k,m.encode(),hashlib.sha256).digest(); base64.b64encode(bytes([4])+k)
  assert.equal(referenceSmtpPassword(SECRET, 'eu-central-1'), 'BF0/eIJm0ruTHsSjOkRuOGzGF+zeSyE3aiRzrzUQ8LwG');
  assert.equal(referenceSmtpPassword(SECRET, 'us-east-1'), 'BLBM/9hSUELfq8Gw+rU1YcBjkOxGbhT2XG763xVLGWL9');
  assert.equal(referenceSmtpPassword(SECRET, 'eu-west-3'), 'BDDdpSTzbzUY3SJq/n4Oq7heDuCWbOtogMi5S3AR673+');
});

test('the HMAC built from SHA-256 agrees with RFC 4231 test case 2 and with a key longer than a block', () => {
  const mac = hmacSha256(Buffer.from('Jefe'), Buffer.from('what do ya want for nothing?'));
  assert.equal(mac.toString('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  const long = Buffer.alloc(131, 0xaa);
  const message = Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First');
  assert.equal(hmacSha256(long, message).toString('hex'), createHmac('sha256', long).update(message).digest('hex'));
});
