// The project's own AWS API peer on 127.0.0.1, for the tests, e2e fixtures and bench: one HTTP
// endpoint for every AWS service the extension calls, each in its own wire protocol, as the SDK's
// current clients send it:
//   SES API v2 (REST-JSON)           test/support/sesApiServer.ts
//   IAM and STS (Query, XML)         test/support/awsPeerIam.ts
//   Secrets Manager, SSM (JSON 1.1)  test/support/awsPeerJson.ts
//   SNS (Query, XML), SQS (JSON 1.0) test/support/awsPeerSnsSqs.ts
//   Mail Manager (JSON 1.0)          test/support/awsPeerMailManager.ts
// SES's event publishing (publishSesEvent, used by the SES-like SMTP server) goes from a
// configuration set's SNS event destination to the topic and on to its subscribed queues.
// The service is read from the SigV4 credential scope of the Authorization header, the caller from
// its access key: the peer's own key (the account's root) or a key CreateAccessKey made for an IAM
// user. A key the account does not know, or an Inactive one, is refused with the service's own
// error (signatures are not recomputed). A key's use is recorded for GetAccessKeyLastUsed.
// One account (123456789012); SES, Secrets Manager and SSM data are kept per region.
import http from 'node:http';
import type net from 'node:net';
import { createSesApi, type PeerRegion, type SesApi } from './sesApiServer';
import { IamState, queryError, type PeerAccessKey } from './awsPeerIam';
import { JsonServices, jsonError } from './awsPeerJson';
import { SnsSqsState, snsError, sqsError } from './awsPeerSnsSqs';
import { MailManagerState } from './awsPeerMailManager';

export interface AwsPeer {
  endpoint: string;
  /** The account root's key: every request the tests sign with it is allowed. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  account: string;
  /** "service:Action" (SES: "ses:METHOD path") of each request seen. */
  requests: string[];
  /** The IAM users' access keys, secrets included (for tests that look for leaked secrets). */
  accessKeys(): PeerAccessKey[];
  ses: SesApi;
  /** SNS topics and SQS queues, per region (snapshot for before/after comparisons, injected faults). */
  snsSqs: SnsSqsState;
  /** Mail Manager's ingress points and rule sets, per region. */
  mailManager: MailManagerState;
  /**
   * What SES does after accepting a mail sent with a configuration set: each event goes to the
   * set's enabled SNS destinations matching its type. Returns how many topics took it.
   */
  publishSesEvent(region: string, configurationSet: string, eventType: string, event: object): number;
  stop(): Promise<void>;
}

export interface AwsPeerOptions {
  /** SES data to start with, per region. */
  sesRegions?: Record<string, PeerRegion>;
  /** SES operations this endpoint lacks, as SES-compatible emulators do (see sesApiServer.ts). */
  sesLacks?: Array<'GetAccount' | 'PageSize'>;
}

export const PEER_CREDENTIALS = {
  accessKeyId: 'AKIAPEERROOTEXAMPLE1',
  secretAccessKey: 'peerRootSecretKeyExample000000000000000',
};
export const PEER_ACCOUNT = '123456789012';

const SCOPE = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

export async function startAwsPeer(options: AwsPeerOptions = {}): Promise<AwsPeer> {
  const requests: string[] = [];
  const iam = new IamState(PEER_ACCOUNT, PEER_CREDENTIALS);
  const json = new JsonServices(PEER_ACCOUNT);
  const snsSqs = new SnsSqsState(PEER_ACCOUNT);
  const mailManager = new MailManagerState();
  const ses = createSesApi({
    accessKeyIds: (id) => iam.activeKey(id) !== undefined,
    regions: options.sesRegions,
    lacks: options.sesLacks,
  });

  const handle = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void => {
    if (req.method === 'GET' && req.url === '/_peer/access-keys' && !req.headers.authorization) {
      // For the e2e secrets sweep, which runs in the VS Code host: the IAM users' keys made in this run.
      const keys = [...iam.keys.values()].filter((k) => k.userName !== undefined);
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ accessKeys: keys }));
    }
    if (req.method === 'POST' && req.url === '/_peer/ses/verify' && !req.headers.authorization) {
      // What the owner's click on SES's verification link does: { region, identity } becomes verified.
      let asked: { region?: string; identity?: string } = {};
      try {
        asked = JSON.parse(body.toString('utf8')) as typeof asked;
      } catch {
        // answered below
      }
      const identity = ses.identities(asked.region ?? '').find((i) => i.name === asked.identity);
      if (identity) identity.verificationStatus = 'SUCCESS';
      res.writeHead(identity ? 204 : 404);
      return void res.end();
    }
    const scope = SCOPE.exec(req.headers.authorization ?? '');
    const [, keyId = '', region = 'us-east-1', service = ''] = scope ?? [];
    const caller = iam.activeKey(keyId);
    if (caller && scope) caller.lastUsed = { date: new Date(), service, region };

    const mmTarget = String(req.headers['x-amz-target'] ?? '');
    if (service === 'ses' && mmTarget.startsWith('MailManagerSvc.')) {
      // Mail Manager signs as "ses" too; JSON 1.0 with its own target prefix.
      const action = mmTarget.slice('MailManagerSvc.'.length);
      requests.push(`mailmanager:${action}`);
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        parsed = undefined;
      }
      const answer = !caller
        ? jsonError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403)
        : !parsed
          ? jsonError('SerializationException', 'The request body is not JSON.')
          : mailManager.handle(action, region, parsed);
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'peer' });
      return void res.end(JSON.stringify(answer.body));
    }
    if (service === 'ses' || service === 'email') {
      requests.push(`ses:${req.method} ${req.url}`);
      return ses.handle(req, body, res);
    }
    if (service === 'iam' || service === 'sts') {
      const params = new URLSearchParams(body.toString('utf8'));
      const action = params.get('Action') ?? '';
      requests.push(`${service}:${action}`);
      const answer = !scope
        ? queryError(service, 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
        : !caller
          ? queryError(service, 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')
          : service === 'iam'
            ? iam.iam(action, params, caller)
            : iam.sts(action, params, caller);
      res.writeHead(answer.status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'peer' });
      return void res.end(answer.xml);
    }
    if (service === 'sns') {
      const params = new URLSearchParams(body.toString('utf8'));
      const action = params.get('Action') ?? '';
      requests.push(`sns:${action}`);
      const answer = !scope
        ? snsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
        : !caller
          ? snsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')
          : snsSqs.sns(action, params, region);
      res.writeHead(answer.status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'peer' });
      return void res.end(answer.xml);
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix, action = ''] = target.split('.');
    if (service === 'sqs' && prefix === 'AmazonSQS') {
      requests.push(`sqs:${action}`);
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        parsed = undefined;
      }
      const answered = !scope
        ? Promise.resolve(
            sqsError(
              'MissingAuthenticationTokenException',
              'MissingAuthenticationToken',
              'Missing Authentication Token',
              403,
            ),
          )
        : !caller
          ? Promise.resolve(
              sqsError(
                'InvalidClientTokenId',
                'InvalidClientTokenId',
                'The security token included in the request is invalid.',
                403,
              ),
            )
          : !parsed
            ? Promise.resolve(
                sqsError('SerializationException', 'SerializationException', 'The request body is not JSON.'),
              )
            : snsSqs.sqs(action, region, parsed, String(req.headers.host ?? '127.0.0.1'));
      void answered.then((answer) => {
        res.writeHead(answer.status, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-requestid': 'peer',
          ...(answer.queryError ? { 'x-amzn-query-error': answer.queryError } : {}),
        });
        res.end(JSON.stringify(answer.body));
      });
      return;
    }
    if (
      (service === 'secretsmanager' && prefix === 'secretsmanager') ||
      (service === 'ssm' && prefix === 'AmazonSSM')
    ) {
      requests.push(`${service}:${action}`);
      let parsed: Record<string, unknown> | undefined;
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        parsed = undefined;
      }
      const answer = !scope
        ? jsonError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403)
        : !caller
          ? jsonError('UnrecognizedClientException', 'The security token included in the request is invalid.')
          : !parsed
            ? jsonError('SerializationException', 'The request body is not JSON.')
            : service === 'ssm'
              ? json.ssm(action, region, parsed)
              : json.secretsManager(action, region, parsed);
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'peer' });
      return void res.end(JSON.stringify(answer.body));
    }
    requests.push(`${service || '-'}:${req.method} ${req.url}`);
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        __type: 'UnknownOperationException',
        message: `This peer does not serve the service "${service}" (target "${target}").`,
      }),
    );
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks), res));
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
    credentials: { ...PEER_CREDENTIALS },
    account: PEER_ACCOUNT,
    requests,
    accessKeys: () => [...iam.keys.values()].filter((k) => k.userName !== undefined).map((k) => ({ ...k })),
    ses,
    snsSqs,
    mailManager,
    publishSesEvent(region, configurationSet, eventType, event) {
      const destinations = ses.configurationSets(region)[configurationSet] ?? [];
      const sourceArn = `arn:aws:ses:${region}:${PEER_ACCOUNT}:configuration-set/${configurationSet}`;
      let published = 0;
      for (const d of destinations) {
        if (d.Enabled === false || !d.SnsDestination) continue;
        // eventType "DeliveryDelay" is matched by DELIVERY_DELAY, "Rendering Failure" by RENDERING_FAILURE.
        const matching = eventType
          .replace(/ /g, '')
          .replace(/([a-z])([A-Z])/g, '$1_$2')
          .toUpperCase();
        if (!d.MatchingEventTypes.includes(matching)) continue;
        if (snsSqs.publishAsSes(region, d.SnsDestination.TopicArn, JSON.stringify(event), sourceArn)) published++;
      }
      return published;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        snsSqs.wakeAll();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
