// The tenant check in the Doctor's list (#27): it runs only for a tenant, says what it needs without
// an AWS profile or a region, and a failing tenant leads the report.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { doctorChecks } from '../../../../src/engines/doctor/index';
import { tenantFindings } from '../../../../src/engines/doctor/tenant';
import type { DoctorInput, DoctorPorts, DoctorAws } from '../../../../src/engines/doctor/types';
import { rankFindings } from '../../../../src/engines/doctor/rank';

const input = (extra: Partial<DoctorInput> = {}): DoctorInput => ({
  username: 'AKIAIOSFODNN7EXAMPLE',
  password: 'x',
  region: 'eu-west-1',
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  tls: 'starttls',
  aws: true,
  ...extra,
});
const ports = (aws?: Partial<DoctorAws>): DoctorPorts =>
  ({
    login: async () => ({ ok: true }),
    aws: aws as DoctorAws | undefined,
    dns: async () => [],
    resolve: async () => ['127.0.0.1'],
    connect: async () => 1,
    certificate: async () => ({ subject: '', issuer: '', altNames: [], trusted: true }),
    regions: ['eu-west-1'],
  }) as unknown as DoctorPorts;

describe('the tenant check in the Doctor', () => {
  test('listed only when a tenant is given', () => {
    const aws = { account: async () => ({ available: false as const, reason: 'x' }) };
    assert.ok(doctorChecks(input({ tenant: 'acme' }), ports(aws)).some((c) => c.check === 'tenant'));
    assert.ok(!doctorChecks(input(), ports(aws)).some((c) => c.check === 'tenant'));
  });

  test('without an AWS profile it says it needs ses:GetTenant', async () => {
    const checks = doctorChecks(input({ tenant: 'acme', aws: false }), ports());
    const apiChecks = checks.filter((c) => c.label === 'AWS API checks');
    const findings = (await Promise.all(apiChecks.map((c) => c.run(new AbortController().signal)))).flat();
    const tenant = findings.find((f) => f.check === 'tenant');
    assert.equal(tenant?.title, 'skipped: needs an AWS profile (for ses:GetTenant)');
  });

  test('without a region it says so', async () => {
    const checks = doctorChecks(input({ tenant: 'acme', region: undefined, host: 'relay.example.com' }), ports({}));
    const check = checks.find((c) => c.check === 'tenant');
    const [f] = await check!.run(new AbortController().signal);
    assert.equal(f.cause, 'no-region');
  });

  test('a denied GetTenant is skipped with the permission, not a failure', async () => {
    const denied = Object.assign(new Error('not authorized to perform ses:GetTenant'), {
      name: 'AccessDeniedException',
    });
    const [f] = await tenantFindings(
      { tenant: () => Promise.reject(denied) },
      'eu-west-1',
      'acme',
      undefined,
      undefined,
    );
    assert.equal(f.title, 'skipped: needs ses:GetTenant');
  });

  test('a paused tenant outranks a sandbox warning', async () => {
    const paused = await tenantFindings(
      {
        tenant: async () => ({
          tenant: { name: 'acme', sendingStatus: 'DISABLED', suppressionScope: 'ACCOUNT', suppressedReasons: [] },
          resources: [],
        }),
      },
      'eu-west-1',
      'acme',
      undefined,
      'events',
    );
    const ranked = rankFindings([
      { check: 'account', verdict: 'warn', title: 'sandbox', evidence: [], weight: 25, cause: 'sandbox' },
      ...paused,
    ]);
    assert.equal(ranked[0].cause, 'tenant-paused');
    assert.match(ranked[0].title, /\(by you\)/, 'no reputation entity: the tenant status alone says it');
  });

  test("the pauser's cause is quoted once, without its own final stop (near miss: none)", async () => {
    const facts = (cause: string | undefined) => ({
      tenant: async () => ({
        tenant: {
          name: 'acme',
          sendingStatus: 'DISABLED',
          suppressionScope: 'ACCOUNT' as const,
          suppressedReasons: [],
        },
        resources: [],
        reputation: { sendingStatus: 'DISABLED', customer: { status: 'DISABLED', cause } },
      }),
    });
    const title = async (cause: string | undefined): Promise<string> =>
      (await tenantFindings(facts(cause), 'eu-west-1', 'acme', undefined, 'events'))[0].title;
    const expected = 'The tenant "acme" is paused in eu-west-1 (by you): Paused for the move. SES refuses its mail.';
    assert.equal(await title('Paused for the move.'), expected);
    assert.equal(await title('Paused for the move'), expected);
    assert.equal(await title(' . '), 'The tenant "acme" is paused in eu-west-1 (by you). SES refuses its mail.');
    assert.equal(await title(undefined), 'The tenant "acme" is paused in eu-west-1 (by you). SES refuses its mail.');
  });
});
