// The doctor's SES account, identity and recipient findings (src/engines/doctor/sesAccount.ts) and its DNS
// findings (dnsCheck.ts): each verdict branch, with fake AWS answers: no network.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { accountFindings, identityFindings, recipientFindings } from '../../../../src/engines/doctor/sesAccount';
import { dnsFindings } from '../../../../src/engines/doctor/dnsCheck';
import type { IdentityDetails } from '../../../../src/engines/aws/ses';
import type { RecordCheck } from '../../../../src/engines/dns/check';

const err = (name: string, message = name): Error => Object.assign(new Error(message), { name });
const denied = err('AccessDenied', 'User: x is not authorized to perform: y');

const identity = (name: string, over: Partial<IdentityDetails> = {}): IdentityDetails => ({
  name,
  type: name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN',
  sendingEnabled: true,
  verificationStatus: 'SUCCESS',
  dkimStatus: 'SUCCESS',
  dkimTokens: [],
  ...over,
});

describe('SES account, identity and recipients', () => {
  test('account: production passes; sandbox warns; paused, shut down or quota used up fail', () => {
    assert.equal(
      accountFindings({ available: true, sandbox: false, sendingEnabled: true }, 'eu-west-1')[0].verdict,
      'pass',
    );
    assert.equal(
      accountFindings({ available: true, sandbox: true, sendingEnabled: true }, 'eu-west-1')[0].cause,
      'sandbox',
    );
    assert.equal(
      accountFindings(
        { available: true, sandbox: false, sendingEnabled: true, enforcementStatus: 'SHUTDOWN' },
        'eu-west-1',
      )[0].cause,
      'sending-disabled',
    );
    assert.equal(
      accountFindings(
        { available: true, sandbox: false, sendingEnabled: true, max24HourSend: 200, sentLast24Hours: 200 },
        'eu-west-1',
      )[0].cause,
      'quota',
    );
    assert.equal(
      accountFindings({ available: false, reason: 'this endpoint does not offer GetAccount' }, 'eu-west-1')[0].verdict,
      'skipped',
    );
  });
  test('identity: here, only in another region (seed 000), pending, nowhere; DKIM not verified warns', async () => {
    const where = (map: Record<string, IdentityDetails>) => ({
      identity: async (r: string, n: string) => map[`${r}|${n}`],
    });
    const regions = ['eu-west-1', 'us-east-2', 'us-west-2'];
    assert.equal(
      (
        await identityFindings(
          where({ 'eu-west-1|example.com': identity('example.com') }),
          'eu-west-1',
          'app@example.com',
          regions,
        )
      )[0].verdict,
      'pass',
    );
    const [other] = await identityFindings(
      where({ 'us-east-2|example.com': identity('example.com') }),
      'eu-west-1',
      'app@example.com',
      regions,
    );
    assert.equal(other.cause, 'identity-other-region');
    assert.match(other.title, /verified in us-east-2, not in eu-west-1/);
    const pending = await identityFindings(
      where({
        'eu-west-1|example.com': identity('example.com', {
          verificationStatus: 'PENDING',
          sendingEnabled: false,
          dkimStatus: 'PENDING',
        }),
      }),
      'eu-west-1',
      'app@example.com',
      regions,
    );
    assert.deepEqual(
      pending.map((x) => x.cause),
      ['identity-pending', 'dkim-not-verified'],
    );
    assert.equal(
      (await identityFindings(where({}), 'eu-west-1', 'app@example.com', regions))[0].cause,
      'identity-not-verified',
    );
    assert.equal(
      (await identityFindings({ identity: () => Promise.reject(denied) }, 'eu-west-1', 'app@example.com', regions))[0]
        .title,
      'skipped: needs ses:GetEmailIdentity',
    );
  });
  test('recipients: unverified in the sandbox, suppressed, the simulator, no permission', async () => {
    const aws = {
      identity: async () => undefined,
      suppressed: async (_r: string, a: string) => (a === 'gone@example.org' ? { reason: 'BOUNCE' } : undefined),
    };
    assert.equal(
      (await recipientFindings(aws, 'eu-west-1', ['someone@example.org'], true))[0].cause,
      'sandbox-recipient',
    );
    assert.equal((await recipientFindings(aws, 'eu-west-1', ['gone@example.org'], false))[0].cause, 'suppressed');
    assert.equal(
      (await recipientFindings(aws, 'eu-west-1', ['success@simulator.amazonses.com'], true))[0].verdict,
      'pass',
    );
    const [x] = await recipientFindings(
      { identity: async () => undefined, suppressed: () => Promise.reject(denied) },
      'eu-west-1',
      ['a@example.org'],
      false,
    );
    assert.equal(x.title, 'skipped: needs ses:GetSuppressedDestination');
  });
  test('DNS: a required record missing warns; all in place passes', () => {
    const rec = (status: RecordCheck['status'], required: boolean): RecordCheck => ({
      record: { purpose: required ? 'dkim' : 'dmarc', name: 'n.example.com', type: 'CNAME', value: 'v', required },
      status,
      found: [],
      message: `m ${status}`,
    });
    assert.equal(dnsFindings('example.com', [rec('missing', true), rec('pass', false)], true)[0].cause, 'dns-records');
    assert.equal(dnsFindings('example.com', [rec('pass', true)], true)[0].verdict, 'pass');
  });
});

// Pinned by issue #32 (moved from pinnedBehaviours.test.ts): each case was checked to fail when the behaviour is
// broken on purpose (the break is named in each test's comment).
describe("the Doctor's identity-in-another-region fix", () => {
  // Break: `email-smtp.${region}` instead of `${other}` in sesAccount.ts.
  test("names the endpoint of the region where the identity is, not the credentials' region", async () => {
    const aws = {
      identity: async (r: string, n: string) =>
        r === 'ap-southeast-2' && n === 'example.com' ? identity(n) : undefined,
    };
    const [f] = await identityFindings(aws, 'eu-west-1', 'app@example.com', [
      'eu-west-1',
      'us-east-2',
      'ap-southeast-2',
    ]);
    assert.equal(f.cause, 'identity-other-region');
    assert.equal(
      f.fix,
      'SES identities are per region. Send through email-smtp.ap-southeast-2.amazonaws.com with a password derived ' +
        'for ap-southeast-2, or verify example.com in eu-west-1.',
    );
  });
  test('with a 535 the fix says the password was probably made for another region too', async () => {
    const aws = {
      identity: async (r: string, n: string) => (r === 'us-east-2' && n === 'example.com' ? identity(n) : undefined),
    };
    const [f] = await identityFindings(aws, 'eu-west-1', 'app@example.com', ['eu-west-1', 'us-east-2'], true);
    assert.match(
      f.fix ?? '',
      /^SES identities are per region\. Send through email-smtp\.us-east-2\.amazonaws\.com with a password derived for us-east-2 \(the 535 suggests/,
    );
  });
  test('false alarm: the identity verified here (and elsewhere too) is a pass', async () => {
    const aws = { identity: async (_r: string, n: string) => (n === 'example.com' ? identity(n) : undefined) };
    const found = await identityFindings(aws, 'eu-west-1', 'app@example.com', ['eu-west-1', 'us-east-2']);
    assert.deepEqual(
      found.map((f) => [f.verdict, f.title]),
      [['pass', 'example.com is verified in eu-west-1.']],
    );
  });
});
