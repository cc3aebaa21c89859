// Servers the e2e suite talks to, started by the launcher before the host and stopped after it.
// Their addresses reach the extension host as SES_E2E_* environment variables; the test CA
// reaches it as NODE_EXTRA_CA_CERTS (the host is a test host; the product never disables checks).
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSesSmtpServer, type SesServer } from '../support/sesSmtpServer';
import { startAwsPeer } from '../support/awsPeer';
import { startSesApiServer, tokensFor, type PeerRegion } from '../support/sesApiServer';
import { tenantSendingStatus, type PeerTenant } from '../support/sesApiTenants';
import type { SmtpTenant } from '../support/sesHeaderRules';
import { startDnsmasq } from '../support/dnsmasq';
import { sesSmtpDnsRecords } from '../support/sesSmtpDns';
import { testCertificate } from '../support/tls';
import { startIamLearningProxy } from '../support/iamLearningProxy';
import { makeStubClis } from '../support/stubClis';

export interface Fixtures {
  env: Record<string, string>;
  stop(): Promise<void>;
}

export const E2E_ACCESS_KEY = 'AKIAE2ETESTEXAMPLE01';
// A made-up secret used only against the local SES-like server.
export const E2E_SECRET = 'e2eSecretKeyForTheLocalServerOnly0123456';
export const E2E_REGION = 'eu-west-1';

/** The DKIM kinds in the SES API peer: two regions the other explorer tests do not choose. */
const DKIM_KINDS: Record<string, PeerRegion> = {
  'us-east-1': { identities: [{ name: 'global.example.com' }] },
  'eu-central-1': {
    identities: [
      { name: 'easy.example.com', signingHostedZone: 'dkim.eu-central-1.amazonses.com' },
      { name: 'legacy.example.com', signingHostedZone: null, currentKeyLength: 'RSA_1024_BIT' },
      { name: 'byo.example.com', dkimOrigin: 'EXTERNAL', dkimTokens: ['sel2026'] },
      { name: 'global.example.com', dkimOrigin: 'AWS_SES_US_EAST_1' },
    ],
  },
};

/**
 * The SES tenants of eu-west-1 (tenants.e2e.test.ts), the same in the SES API peer (ListTenants,
 * GetTenant, resources, reputation) and in the SES-like SMTP server (X-SES-TENANT): acme sends with
 * example.com (README's tenant example), verified.example.com and e2e-events; globex has
 * verified.example.com and e2e-events and is paused by its owner; initech was paused by SES for its
 * reputation and has example.com and e2e-quiet.
 */
export const E2E_TENANTS: readonly PeerTenant[] = [
  {
    name: 'acme',
    identities: ['example.com', 'verified.example.com'],
    configurationSets: ['e2e-events'],
    templates: ['welcome'],
    impact: 'LOW',
  },
  {
    name: 'globex',
    customerStatus: 'DISABLED',
    customerCause: 'Paused while the new list is cleaned.',
    identities: ['verified.example.com'],
    configurationSets: ['e2e-events'],
  },
  {
    name: 'initech',
    sesStatus: 'DISABLED',
    sesCause: 'The bounce rate went over 10%.',
    impact: 'HIGH',
    identities: ['example.com'],
    configurationSets: ['e2e-quiet'],
  },
];

/** The tenants as the SES-like SMTP server knows them: paused or not, and their resources. */
function smtpTenants(tenants: readonly PeerTenant[]): Record<string, SmtpTenant> {
  return Object.fromEntries(
    tenants.map((t) => [
      t.name,
      {
        paused: tenantSendingStatus(t) === 'DISABLED',
        identities: t.identities ?? [],
        configurationSets: t.configurationSets ?? [],
      },
    ]),
  );
}

export async function startFixtures(): Promise<Fixtures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ses-e2e-'));
  // The AWS API peer first: the SES-like server publishes SES's events through its configuration
  // sets' SNS destinations (delivery tracking, delivery.e2e.test.ts).
  const awsPeer = await startAwsPeer();
  const smtp: SesServer = await startSesSmtpServer({
    events: awsPeer,
    region: E2E_REGION,
    tls: 'starttls',
    users: [{ accessKeyId: E2E_ACCESS_KEY, secretAccessKey: E2E_SECRET }],
    // verified.example.com: also verified in the SES API peer's eu-west-1, so a send with the explorer on gets no warning.
    verified: ['example.com', 'verified.example.com'],
    sandbox: true,
    // The sets the SES API peer lists for eu-west-1 (sendOptions.e2e.test.ts); any other is refused as SES does.
    configurationSets: ['e2e-events', 'e2e-quiet'],
    // The tenants the SES API peer lists for eu-west-1 (tenants.e2e.test.ts).
    tenants: smtpTenants(E2E_TENANTS),
  });
  // An SES-like server that learns no key: a rotation against it never passes its login check and is
  // still retrying when the window reloads (rotation.e2e.test.ts, rotation.reload.e2e.test.ts).
  const smtpNoKeys: SesServer = await startSesSmtpServer({ region: E2E_REGION, tls: 'starttls', users: [] });
  // An SES-like server that answers 454 past 3 messages a second (burst.e2e.test.ts), with the
  // certificate the host trusts: a burst verifies certificates as usual.
  const smtpThrottled: SesServer = await startSesSmtpServer({
    region: E2E_REGION,
    tls: 'starttls',
    users: [{ accessKeyId: E2E_ACCESS_KEY, secretAccessKey: E2E_SECRET }],
    verified: ['example.com'],
    maxSendRate: 3,
  });
  // A relay with a self-signed certificate of its own (not in NODE_EXTRA_CA_CERTS), for trusting a
  // certificate by its fingerprint; /relay/change restarts it on the same port with another
  // certificate, as a relay that got a new one (trust.e2e.test.ts).
  const relayCerts = [1, 2].map((n) => testCertificate({ names: 'DNS:localhost,IP:127.0.0.1', days: 2 + n }));
  const relayOptions = {
    region: E2E_REGION,
    tls: 'starttls' as const,
    users: [{ accessKeyId: E2E_ACCESS_KEY, secretAccessKey: E2E_SECRET }],
    verified: ['example.com'],
    certificate: relayCerts[0],
  };
  let relay: SesServer = await startSesSmtpServer(relayOptions);
  const changeRelayCertificate = async (): Promise<void> => {
    const port = relay.port;
    await relay.stop();
    relay = await startSesSmtpServer({ ...relayOptions, port, certificate: relayCerts[1] });
  };
  // IAM through a proxy that teaches the SMTP server each new key after 2 s (rotation.e2e.test.ts).
  const iamProxy = await startIamLearningProxy(awsPeer.endpoint, smtp, { activeAfterMs: 2000 });
  // A second SES endpoint with data of its own (DKIM states and tokens, MAIL FROM, 10,000 identities,
  // AccessDenied), for the same profile.
  const sesApi = await startSesApiServer({
    accessKeyIds: [awsPeer.credentials.accessKeyId],
    regions: {
      'eu-west-1': {
        identities: [
          { name: 'verified.example.com', mailFromDomain: 'mail.verified.example.com', mailFromStatus: 'SUCCESS' },
          {
            name: 'pending.example.com',
            verificationStatus: 'PENDING',
            dkimStatus: 'PENDING',
            mailFromDomain: 'bounce.pending.example.com',
            mailFromStatus: 'PENDING',
          },
          { name: 'failed.example.org', verificationStatus: 'FAILED', dkimStatus: 'FAILED' },
          { name: 'flaky.example.net', dkimStatus: 'TEMPORARY_FAILURE' },
          { name: 'noreply@verified.example.com' },
        ],
        // GetMessageInsights (VDM) for one message id (delivery.e2e.test.ts: Where Is without tracking).
        insights: {
          '0100018cabcdef01-22222222-3333-4444-5555-666666666666-000000': [
            {
              Destination: 'bounce@simulator.amazonses.com',
              Isp: 'Amazon SES',
              Events: [
                { Timestamp: 1765101600, Type: 'SEND' },
                {
                  Timestamp: 1765101601,
                  Type: 'BOUNCE',
                  Details: {
                    Bounce: {
                      BounceType: 'PERMANENT',
                      BounceSubType: 'General',
                      DiagnosticCode: 'smtp; 550 5.1.1 user unknown',
                    },
                  },
                },
              ],
            },
          ],
        },
        configurationSets: {
          'e2e-events': [
            {
              Name: 'to-sns',
              Enabled: true,
              MatchingEventTypes: ['SEND', 'BOUNCE', 'COMPLAINT'],
              SnsDestination: { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-events' },
            },
          ],
          'e2e-quiet': [],
        },
        // The SMTP server's tenants (above): fresh copies, since a region's tenants are live.
        tenants: E2E_TENANTS.map((t) => ({ ...t })),
      },
      'us-east-2': {
        identities: Array.from({ length: 10_000 }, (_, i) => ({
          name: `user${String(i).padStart(5, '0')}@big.example.com`,
        })),
        account: { productionAccessEnabled: true, max24HourSend: 100_000, maxSendRate: 50, sentLast24Hours: 4321 },
      },
      'ap-south-1': {
        fail: {
          status: 403,
          type: 'AccessDeniedException',
          message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ses:ListEmailIdentities',
        },
      },
      // The kinds of DKIM (explorer-dkim-kinds.e2e.test.ts): Easy DKIM with the signing zone SES
      // returned, Easy DKIM from before SigningHostedZone with a 1024-bit key, Bring Your Own DKIM,
      // and a Deterministic Easy DKIM replica of the identity in us-east-1.
      ...DKIM_KINDS,
    },
  });
  // A DNS server with pending.example.com half set up: two DKIM CNAMEs right, one pointing
  // elsewhere, the MAIL FROM MX in place, its SPF missing, DMARC present.
  const [t1, t2, t3] = tokensFor('pending.example.com');
  const dnsServer = await startDnsmasq({
    localDomains: ['pending.example.com'],
    cname: [
      [`${t1}._domainkey.pending.example.com`, `${t1}.dkim.amazonses.com`],
      [`${t2}._domainkey.pending.example.com`, `${t2}.dkim.amazonses.com`],
      [`${t3}._domainkey.pending.example.com`, 'old-selector.dkim.example.net'],
    ],
    mx: [['bounce.pending.example.com', 'feedback-smtp.eu-west-1.amazonses.com', 10]],
    txt: [['_dmarc.pending.example.com', 'v=DMARC1; p=none;']],
  });
  // The DKIM kinds' DNS: legacy.example.com's CNAMEs point to an old token, through a chain, and
  // elsewhere; byo.example.com publishes a 2048-bit key; easy.example.com has nothing yet.
  const [l1, l2, l3] = tokensFor('legacy.example.com');
  const byoKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' });
  const kindsDns = await startDnsmasq({
    localDomains: ['legacy.example.com', 'byo.example.com', 'easy.example.com', 'relay.example.net'],
    cname: [
      [`${l1}._domainkey.legacy.example.com`, `${'0'.repeat(32)}.dkim.amazonses.com`],
      [`${l2}._domainkey.legacy.example.com`, 'dkim2.relay.example.net'],
      ['dkim2.relay.example.net', `${l2}.dkim.amazonses.com`],
      [`${l3}._domainkey.legacy.example.com`, 'dkim.mail-provider.example.org'],
    ],
    txt: [['sel2026._domainkey.byo.example.com', `v=DKIM1; k=rsa; p=${byoKey.toString('base64')}`]],
  });
  // The extension's resolver for SES SMTP hosts (user setting dns.servers, written by launch.ts): every
  // region of the API table has its email-smtp host except ap-south-2 and eu-central-2, which answer
  // NXDOMAIN as AWS's DNS does. Addresses are TEST-NET: nothing connects to them.
  const sesDns = await startDnsmasq(sesSmtpDnsRecords());
  // A shared credentials file with a profile for the AWS API peer, as a user's ~/.aws/credentials would have.
  const credentialsFile = path.join(dir, 'aws-credentials');
  writeFileSync(
    credentialsFile,
    `[e2e]\naws_access_key_id = ${awsPeer.credentials.accessKeyId}\naws_secret_access_key = ${awsPeer.credentials.secretAccessKey}\nregion = eu-west-1\n`,
  );
  const caFile = path.join(dir, 'ca.pem');
  writeFileSync(caFile, smtp.ca);
  // Lets tests read what the SMTP server received.
  const info = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/received') res.end(JSON.stringify(smtp.received.map(({ raw: _raw, ...m }) => m)));
    else if (req.url === '/received/raw') res.end(JSON.stringify(smtp.received));
    else if (req.url === '/auth') res.end(JSON.stringify(smtp.authAttempts));
    else if (req.url === '/sesapi/requests') res.end(JSON.stringify(sesApi.requests));
    else if (req.url === '/relay/received') res.end(JSON.stringify(relay.received.map(({ raw: _raw, ...m }) => m)));
    else if (req.url === '/relay/fingerprints')
      res.end(JSON.stringify(relayCerts.map((c) => new X509Certificate(c.cert).fingerprint256)));
    else if (req.url === '/throttled/count') res.end(JSON.stringify({ throttled: smtpThrottled.rateThrottled() }));
    else if (req.url === '/relay/change') void changeRelayCertificate().then(() => res.end('{"changed":true}'));
    else res.end('{}');
  });
  await new Promise<void>((r) => info.listen(0, '127.0.0.1', r));
  // The stub CLIs of Push SMTP Settings To… (gh, heroku, fly, vercel, kubectl) first on the host's PATH
  // (index.ts puts them back in front when the host's login shell has reset PATH).
  const stubClis = makeStubClis();
  return {
    env: {
      PATH: stubClis.path(),
      SES_E2E_STUB_CLIS: stubClis.dir,
      NODE_EXTRA_CA_CERTS: caFile,
      SES_E2E_SMTP_HOST: '127.0.0.1',
      SES_E2E_SMTP_PORT: String(smtp.port),
      SES_E2E_SMTP_REGION: E2E_REGION,
      SES_E2E_ACCESS_KEY: E2E_ACCESS_KEY,
      SES_E2E_SECRET: E2E_SECRET,
      SES_E2E_AWS_URL: awsPeer.endpoint,
      SES_E2E_IAM_URL: iamProxy.endpoint,
      SES_E2E_SMTP_NOKEYS_PORT: String(smtpNoKeys.port),
      SES_E2E_SMTP_THROTTLED_PORT: String(smtpThrottled.port),
      SES_E2E_RELAY_PORT: String(relay.port),
      SES_E2E_SESAPI_URL: sesApi.endpoint,
      SES_E2E_DNS: dnsServer.address,
      SES_E2E_DKIM_DNS: kindsDns.address,
      SES_E2E_SES_DNS: sesDns.address,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      AWS_CONFIG_FILE: path.join(dir, 'aws-config-none'),
      SES_E2E_FIXTURES_URL: `http://127.0.0.1:${(info.address() as net.AddressInfo).port}`,
    },
    async stop() {
      stubClis.remove();
      await new Promise<void>((r) => info.close(() => r()));
      await smtp.stop();
      await iamProxy.stop();
      await smtpNoKeys.stop();
      await smtpThrottled.stop();
      await relay.stop();
      await awsPeer.stop();
      await sesApi.stop();
      await dnsServer.stop();
      await kindsDns.stop();
      await sesDns.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
