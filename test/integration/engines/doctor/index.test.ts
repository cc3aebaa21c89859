// The SES SMTP Doctor against real local servers: the AWS API peer (IAM users, keys, policies, STS),
// the SES API peer (identities per region, accounts, suppression list), the IAM/STS peer (keys of
// other accounts, chosen key states, AccessDenied), an SES-like SMTP server per scenario and dnsmasq. Each scenario asserts that the
// TOP finding names the real cause.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { runDoctor } from '../../../../src/engines/doctor';
import { renderMarkdown } from '../../../../src/engines/doctor/markdown';
import { type DoctorInput, type DoctorPorts, type DoctorReport } from '../../../../src/engines/doctor/types';
import { doctorAwsFrom } from '../../../../src/engines/doctor/awsPorts';
import { peerCertificate, resolveHost, tcpConnect } from '../../../../src/engines/doctor/nodePorts';
import { checkDnsRecords } from '../../../../src/engines/dns/check';
import { deriveSmtpPassword } from '../../../../src/base/password';
import { checkSmtpLogin } from '../../../../src/engines/smtp/session';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';
import { startSesApiServer, type SesApiServer } from '../../../support/sesApiServer';
import { startIamStsPeer, type IamStsPeer, type IamStsPeerOptions } from '../../../support/iamStsPeer';
import { startSesSmtpServer, type SesServer, type SesUser } from '../../../support/sesSmtpServer';
import { startDnsmasq, type DnsServer } from '../../../support/dnsmasq';
import { freePort } from '../../../support/ports';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1'];
const policy = (Action: string | string[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource: '*' }] });
const SEND_POLICY = policy('ses:SendRawEmail');
const NO_RAW_POLICY = policy(['ses:SendEmail', 'ses:GetAccount']);

describe('SES SMTP Doctor (AWS API peer, SES and IAM/STS peers, SMTP server, dnsmasq)', () => {
  let awsPeer: AwsPeer;
  let sesApi: SesApiServer;
  let peer: IamStsPeer;
  let dns: DnsServer;
  let iam: IAMClient;
  const peerOptions = {} as IamStsPeerOptions;
  const servers: SesServer[] = [];

  before(async () => {
    awsPeer = await startAwsPeer();
    iam = new IAMClient({ region: 'us-east-1', endpoint: awsPeer.endpoint, credentials: awsPeer.credentials });
    sesApi = await startSesApiServer({
      accessKeyIds: [awsPeer.credentials.accessKeyId],
      regions: {
        'us-east-2': {
          identities: [{ name: 'biancatechnologies.example' }],
          account: { productionAccessEnabled: true },
        },
        'eu-central-1': {
          account: { productionAccessEnabled: true },
          identities: [{ name: 'nabavki.example' }, { name: 'nopolicy.example' }, { name: 'foreign.example' }],
        },
        'eu-west-1': { identities: [{ name: 'sandboxed.example' }] },
        'us-west-2': {
          account: { productionAccessEnabled: true },
          identities: [{ name: 'shop.example' }],
          suppressed: { 'bounced@customer.example': 'BOUNCE' },
        },
      },
    });
    Object.assign(peerOptions, {
      upstream: awsPeer.endpoint,
      ses: sesApi.endpoint,
      deny: [],
    });
    peer = await startIamStsPeer(peerOptions);
    const domains = ['biancatechnologies', 'nabavki', 'nopolicy', 'foreign', 'sandboxed', 'shop'];
    dns = await startDnsmasq({ localDomains: domains.map((d) => `${d}.example`) });
  });
  after(async () => {
    iam?.destroy();
    for (const s of servers) await s.stop();
    await peer?.stop();
    await sesApi?.stop();
    await dns?.stop();
    await awsPeer?.stop();
  });

  /** An IAM user in the AWS API peer with an inline policy and an access key; its secret. */
  async function iamUser(userName: string, policy: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
    await iam.send(new CreateUserCommand({ UserName: userName }));
    await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'ses-send', PolicyDocument: policy }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  }

  async function smtpServer(region: string, users: SesUser[]): Promise<SesServer> {
    const s = await startSesSmtpServer({ region, tls: 'starttls', users });
    servers.push(s);
    return s;
  }

  async function doctor(
    over: Partial<DoctorInput> & Pick<DoctorInput, 'username' | 'password' | 'region'>,
    smtp: SesServer,
    blocked: number[] = [],
  ): Promise<DoctorReport> {
    const closed = await freePort();
    const via = (port: number): number => (blocked.includes(port) ? closed : smtp.port);
    const credentials = awsPeer.credentials;
    const ses = new Map<string, SESv2Client>();
    const aws = doctorAwsFrom({
      iam: new IAMClient({ region: 'us-east-1', endpoint: peer.endpoint, credentials, maxAttempts: 1 }),
      ses: (r) =>
        ses.get(r) ??
        ses.set(r, new SESv2Client({ region: r, endpoint: peer.endpoint, credentials, maxAttempts: 1 })).get(r)!,
      sts: { region: over.region!, endpoint: peer.endpoint, credentials: async () => credentials },
    });
    const ports: DoctorPorts = {
      login: checkSmtpLogin,
      aws,
      dns: (records) => checkDnsRecords(records, { servers: [dns.address], timeoutMs: 1000 }),
      resolve: resolveHost,
      connect: tcpConnect,
      certificate: (h, p, t, ms, s) => peerCertificate(h, p, t, ms, s, { ca: smtp.ca }),
      regions: REGIONS,
    };
    const input: DoctorInput = {
      host: '127.0.0.1',
      port: 587,
      loginVia: via(587),
      tls: 'starttls',
      ports: [587, 2587, 465, 2465, 25].map((port) => ({ port, via: via(port) })),
      aws: true,
      ca: smtp.ca,
      ...over,
    };
    const report = await runDoctor(input, ports, { timeoutScale: 0.5 });
    const md = renderMarkdown(report, { password: over.password });
    if (process.env.DOCTOR_REPORTS) console.log(md);
    assert.ok(!md.includes(over.password), 'the password never reaches the report');
    if (/^AKIA/.test(over.username)) assert.ok(!md.includes(over.username), 'the username is masked');
    return report;
  }

  const creds = (k: { accessKeyId: string; secretAccessKey: string }, region: string, passwordRegion = region) => ({
    username: k.accessKeyId,
    password: deriveSmtpPassword(k.secretAccessKey, passwordRegion),
    region,
  });
  const top = (r: DoctorReport): string =>
    `${r.findings[0].cause}: ` +
    `${r.findings[0].title}\n${r.findings.map((f) => `  ${f.verdict} ${f.cause ?? ''} ${f.title}`).join('\n')}`;

  test('seed 000: the domain is verified in us-east-2, the credentials are used against eu-central-1', async () => {
    const key = await iamUser('jlaap', SEND_POLICY);
    const smtp = await smtpServer('eu-central-1', [{ ...key }]);
    const r = await doctor(
      {
        ...creds(key, 'eu-central-1', 'us-east-2'),
        from: 'jlaap@biancatechnologies.example',
      },
      smtp,
    );
    assert.equal(r.findings[0].cause, 'identity-other-region', top(r));
    assert.match(r.headline, /verified in us-east-2, not in eu-central-1/);
    assert.ok(
      r.findings.some((f) => f.check === 'login' && f.verdict === 'fail' && /535/.test(f.title)),
      'the 535 is reported too',
    );
  });

  test('seed 001: the IAM user name as the username', async () => {
    const key = await iamUser('nabavkidata-smtp', SEND_POLICY);
    const smtp = await smtpServer('eu-central-1', [{ ...key }]);
    const r = await doctor(
      {
        username: 'nabavkidata-smtp',
        password: deriveSmtpPassword(key.secretAccessKey, 'eu-central-1'),
        region: 'eu-central-1',
        from: 'noreply@nabavki.example',
      },
      smtp,
    );
    assert.equal(r.findings[0].cause, 'username-not-access-key', top(r));
    assert.match(r.headline, /IAM user name, not the access key id/);
  });

  test('seed 001, then: the right username, but the key was made Inactive', async () => {
    const key = await iamUser('nabavkidata-smtp-v2', SEND_POLICY);
    await iam.send(
      new UpdateAccessKeyCommand({ UserName: 'nabavkidata-smtp-v2', AccessKeyId: key.accessKeyId, Status: 'Inactive' }),
    );
    const smtp = await smtpServer('eu-central-1', []); // SES refuses an inactive key
    const r = await doctor(
      {
        ...creds(key, 'eu-central-1'),
        from: 'noreply@nabavki.example',
      },
      smtp,
    );
    assert.equal(r.findings[0].cause, 'key-inactive', top(r));
    assert.match(r.headline, /is Inactive: SES refuses every login with it/);
  });

  test(
    'a user whose policy lacks ses:SendRawEmail (simulated), and the same read from the policies when simulation ' +
      'is denied',
    async () => {
      const key = await iamUser('no-raw-send', NO_RAW_POLICY);
      const smtp = await smtpServer('eu-central-1', [{ ...key, canSend: false }]);
      const args = {
        ...creds(key, 'eu-central-1'),
        from: 'app@nopolicy.example',
      };
      const r = await doctor(args, smtp);
      assert.equal(r.findings[0].cause, 'no-send-permission', top(r));
      assert.doesNotMatch(r.headline, /approximate/);
      assert.ok(peer.requests.includes('iam:SimulatePrincipalPolicy'));
      peerOptions.deny = ['iam:SimulatePrincipalPolicy'];
      try {
        const again = await doctor(args, smtp);
        assert.equal(again.findings[0].cause, 'no-send-permission', top(again));
        assert.match(again.headline, /approximate: iam:SimulatePrincipalPolicy is not allowed/);
      } finally {
        peerOptions.deny = [];
      }
    },
  );

  test('a sandboxed account and an unverified To', async () => {
    const key = await iamUser('sandbox-user', SEND_POLICY);
    const smtp = await smtpServer('eu-west-1', [{ ...key }]);
    const r = await doctor(
      {
        ...creds(key, 'eu-west-1'),
        from: 'app@sandboxed.example',
        to: ['customer@elsewhere.example'],
      },
      smtp,
    );
    assert.equal(r.findings[0].cause, 'sandbox-recipient', top(r));
    assert.match(r.headline, /sandbox in eu-west-1 and the recipient customer@elsewhere\.example is not verified/);
  });

  test('a recipient on the suppression list', async () => {
    const key = await iamUser('shop-user', SEND_POLICY);
    const smtp = await smtpServer('us-west-2', [{ ...key }]);
    const r = await doctor(
      {
        ...creds(key, 'us-west-2'),
        from: 'orders@shop.example',
        to: ['bounced@customer.example'],
      },
      smtp,
    );
    assert.equal(r.findings[0].cause, 'suppressed', top(r));
    assert.match(r.headline, /bounced@customer\.example is on the account's suppression list in us-west-2 \(BOUNCE\)/);
  });

  test('port 587 blocked (nothing listening there)', async () => {
    const key = await iamUser('port-user', SEND_POLICY);
    const smtp = await smtpServer('eu-central-1', [{ ...key }]);
    const r = await doctor(
      {
        ...creds(key, 'eu-central-1'),
        from: 'noreply@nabavki.example',
      },
      smtp,
      [587],
    );
    assert.equal(r.findings[0].cause, 'port-blocked', top(r));
    assert.match(r.headline, /^Port 587 on 127\.0\.0\.1 is blocked from here/);
    assert.match(r.findings[0].fix!, /Use port 2587/);
  });

  test("a key from another account than the profile's: the login passes, so the lookup is a note, not the cause", async () => {
    const foreign = {
      accessKeyId: 'AKIAFOREIGNKEY000001',
      secretAccessKey: 'foreignSecretKeyForTheLocalServerOnly012',
    };
    peerOptions.foreignKeys = { [foreign.accessKeyId]: '999999999999' };
    const args = { ...creds(foreign, 'eu-central-1'), from: 'app@foreign.example' };
    const accepts = await smtpServer('eu-central-1', [foreign]);
    const r = await doctor(args, accepts);
    assert.ok(
      r.findings.some((f) => f.check === 'login' && f.verdict === 'pass'),
      top(r),
    );
    assert.ok(!r.findings.some((f) => f.check === 'key' && f.verdict === 'fail'), top(r));
    const note = r.findings.find((f) => f.cause === 'key-seen-from-other-account');
    assert.ok(note, top(r));
    assert.equal(note.verdict, 'skipped');
    assert.match(note.title, /of account 999999999999; the AWS profile is in account 123456789012/);
    assert.doesNotMatch(r.headline, /belongs to account|does not exist/);

    // The profile may not call sts:GetAccessKeyInfo: IAM does not know the key, the login still passes.
    peerOptions.deny = ['sts:GetAccessKeyInfo'];
    try {
      const blind = await doctor(args, accepts);
      assert.equal(
        blind.findings.find((f) => f.check === 'key' && f.verdict === 'fail'),
        undefined,
        top(blind),
      );
      assert.match(
        blind.findings.find((f) => f.cause === 'key-not-visible')?.title ?? top(blind),
        /yet the SMTP login with it passed: the key belongs to another account than the profile's/,
      );
      assert.doesNotMatch(blind.headline, /does not exist/);
    } finally {
      peerOptions.deny = [];
    }

    // Near miss: SES refuses the key (535); then the foreign key is named first.
    const refuses = await smtpServer('eu-central-1', []);
    const refused = await doctor(args, refuses);
    assert.equal(refused.findings[0].cause, 'key-other-account', top(refused));
    assert.match(refused.headline, /belongs to account 999999999999, not to the profile's account 123456789012/);
  });
});
