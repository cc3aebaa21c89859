// The SES API v2 of the tests on 127.0.0.1: the SES part of the AWS API peer (test/support/awsPeer.ts,
// createSesApi) and, started alone with data of its own, a second SES endpoint (startSesApiServer).
// It speaks the REST-JSON protocol the SDK's current SESv2Client sends (same paths, JSON bodies,
// error headers and bodies as SES): ListEmailIdentities (POST /v2/email/list-identities, PageSize
// and NextToken paging), GetEmailIdentity, GetAccount, CreateEmailIdentity, DeleteEmailIdentity,
// PutEmailIdentityDkimSigningAttributes, the configuration sets (sesApiConfigSets.ts), for the
// doctor, GetSuppressedDestination from each region's suppression list, and GetMessageInsights
// (GET /v2/email/insights/{MessageId}) from each region's insights, and tenants (sesApiTenants.ts). DKIM answers carry every
// state and the tokens, SigningHostedZone, the origin (AWS_SES, EXTERNAL for Bring Your Own DKIM,
// AWS_SES_<REGION> for Deterministic Easy DKIM, whose tokens are the parent region's identity's)
// and the key lengths; MAIL FROM attributes too.
// The region comes from the SigV4 credential scope of each request, as SES's regional endpoints
// keep their data apart; an unknown access key gets SES's 403. Signatures are not recomputed.
import http from 'node:http';
import type net from 'node:net';
import { createHash, createPrivateKey } from 'node:crypto';
import { configurationSetRoute, type PeerConfigurationSets } from './sesApiConfigSets';
import { tenantRoute, type PeerTenant } from './sesApiTenants';

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
  /** SigningAttributesOrigin; default AWS_SES. AWS_SES_<REGION>: tokens default to that region's identity's. */
  dkimOrigin?: string;
  /** Default dkim.amazonses.com; null: the field is left out (answers from before December 2025). */
  signingHostedZone?: string | null;
  /** Default RSA_2048_BIT for SES's own keys; absent for EXTERNAL. */
  currentKeyLength?: PeerKeyLength;
  nextKeyLength?: PeerKeyLength;
  /** Epoch seconds. */
  lastKeyGenerationTimestamp?: number;
}

export type PeerKeyLength = 'RSA_1024_BIT' | 'RSA_2048_BIT';
const KEY_LENGTHS: readonly string[] = ['RSA_1024_BIT', 'RSA_2048_BIT'];
export const DEFAULT_SIGNING_ZONE = 'dkim.amazonses.com';

export interface PeerAccount {
  productionAccessEnabled: boolean;
  /** Auto Validation at the account level (GetAccount SuppressionAttributes.ValidationAttributes). */
  autoValidation?: { enabled: boolean; threshold?: 'MEDIUM' | 'HIGH' | 'MANAGED' };
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
  /** The account-level suppression list: address → reason (BOUNCE or COMPLAINT). */
  suppressed?: Record<string, 'BOUNCE' | 'COMPLAINT'>;
  /** Configuration sets and their event destinations (ListConfigurationSets, GetConfigurationSetEventDestinations). */
  configurationSets?: PeerConfigurationSets;
  /**
   * GetMessageInsights' answers by message id (accounts with Virtual Deliverability Manager); an id
   * not here is SES's NotFoundException. Timestamps are epoch seconds, as the wire carries them.
   */
  insights?: Record<string, Array<{ Destination: string; Isp?: string; Events: Array<Record<string, unknown>> }>>;
  /** Tenants (tenant management: ListTenants, GetTenant, resources, reputation, tenant suppression: sesApiTenants.ts). */
  tenants?: PeerTenant[];
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

export interface SesApiOptions {
  /** The access keys SES knows (a list, or a test over the key id). */
  accessKeyIds: string[] | ((accessKeyId: string) => boolean);
  regions?: Record<string, PeerRegion>;
  /**
   * Operations this endpoint does not offer, as SES-compatible emulators lack them: GetAccount
   * answers 404 UnknownOperationException, a ListEmailIdentities with PageSize 500 InternalFailure.
   */
  lacks?: Array<'GetAccount' | 'PageSize'>;
}

/** The SES API v2 as a request handler (for startSesApiServer and the AWS API peer). */
export interface SesApi {
  requests: string[];
  identities(region: string): PeerIdentity[];
  /** A region's configuration sets (live: what the API created is in it). */
  configurationSets(region: string): PeerConfigurationSets;
  /** A region's tenants (live: a test may pause one or change its resources). */
  tenants(region: string): PeerTenant[];
  handle(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void;
}

export function createSesApi(options: SesApiOptions): SesApi {
  const knows =
    typeof options.accessKeyIds === 'function'
      ? options.accessKeyIds
      : (id: string): boolean => (options.accessKeyIds as string[]).includes(id);
  const lacks = new Set(options.lacks ?? []);
  const regions = new Map<string, PeerRegion>(Object.entries(options.regions ?? {}));
  const requests: string[] = [];
  const regionData = (region: string): PeerRegion & { identities: PeerIdentity[] } => {
    let r = regions.get(region);
    if (!r) regions.set(region, (r = {}));
    r.identities ??= [];
    return r as PeerRegion & { identities: PeerIdentity[] };
  };
  const type = (name: string): 'DOMAIN' | 'EMAIL_ADDRESS' => (name.includes('@') ? 'EMAIL_ADDRESS' : 'DOMAIN');
  const origin = (i: PeerIdentity): string => i.dkimOrigin ?? 'AWS_SES';
  const sesKeys = (i: PeerIdentity): boolean => origin(i) !== 'EXTERNAL';
  const tokensOf = (i: PeerIdentity): string[] => {
    if (i.dkimTokens) return i.dkimTokens;
    const parent = /^AWS_SES_(.+)$/.exec(origin(i));
    const parentIdentity = parent
      ? regions.get(parent[1].toLowerCase().replace(/_/g, '-'))?.identities?.find((p) => p.name === i.name)
      : undefined;
    return parentIdentity ? tokensOf(parentIdentity) : tokensFor(i.name);
  };
  const zoneOf = (i: PeerIdentity): Record<string, string> =>
    sesKeys(i) && i.signingHostedZone !== null
      ? { SigningHostedZone: i.signingHostedZone ?? DEFAULT_SIGNING_ZONE }
      : {};
  const dkimAttributes = (i: PeerIdentity): Record<string, unknown> => ({
    SigningEnabled: true,
    Status: i.dkimStatus ?? 'SUCCESS',
    Tokens: tokensOf(i),
    ...zoneOf(i),
    SigningAttributesOrigin: origin(i),
    ...(sesKeys(i)
      ? {
          CurrentSigningKeyLength: i.currentKeyLength ?? 'RSA_2048_BIT',
          NextSigningKeyLength: i.nextKeyLength ?? i.currentKeyLength ?? 'RSA_2048_BIT',
        }
      : {}),
    LastKeyGenerationTimestamp: i.lastKeyGenerationTimestamp ?? 1764000000,
  });
  const readBody = <T>(chunks: Buffer[]): T | undefined => {
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as T;
    } catch {
      return undefined;
    }
  };
  const privateKeyBits = (base64: string): number | undefined => {
    const der = Buffer.from(base64, 'base64');
    for (const t of ['pkcs8', 'pkcs1'] as const) {
      try {
        const k = createPrivateKey({ key: der, format: 'der', type: t });
        return k.asymmetricKeyType === 'rsa' ? k.asymmetricKeyDetails?.modulusLength : undefined;
      } catch {
        // next encoding
      }
    }
    return undefined;
  };

  const handle = (req: http.IncomingMessage, bodyBytes: Buffer, res: http.ServerResponse): void => {
    const chunks = [bodyBytes];
    {
      const send = (status: number, body: unknown, errorType?: string): void => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          'x-amzn-requestid': createHash('md5').update(String(requests.length)).digest('hex'),
        };
        if (errorType)
          headers['x-amzn-errortype'] = `${errorType}:http://internal.amazon.com/coral/com.amazonaws.sesv2/`;
        res.writeHead(status, headers);
        res.end(JSON.stringify(body));
      };
      const fail = (status: number, errorType: string, message: string): void => send(status, { message }, errorType);
      const url = new URL(req.url ?? '/', 'http://peer');
      const scope = parseScope(req.headers.authorization);
      requests.push(`${req.method} ${url.pathname} ${scope?.region ?? '-'}`);
      if (!scope) return fail(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      if (!knows(scope.accessKeyId))
        return fail(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
      const region = regionData(scope.region);
      if (region.fail) return fail(region.fail.status, region.fail.type, region.fail.message);
      const path = url.pathname;

      if (req.method === 'GET' && path === '/v2/email/account') {
        if (lacks.has('GetAccount'))
          return fail(404, 'UnknownOperationException', `No operation for ${req.method} ${path}.`);
        const a = region.account ?? { productionAccessEnabled: false };
        return send(200, {
          DedicatedIpAutoWarmupEnabled: false,
          EnforcementStatus: a.enforcementStatus ?? 'HEALTHY',
          ProductionAccessEnabled: a.productionAccessEnabled,
          SendingEnabled: a.sendingEnabled ?? true,
          SendQuota: {
            Max24HourSend: a.max24HourSend ?? (a.productionAccessEnabled ? 50000 : 200),
            MaxSendRate: a.maxSendRate ?? (a.productionAccessEnabled ? 14 : 1),
            SentLast24Hours: a.sentLast24Hours ?? 0,
          },
          ...(a.autoValidation
            ? {
                SuppressionAttributes: {
                  SuppressedReasons: ['BOUNCE', 'COMPLAINT'],
                  ValidationAttributes: {
                    ConditionThreshold: {
                      ConditionThresholdEnabled: a.autoValidation.enabled ? 'ENABLED' : 'DISABLED',
                      ...(a.autoValidation.threshold
                        ? { OverallConfidenceThreshold: { ConfidenceVerdictThreshold: a.autoValidation.threshold } }
                        : {}),
                    },
                  },
                },
              }
            : {}),
        });
      }
      if (
        tenantRoute(
          req.method,
          url,
          readBody<Record<string, unknown>>(chunks),
          scope.region,
          (region.tenants ??= []),
          send,
          fail,
        )
      )
        return;
      const insight = /^\/v2\/email\/insights\/([^/]+)\/?$/.exec(path);
      if (insight && req.method === 'GET') {
        const id = decodeURIComponent(insight[1]);
        const found = region.insights?.[id];
        if (!found) return fail(404, 'NotFoundException', `No message with id ${id} was found.`);
        return send(200, { MessageId: id, Insights: found });
      }
      const suppression = /^\/v2\/email\/suppression\/addresses\/([^/]+)$/.exec(path);
      if (suppression && req.method === 'GET') {
        const address = decodeURIComponent(suppression[1]).toLowerCase();
        const reason = Object.entries(region.suppressed ?? {}).find(([a]) => a.toLowerCase() === address)?.[1];
        const missing = `Email address ${address} does not exist on your suppression list.`;
        if (!reason) return fail(404, 'NotFoundException', missing);
        const attributes = { MessageId: 'peer-message', FeedbackId: 'peer-feedback' };
        const when = { LastUpdateTime: 1764000000 };
        const destination = { EmailAddress: address, Reason: reason, ...when, Attributes: attributes };
        return send(200, { SuppressedDestination: destination });
      }
      // ListEmailIdentities: POST with a JSON body, as SDK clients since 3.1141 send it.
      if (req.method === 'POST' && path === '/v2/email/list-identities') {
        const posted = readBody<{ PageSize?: unknown; NextToken?: unknown }>(chunks);
        if (!posted) return fail(400, 'BadRequestException', 'Request body is not JSON.');
        const sizeParam = posted.PageSize === undefined ? null : String(posted.PageSize);
        if (sizeParam !== null && lacks.has('PageSize'))
          return fail(500, 'InternalFailure', 'The request processing has failed because of an unknown error.');
        const size = sizeParam === null ? DEFAULT_PAGE : Number(sizeParam);
        if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE)
          return fail(400, 'BadRequestException', `PageSize must be between 0 and ${MAX_PAGE}.`);
        const token = posted.NextToken === undefined ? null : String(posted.NextToken);
        let start = 0;
        if (token !== null) {
          const decoded = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64').toString('utf8'));
          if (!decoded) return fail(400, 'BadRequestException', 'Invalid NextToken.');
          start = Number(decoded[1]);
        }
        const page = region.identities.slice(start, start + (size || DEFAULT_PAGE));
        const next =
          start + page.length < region.identities.length
            ? Buffer.from(`offset:${start + page.length}`).toString('base64')
            : undefined;
        return send(200, {
          EmailIdentities: page.map((i) => ({
            IdentityType: type(i.name),
            IdentityName: i.name,
            SendingEnabled: i.sendingEnabled ?? true,
            VerificationStatus: i.verificationStatus ?? 'SUCCESS',
          })),
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
            DkimAttributes: domain ? dkimAttributes(i) : { SigningEnabled: false, Status: 'NOT_STARTED' },
            ...(i.mailFromDomain
              ? {
                  MailFromAttributes: {
                    MailFromDomain: i.mailFromDomain,
                    MailFromDomainStatus: i.mailFromStatus ?? 'PENDING',
                    BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
                  },
                }
              : {}),
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
      const signing = /^\/v2\/email\/identities\/([^/]+)\/dkim\/signing$/.exec(path);
      if (signing && req.method === 'PUT') {
        const name = decodeURIComponent(signing[1]);
        const i = region.identities.find((x) => x.name === name);
        if (!i) return fail(404, 'NotFoundException', `Email identity ${name} does not exist.`);
        if (type(name) !== 'DOMAIN')
          return fail(400, 'BadRequestException', 'DKIM signing attributes can only be set for a domain identity.');
        const body = readBody<{
          SigningAttributesOrigin?: string;
          SigningAttributes?: {
            NextSigningKeyLength?: string;
            DomainSigningSelector?: string;
            DomainSigningPrivateKey?: string;
          };
        }>(chunks);
        if (!body) return fail(400, 'BadRequestException', 'Request body is not JSON.');
        const attrs = body.SigningAttributes ?? {};
        if (body.SigningAttributesOrigin === 'AWS_SES') {
          if (attrs.NextSigningKeyLength !== undefined && !KEY_LENGTHS.includes(attrs.NextSigningKeyLength))
            return fail(400, 'BadRequestException', `Invalid NextSigningKeyLength: ${attrs.NextSigningKeyLength}.`);
          if (origin(i) !== 'AWS_SES') {
            // From BYODKIM or a replica to SES's own keys: new tokens, verification starts again.
            Object.assign(i, {
              dkimOrigin: 'AWS_SES',
              dkimTokens: tokensFor(`${name}#easy`),
              dkimStatus: 'PENDING',
              currentKeyLength: (attrs.NextSigningKeyLength as PeerKeyLength | undefined) ?? 'RSA_2048_BIT',
            });
          }
          if (attrs.NextSigningKeyLength) i.nextKeyLength = attrs.NextSigningKeyLength as PeerKeyLength;
        } else if (body.SigningAttributesOrigin === 'EXTERNAL') {
          if (!attrs.DomainSigningSelector || !attrs.DomainSigningPrivateKey)
            return fail(
              400,
              'BadRequestException',
              'DomainSigningSelector and DomainSigningPrivateKey are required for EXTERNAL.',
            );
          const bits = privateKeyBits(attrs.DomainSigningPrivateKey);
          if (bits !== 1024 && bits !== 2048)
            return fail(
              400,
              'BadRequestException',
              'DomainSigningPrivateKey must be a base64 1024 or 2048-bit RSA private key.',
            );
          Object.assign(i, {
            dkimOrigin: 'EXTERNAL',
            dkimTokens: [attrs.DomainSigningSelector],
            dkimStatus: 'PENDING',
            currentKeyLength: undefined,
            nextKeyLength: undefined,
          });
        } else {
          return fail(
            400,
            'BadRequestException',
            `SigningAttributesOrigin must be AWS_SES or EXTERNAL, not ${body.SigningAttributesOrigin}.`,
          );
        }
        return send(200, { DkimStatus: i.dkimStatus ?? 'SUCCESS', DkimTokens: tokensOf(i), ...zoneOf(i) });
      }
      if (req.method === 'POST' && path === '/v2/email/identities') {
        const body = readBody<{
          EmailIdentity?: string;
          DkimSigningAttributes?: { NextSigningKeyLength?: PeerKeyLength; DomainSigningSelector?: string };
        }>(chunks);
        if (!body) return fail(400, 'BadRequestException', 'Request body is not JSON.');
        const name = body.EmailIdentity ?? '';
        if (!name) return fail(400, 'BadRequestException', 'EmailIdentity is required.');
        if (region.identities.some((i) => i.name === name))
          return fail(400, 'AlreadyExistsException', `Email identity ${name} already exist.`);
        const selector = body.DkimSigningAttributes?.DomainSigningSelector;
        const length = body.DkimSigningAttributes?.NextSigningKeyLength;
        const created: PeerIdentity = {
          name,
          verificationStatus: 'PENDING',
          dkimStatus: 'PENDING',
          ...(selector
            ? { dkimOrigin: 'EXTERNAL', dkimTokens: [selector] }
            : length
              ? { currentKeyLength: length, nextKeyLength: length }
              : {}),
        };
        region.identities.push(created);
        const domain = type(name) === 'DOMAIN';
        return send(200, {
          IdentityType: type(name),
          VerifiedForSendingStatus: false,
          DkimAttributes: domain
            ? { SigningEnabled: true, Status: 'PENDING', Tokens: tokensOf(created) }
            : { SigningEnabled: false, Status: 'NOT_STARTED' },
        });
      }
      region.configurationSets ??= {};
      if (
        configurationSetRoute(
          req.method,
          url,
          readBody<Record<string, unknown>>(chunks),
          region.configurationSets,
          send,
          fail,
        )
      )
        return;
      return fail(404, 'UnknownOperationException', `No operation for ${req.method} ${path}.`);
    }
  };
  return {
    requests,
    identities: (region) => regionData(region).identities,
    configurationSets: (region) => (regionData(region).configurationSets ??= {}),
    tenants: (region) => (regionData(region).tenants ??= []),
    handle,
  };
}

export async function startSesApiServer(options: SesApiOptions): Promise<SesApiServer> {
  const api = createSesApi(options);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => api.handle(req, Buffer.concat(chunks), res));
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
    requests: api.requests,
    identities: api.identities,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
