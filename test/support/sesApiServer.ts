// An SES API v2 peer on 127.0.0.1 for what moto_server 5.2.1 cannot answer: DKIM states other
// than NOT_STARTED/SUCCESS, DKIM tokens, MAIL FROM attributes, GetAccount, PageSize and NextToken
// paging past 100 identities. It speaks the REST-JSON protocol the SDK's SESv2Client sends (same
// paths, query names, error headers and bodies as SES) for the operations the explorer uses:
// ListEmailIdentities, GetEmailIdentity, GetAccount, CreateEmailIdentity, DeleteEmailIdentity.
// The region comes from the SigV4 credential scope of each request, as SES's regional endpoints
// keep their data apart; an unknown access key gets SES's 403. Signatures are not recomputed.
import http from 'node:http';
import type net from 'node:net';
import { createHash } from 'node:crypto';

export type PeerStatus = 'PENDING' | 'SUCCESS' | 'FAILED' | 'TEMPORARY_FAILURE' | 'NOT_STARTED';

export interface PeerIdentity {
  name: string;
  verificationStatus?: PeerStatus;
  dkimStatus?: PeerStatus;
  /** Defaults to three tokens derived from the name (domains only). */
  dkimTokens?: string[];
  mailFromDomain?: string;
  mailFromStatus?: PeerStatus;
  sendingEnabled?: boolean;
}

export interface PeerAccount {
  productionAccessEnabled: boolean;
  sendingEnabled?: boolean;
  enforcementStatus?: string;
  max24HourSend?: number;
  maxSendRate?: number;
  sentLast24Hours?: number;
}

export interface PeerRegion {
  identities?: PeerIdentity[];
  /** undefined: a sandbox account with SES's sandbox quota. */
  account?: PeerAccount;
  /** Every call in this region fails like this (e.g. 403 AccessDeniedException). */
  fail?: { status: number; type: string; message: string };
}

export interface SesApiServer {
  endpoint: string;
  /** Requests seen, as "METHOD path region". */
  requests: string[];
  identities(region: string): PeerIdentity[];
  stop(): Promise<void>;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

export function tokensFor(name: string): string[] {
  return [0, 1, 2].map((i) => createHash('sha256').update(`${name}#${i}`).digest('hex').slice(0, 32));
}

function parseScope(auth: string | undefined): { accessKeyId: string; region: string } | undefined {
  const m = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/ses\/aws4_request/.exec(auth ?? '');
  return m ? { accessKeyId: m[1], region: m[2] } : undefined;
}

export async function startSesApiServer(options: { accessKeyIds: string[]; regions?: Record<string, PeerRegion> }): Promise<SesApiServer> {
  const regions = new Map<string, PeerRegion>(Object.entries(options.regions ?? {}));
  const requests: string[] = [];
  const regionData = (region: string): PeerRegion & { identities: PeerIdentity[] } => {
    let r = regions.get(region);
    if (!r) regions.set(region, (r = {}));
    r.identities ??= [];
    return r as PeerRegion & { identities: PeerIdentity[] };
  };
  const type = (name: string): 'DOMAIN' | 'EMAIL_ADDRESS' => (name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN');

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown, errorType?: string): void => {
        const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': createHash('md5').update(String(requests.length)).digest('hex') };
        if (errorType) headers['x-amzn-errortype'] = `${errorType}:http://internal.amazon.com/coral/com.amazonaws.sesv2/`;
        res.writeHead(status, headers);
        res.end(JSON.stringify(body));
      };
      const fail = (status: number, errorType: string, message: string): void => send(status, { message }, errorType);
      const url = new URL(req.url ?? '/', 'http://peer');
      const scope = parseScope(req.headers.authorization);
      requests.push(`${req.method} ${url.pathname} ${scope?.region ?? '-'}`);
      if (!scope) return fail(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      if (!options.accessKeyIds.includes(scope.accessKeyId)) return fail(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
      const region = regionData(scope.region);
      if (region.fail) return fail(region.fail.status, region.fail.type, region.fail.message);
      const path = url.pathname;

      if (req.method === 'GET' && path === '/v2/email/account') {
        const a = region.account ?? { productionAccessEnabled: false };
        return send(200, {
          DedicatedIpAutoWarmupEnabled: false,
          EnforcementStatus: a.enforcementStatus ?? 'HEALTHY',
          ProductionAccessEnabled: a.productionAccessEnabled,
          SendingEnabled: a.sendingEnabled ?? true,
          SendQuota: { Max24HourSend: a.max24HourSend ?? (a.productionAccessEnabled ? 50000 : 200), MaxSendRate: a.maxSendRate ?? (a.productionAccessEnabled ? 14 : 1), SentLast24Hours: a.sentLast24Hours ?? 0 },
        });
      }
      if (req.method === 'GET' && path === '/v2/email/identities') {
        const sizeParam = url.searchParams.get('PageSize');
        const size = sizeParam === null ? DEFAULT_PAGE : Number(sizeParam);
        if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE) return fail(400, 'BadRequestException', `PageSize must be between 0 and ${MAX_PAGE}.`);
        const token = url.searchParams.get('NextToken');
        let start = 0;
        if (token !== null) {
          const decoded = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
          if (!decoded) return fail(400, 'BadRequestException', 'Invalid NextToken.');
          start = Number(decoded[1]);
        }
        const page = region.identities.slice(start, start + (size || DEFAULT_PAGE));
        const next = start + page.length < region.identities.length ? Buffer.from(`offset:${start + page.length}`).toString('base64') : undefined;
        return send(200, {
          EmailIdentities: page.map((i) => ({ IdentityType: type(i.name), IdentityName: i.name, SendingEnabled: i.sendingEnabled ?? true, VerificationStatus: i.verificationStatus ?? 'SUCCESS' })),
          ...(next ? { NextToken: next } : {}),
        });
      }
      const one = /^\/v2\/email\/identities\/([^/]+)$/.exec(path);
      if (one) {
        const name = decodeURIComponent(one[1]);
        const at = region.identities.findIndex((i) => i.name === name);
        if (req.method === 'GET') {
          if (at < 0) return fail(404, 'NotFoundException', `Email identity ${name} does not exist.`);
          const i = region.identities[at];
          const domain = type(name) === 'DOMAIN';
          return send(200, {
            IdentityType: type(name),
            VerificationStatus: i.verificationStatus ?? 'SUCCESS',
            VerifiedForSendingStatus: (i.verificationStatus ?? 'SUCCESS') === 'SUCCESS',
            FeedbackForwardingStatus: true,
            DkimAttributes: domain
              ? { SigningEnabled: true, Status: i.dkimStatus ?? 'SUCCESS', Tokens: i.dkimTokens ?? tokensFor(name), SigningAttributesOrigin: 'AWS_SES', CurrentSigningKeyLength: 'RSA_2048_BIT', NextSigningKeyLength: 'RSA_2048_BIT', LastKeyGenerationTimestamp: 1764000000 }
              : { SigningEnabled: false, Status: 'NOT_STARTED' },
            ...(i.mailFromDomain ? { MailFromAttributes: { MailFromDomain: i.mailFromDomain, MailFromDomainStatus: i.mailFromStatus ?? 'PENDING', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' } } : {}),
            Policies: {},
            Tags: [],
          });
        }
        if (req.method === 'DELETE') {
          if (at < 0) return fail(404, 'NotFoundException', `Email identity ${name} does not exist.`);
          region.identities.splice(at, 1);
          return send(200, {});
        }
      }
      if (req.method === 'POST' && path === '/v2/email/identities') {
        let body: { EmailIdentity?: string };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          return fail(400, 'BadRequestException', 'Request body is not JSON.');
        }
        const name = body.EmailIdentity ?? '';
        if (!name) return fail(400, 'BadRequestException', 'EmailIdentity is required.');
        if (region.identities.some((i) => i.name === name)) return fail(400, 'AlreadyExistsException', `Email identity ${name} already exist.`);
        const created: PeerIdentity = { name, verificationStatus: 'PENDING', dkimStatus: 'PENDING' };
        region.identities.push(created);
        const domain = type(name) === 'DOMAIN';
        return send(200, { IdentityType: type(name), VerifiedForSendingStatus: false, DkimAttributes: domain ? { SigningEnabled: true, Status: 'PENDING', Tokens: tokensFor(name) } : { SigningEnabled: false, Status: 'NOT_STARTED' } });
      }
      return fail(404, 'UnknownOperationException', `No operation for ${req.method} ${path}.`);
    });
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    identities: (region) => regionData(region).identities,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
