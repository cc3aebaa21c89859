// An IAM/STS peer on 127.0.0.1 in front of the AWS API peer (test/support/awsPeer.ts) for the
// doctor's tests: it answers, in the Query protocol (form body, XML answers, IAM's and STS's error
// shapes), what a test chooses beyond one account's data: keys owned by another account
// (sts:GetAccessKeyInfo), keys with chosen ids and states, and AccessDenied for chosen actions.
// Everything else is passed on as it came; requests signed for SES (the SigV4 scope's service) go
// to the SES peer, so the extension needs one AWS endpoint.
import http from 'node:http';
import type net from 'node:net';
import { queryError, queryOk, esc } from './awsPeerIam';

export interface PeerKey {
  accessKeyId: string;
  userName: string;
  status?: 'Active' | 'Inactive';
  account?: string;
}

export interface IamStsPeerOptions {
  /** The AWS API peer: IAM and STS actions not answered here. */
  upstream: string;
  /** The SES API peer, for requests whose SigV4 scope names the ses service. */
  ses?: string;
  /** Access keys owned by other accounts: key id → account (sts:GetAccessKeyInfo). */
  foreignKeys?: Record<string, string>;
  /** Keys answered here instead of upstream (GetAccessKeyLastUsed, ListAccessKeys, GetAccessKeyInfo). */
  keys?: PeerKey[];
  /** Actions answered with AccessDenied, e.g. "iam:SimulatePrincipalPolicy". */
  deny?: string[];
  /** The account of the upstream's users (the AWS API peer's). */
  account?: string;
}

export interface IamStsPeer {
  endpoint: string;
  /** "service:Action" of each request seen. */
  requests: string[];
  stop(): Promise<void>;
}

const ok = (service: 'iam' | 'sts', action: string, inner: string): string => queryOk(service, action, inner).xml;
const error = (service: 'iam' | 'sts', code: string, message: string): string =>
  queryError(service, 400, code, message).xml;

export async function startIamStsPeer(options: IamStsPeerOptions): Promise<IamStsPeer> {
  const requests: string[] = [];
  const account = options.account ?? '123456789012';
  // Read on each request, so a test can change the options between runs.
  const keys = {
    get: (id: string) => options.keys?.find((k) => k.accessKeyId === id),
    values: () => options.keys ?? [],
  };

  /** The answer for an action handled here, or undefined to pass the request on upstream. */
  async function answer(
    service: 'iam' | 'sts',
    action: string,
    p: URLSearchParams,
  ): Promise<{ status: number; xml: string } | undefined> {
    if (options.deny?.includes(`${service}:${action}`)) {
      return {
        status: 403,
        xml: error(
          service,
          'AccessDenied',
          `User: arn:aws:iam::${account}:user/doctor is not authorized to perform: ${service}:${action}`,
        ),
      };
    }
    if (service === 'sts' && action === 'GetAccessKeyInfo') {
      const id = p.get('AccessKeyId') ?? '';
      const owner = options.foreignKeys?.[id] ?? keys.get(id)?.account;
      return owner ? { status: 200, xml: ok('sts', action, `<Account>${owner}</Account>`) } : undefined;
    }
    if (service === 'iam' && action === 'GetAccessKeyLastUsed') {
      const k = keys.get(p.get('AccessKeyId') ?? '');
      if (!k) return undefined;
      return {
        status: 200,
        xml: ok(
          'iam',
          action,
          `<UserName>${esc(k.userName)}</UserName>` +
            '<AccessKeyLastUsed><Region>N/A</Region><ServiceName>N/A</ServiceName></AccessKeyLastUsed>',
        ),
      };
    }
    if (service === 'iam' && action === 'ListAccessKeys') {
      const mine = [...keys.values()].filter((k) => k.userName === p.get('UserName'));
      if (!mine.length) return undefined;
      const members = mine.map(
        (k) =>
          `<member><UserName>${esc(k.userName)}</UserName><AccessKeyId>${k.accessKeyId}</AccessKeyId>` +
          `<Status>${k.status ?? 'Active'}</Status><CreateDate>2026-11-01T00:00:00Z</CreateDate></member>`,
      );
      return {
        status: 200,
        xml: ok(
          'iam',
          action,
          `<IsTruncated>false</IsTruncated><AccessKeyMetadata>${members.join('')}</AccessKeyMetadata>`,
        ),
      };
    }
    return undefined;
  }

  function forward(target: string, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', target);
    const headers = { ...req.headers, host: url.host };
    const out = http.request(url, { method: req.method, headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    out.on('error', (e) => {
      res.writeHead(502);
      res.end(String(e));
    });
    out.end(body);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const service =
        /Credential=[^/]+\/\d{8}\/[^/]+\/([a-z0-9-]+)\/aws4_request/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (service === 'ses' || service === 'email') {
        requests.push(`ses:${req.method} ${req.url}`);
        if (!options.ses) {
          res.writeHead(404);
          return res.end();
        }
        return forward(options.ses, req, body, res);
      }
      const params = new URLSearchParams(body.toString('utf8'));
      const action = params.get('Action') ?? '';
      const svc = service === 'sts' ? 'sts' : 'iam';
      requests.push(`${svc}:${action}`);
      answer(svc, action, params).then(
        (a) => {
          if (!a) return forward(options.upstream, req, body, res);
          res.writeHead(a.status, { 'content-type': 'text/xml' });
          res.end(a.xml);
        },
        (e: Error) => {
          res.writeHead(500, { 'content-type': 'text/xml' });
          res.end(error(svc, 'ServiceFailure', e.message));
        },
      );
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
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
