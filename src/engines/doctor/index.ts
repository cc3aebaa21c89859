// The SES SMTP Doctor: every check of the "why won't it send" list at once, each with its own time
// limit, then the findings ranked with the most likely cause first. Public face of core/doctor.
import type { IdentityDetails } from '../aws/ses';
import { isAccessDenied, skipOrThrow } from './awsErrors';
import { checkDns } from './dnsCheck';
import { keyFindings, lookupKey, type KeyFacts } from './key';
import { checkLogin } from './login';
import { checkEndpoint, checkPorts, checkTls } from './network';
import { checkPermission } from './permission';
import { headline, rankFindings } from './rank';
import { runChecks, type DoctorCheck } from './runner';
import { ingressFindings } from './mailManager';
import { tenantFindings, tenantRecipientFindings } from './tenant';
import { parseSesHost } from '../../base/regions';
import { accountFindings, identityFindings, recipientFindings, recipientsSkipped } from './sesAccount';
import type { CheckId, DoctorAws, DoctorInput, DoctorPorts, DoctorReport, Finding } from './types';
import { expectObject, expectOptionalNumber, expectOptionalObject } from '../../base/guards';

export interface DoctorOptions {
  signal?: AbortSignal;
  /** Scales every check's time limit (tests use short ones). */
  timeoutScale?: number;
  /** Called as each check finishes (progress). */
  onCheck?: (label: string) => void;
}

const API_ACTIONS: Partial<Record<CheckId, string>> = {
  key: 'sts:GetAccessKeyInfo',
  permission: 'iam:SimulatePrincipalPolicy',
  account: 'ses:GetAccount',
  identity: 'ses:GetEmailIdentity',
  tenant: 'ses:GetTenant',
};

function noProfile(check: CheckId): Finding {
  return {
    check,
    verdict: 'skipped',
    title: `skipped: needs an AWS profile (for ${API_ACTIONS[check]})`,
    evidence: [],
    weight: 0,
    cause: 'no-profile',
  };
}

function awsChecks(input: DoctorInput, ports: DoctorPorts, aws: DoctorAws, scale: number): DoctorCheck[] {
  const region = input.region;
  const identities = new Map<string, Promise<IdentityDetails | undefined>>();
  let tenantFacts: ReturnType<NonNullable<DoctorAws['tenant']>> | undefined;
  const cachedAws: DoctorAws = {
    ...aws,
    // The tenant check and the recipient check read the same tenant once.
    ...(aws.tenant ? { tenant: (r: string, name: string) => (tenantFacts ??= aws.tenant!(r, name)) } : {}),
    identity: (r, name) => {
      const key = `${r}|${name}`;
      if (!identities.has(key)) identities.set(key, aws.identity(r, name));
      return identities.get(key)!;
    },
  };
  let facts: Promise<KeyFacts> | undefined;
  const key = (): Promise<KeyFacts> => (facts ??= lookupKey(aws, input.username.trim()));
  const accessKey = /^AKIA[A-Z0-9]{16}$/.test(input.username.trim());
  const noKey: Finding[] = [
    {
      check: 'key',
      verdict: 'skipped',
      title: 'skipped: the username is not an access key id (AKIA…), so there is no key to look up.',
      evidence: [],
      weight: 0,
    },
  ];
  const checks: DoctorCheck[] = [
    {
      check: 'key',
      label: 'whose key',
      timeoutMs: 15_000 * scale,
      run: async () => (accessKey ? keyFindings(await key()) : noKey),
    },
    {
      check: 'permission',
      label: 'send permission',
      timeoutMs: 15_000 * scale,
      run: async () =>
        accessKey
          ? checkPermission(cachedAws, await key(), region, input.from)
          : [{ ...noKey[0], check: 'permission' }],
    },
  ];
  if (parseSesHost(input.host)?.kind === 'mail-manager') {
    checks.push({
      check: 'ingress',
      label: 'Mail Manager ingress endpoint',
      timeoutMs: 20_000 * scale,
      run: () => ingressFindings(input, aws.mailManager, aws),
    });
  }
  if (!region) {
    if (input.tenant)
      checks.push({
        check: 'tenant',
        label: 'SES tenant',
        timeoutMs: 1_000,
        run: async () => [
          {
            check: 'tenant',
            verdict: 'skipped',
            title: `skipped: the tenant "${input.tenant}" was not looked up: the SES region is unknown (${input.host}).`,
            evidence: [],
            weight: 0,
            cause: 'no-region',
          },
        ],
      });
    if (input.to?.length)
      checks.push({
        check: 'recipient',
        label: 'recipients',
        timeoutMs: 1_000,
        run: async () =>
          recipientsSkipped(
            input.to!,
            `the SES region is unknown (${input.host} is not an SES endpoint and no region was given)`,
            'no-region',
          ),
      });
    return checks;
  }
  let account: ReturnType<DoctorAws['account']> | undefined;
  const getAccount = (): ReturnType<DoctorAws['account']> => (account ??= aws.account(region));
  checks.push({
    check: 'account',
    label: 'SES account',
    timeoutMs: 15_000 * scale,
    run: async () => {
      let a;
      try {
        a = await getAccount();
      } catch (err) {
        return [skipOrThrow(err, 'account', 'ses:GetAccount')];
      }
      return accountFindings(a, region);
    },
  });
  if (input.to?.length) {
    checks.push({
      check: 'recipient',
      label: 'recipients',
      timeoutMs: 20_000 * scale,
      run: async () => {
        // The sandbox decides whether the recipient must be verified; when it cannot be read, say why.
        let sandbox: boolean | undefined;
        let unknown: string | undefined;
        let autoValidation: { enabled: boolean; threshold?: string } | undefined;
        try {
          const a = await getAccount();
          if (a.available) {
            sandbox = a.sandbox;
            autoValidation = a.autoValidation;
          } else unknown = a.reason;
        } catch (err) {
          unknown = skipOrThrow(err, 'recipient', 'ses:GetAccount').title.replace(/^skipped: /, '');
        }
        // A configuration set's own Auto Validation (on or off) wins over the account's for its mail.
        let validationScope: string | undefined;
        if (input.configurationSet && aws.configurationSetAutoValidation) {
          const own = await aws
            .configurationSetAutoValidation(region, input.configurationSet)
            .catch((err: unknown) => (isAccessDenied(err) ? undefined : Promise.reject(err)));
          if (own?.autoValidation) {
            autoValidation = own.autoValidation;
            validationScope = `the configuration set ${input.configurationSet}`;
          }
        }
        const found = await recipientFindings(
          cachedAws,
          region,
          input.to!,
          sandbox,
          unknown,
          autoValidation,
          validationScope,
        );
        if (!input.tenant) return found;
        // A tenant with its own suppression list drops addresses the account's list does not have.
        const onTenantList = await tenantRecipientFindings(cachedAws, region, input.tenant, input.to!);
        const dropped = new Set(
          onTenantList.filter((f) => f.cause === 'tenant-suppressed').map((f) => f.title.split(' ')[0]),
        );
        return [...found.filter((f) => !(f.verdict === 'pass' && dropped.has(f.title.split(' ')[0]))), ...onTenantList];
      },
    });
  }
  if (input.tenant) {
    checks.push({
      check: 'tenant',
      label: 'SES tenant',
      timeoutMs: 20_000 * scale,
      run: () => tenantFindings(cachedAws, region, input.tenant!, input.from, input.configurationSet),
    });
  }
  if (input.from) {
    checks.push({
      check: 'identity',
      label: 'From identity',
      timeoutMs: 25_000 * scale,
      run: () => identityFindings(cachedAws, region, input.from!, ports.regions),
    });
  }
  checks.push({
    check: 'dns',
    label: 'DNS',
    timeoutMs: 15_000 * scale,
    run: async () => {
      const domain = input.from?.split('@')[1]?.toLowerCase();
      const details = domain ? await cachedAws.identity(region, domain).catch(() => undefined) : undefined;
      return checkDns(input.from, region, details, ports.dns);
    },
  });
  return checks;
}

export function doctorChecks(input: DoctorInput, ports: DoctorPorts, scale = 1): DoctorCheck[] {
  expectObject(input, 'doctorChecks', 'input');
  expectObject(ports, 'doctorChecks', 'ports');
  expectOptionalNumber(scale, 'doctorChecks', 'scale');
  const checks: DoctorCheck[] = [
    { check: 'endpoint', label: 'endpoint', timeoutMs: 5_000 * scale, run: () => checkEndpoint(input, ports) },
    {
      check: 'ports',
      label: 'ports',
      timeoutMs: 8_000 * scale,
      run: (s) => checkPorts(input, ports, s, 4_000 * scale),
    },
    {
      check: 'tls',
      label: 'TLS certificate',
      timeoutMs: 10_000 * scale,
      run: (s) => checkTls(input, ports, s, 6_000 * scale),
    },
    {
      check: 'login',
      label: 'SMTP login',
      timeoutMs: 45_000 * scale,
      run: (s) => checkLogin(input, ports, s, 10_000 * scale),
    },
  ];
  if (input.aws && ports.aws) return [...checks, ...awsChecks(input, ports, ports.aws, scale)];
  const skipped: Finding[] = (['key', 'permission', 'account', 'identity'] as CheckId[]).map(noProfile);
  if (input.tenant) skipped.push(noProfile('tenant'));
  if (input.to?.length)
    skipped.push(
      ...recipientsSkipped(input.to, 'needs an AWS profile (for ses:GetSuppressedDestination)', 'no-profile'),
    );
  checks.push({ check: 'key', label: 'AWS API checks', timeoutMs: 1_000, run: async () => skipped });
  checks.push({
    check: 'dns',
    label: 'DNS',
    timeoutMs: 15_000 * scale,
    run: () => checkDns(input.from, input.region, undefined, ports.dns),
  });
  return checks;
}

export async function runDoctor(
  input: DoctorInput,
  ports: DoctorPorts,
  options: DoctorOptions = {},
): Promise<DoctorReport> {
  expectObject(input, 'runDoctor', 'input');
  expectObject(ports, 'runDoctor', 'ports');
  expectOptionalObject(options, 'runDoctor', 'options');
  const started = Date.now();
  const checks = doctorChecks(input, ports, options.timeoutScale ?? 1).map((c) => ({
    ...c,
    run: async (s: AbortSignal) => {
      const found = await c.run(s);
      options.onCheck?.(c.label);
      return found;
    },
  }));
  const { findings, timings } = await runChecks(checks, options.signal);
  const ranked = rankFindings(findings);
  return {
    startedAt: new Date(started).toISOString(),
    totalMs: Date.now() - started,
    findings: ranked,
    headline: headline(ranked),
    timings,
    input: {
      username: input.username,
      region: input.region,
      host: input.host,
      port: input.port,
      from: input.from,
      to: input.to,
      ...(input.tenant ? { tenant: input.tenant } : {}),
      ...(input.configurationSet ? { configurationSet: input.configurationSet } : {}),
      aws: input.aws,
    },
  };
}
