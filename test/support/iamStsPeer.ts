// An IAM/STS peer on 127.0.0.1 for the doctor's tests: it answers, in the Query protocol (form
// body, XML answers, IAM's and STS's error shapes), what moto_server 5.2.1 lacks or cannot be made
// to say: iam:SimulatePrincipalPolicy (evaluated over the user's policies as stored in moto), keys
// owned by another account (sts:GetAccessKeyInfo), keys with chosen ids and states, and AccessDenied
// for chosen actions. Everything else is passed to moto as it came; requests signed for SES (the
// SigV4 scope's service) go to the SES peer, so the extension needs one AWS endpoint.
import http from 'node:http';
import type net from 'node:net';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
} from '@aws-sdk/client-iam';

export interface PeerKey {
  accessKeyId: string;
  userName: string;
  status?: 'Active' | 'Inactive';
  account?: string;
}

export interface IamStsPeerOptions {
  /** moto_server: IAM and STS actions not answered here. */
  moto: string;
  motoCredentials: { accessKeyId: string; secretAccessKey: string };
  /** The SES API peer, for requests whose SigV4 scope names the ses service. */
  ses?: string;
  /** Access keys owned by other accounts: key id → account (sts:GetAccessKeyInfo). */
  foreignKeys?: Record<string, string>;
  /** Keys answered here instead of moto (GetAccessKeyLastUsed, ListAccessKeys, GetAccessKeyInfo). */
  keys?: PeerKey[];
  /** Actions answered with AccessDenied, e.g. "iam:SimulatePrincipalPolicy". */
  deny?: string[];
  /** The account of moto's users (moto's default). */
  account?: string;
}

export interface IamStsPeer {
  endpoint: string;
  /** "service:Action" of each request seen. */
  requests: string[];
  stop(): Promise<void>;
}

const NS = { iam: 'https://iam.amazonaws.com/doc/2010-05-08/', sts: 'https://sts.amazonaws.com/doc/2011-06-15/' };
const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function ok(service: 'iam' | 'sts', action: string, inner: string): string {
  return (
    `<${action}Response ` +
    `xmlns="${NS[service]}"><${action}Result>${inner}</${action}Result>` +
    `<ResponseMetadata><RequestId>peer-1</RequestId></ResponseMetadata></${action}Response>`
  );
}

function error(service: 'iam' | 'sts', code: string, message: string): string {
  return (
    `<ErrorResponse ` +
    `xmlns="${NS[service]}"><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${esc(message)}</Message></Error><RequestId>peer-1</RequestId></ErrorResponse>`
  );
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const like = (pattern: string, value: string, i = false): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    i ? 'i' : '',
  ).test(value);

/** A small IAM evaluation, independent of the product's: Deny wins, then Allow; StringLike/StringEquals conditions. */
function decide(
  docs: Array<{ name: string; doc: string }>,
  action: string,
  resource: string,
  context: Record<string, string>,
): { decision: string; matched: string[] } {
  const hits = { Allow: [] as string[], Deny: [] as string[] };
  for (const { name, doc } of docs) {
    const parsed = JSON.parse(doc) as { Statement: unknown };
    const statements = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]) as Array<
      Record<string, unknown>
    >;
    for (const s of statements) {
      const actions = s.NotAction
        ? !list(s.NotAction).some((a) => like(a, action, true))
        : list(s.Action).some((a) => like(a, action, true));
      const resources = list(s.Resource ?? '*').some((r) => like(r, resource));
      const conditions = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).every(
        ([op, entries]) =>
          Object.entries(entries).every(([key, want]) => {
            const have = context[key.toLowerCase()];
            if (have === undefined) return false;
            return op.startsWith('StringLike') ? list(want).some((w) => like(w, have)) : list(want).includes(have);
          }),
      );
      if (actions && resources && conditions) hits[s.Effect === 'Deny' ? 'Deny' : 'Allow'].push(name);
    }
  }
  if (hits.Deny.length) return { decision: 'explicitDeny', matched: hits.Deny };
  if (hits.Allow.length) return { decision: 'allowed', matched: hits.Allow };
  return { decision: 'implicitDeny', matched: [] };
}

export async function startIamStsPeer(options: IamStsPeerOptions): Promise<IamStsPeer> {
  const requests: string[] = [];
  const iam = new IAMClient({ region: 'us-east-1', endpoint: options.moto, credentials: options.motoCredentials });
  const account = options.account ?? '123456789012';
  // Read on each request, so a test can change the options between runs.
  const keys = {
    get: (id: string) => options.keys?.find((k) => k.accessKeyId === id),
    values: () => options.keys ?? [],
  };

  async function policiesOf(userName: string): Promise<Array<{ name: string; doc: string }>> {
    const out: Array<{ name: string; doc: string }> = [];
    for (const name of (await iam.send(new ListUserPoliciesCommand({ UserName: userName }))).PolicyNames ?? []) {
      const p = await iam.send(new GetUserPolicyCommand({ UserName: userName, PolicyName: name }));
      out.push({ name, doc: decodeURIComponent(p.PolicyDocument ?? '{}') });
    }
    for (const a of (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: userName }))).AttachedPolicies ??
      []) {
      const p = await iam.send(new GetPolicyCommand({ PolicyArn: a.PolicyArn }));
      const v = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: a.PolicyArn, VersionId: p.Policy?.DefaultVersionId }),
      );
      const doc = v.PolicyVersion?.Document;
      out.push({
        name: a.PolicyName ?? '?',
        doc: typeof doc === 'string' ? decodeURIComponent(doc) : JSON.stringify(doc),
      });
    }
    return out;
  }

  /** The answer for an action handled here, or undefined to pass the request on to moto. */
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
    if (service === 'iam' && action === 'SimulatePrincipalPolicy') {
      const userName = /:user\/(?:.*\/)?([^/]+)$/.exec(p.get('PolicySourceArn') ?? '')?.[1];
      if (!userName) return { status: 400, xml: error('iam', 'InvalidInput', 'PolicySourceArn must name a user.') };
      let docs;
      try {
        docs = await policiesOf(userName);
      } catch {
        return { status: 404, xml: error('iam', 'NoSuchEntity', `The user with name ${userName} cannot be found.`) };
      }
      const context: Record<string, string> = {};
      for (let i = 1; p.has(`ContextEntries.member.${i}.ContextKeyName`); i++) {
        context[(p.get(`ContextEntries.member.${i}.ContextKeyName`) ?? '').toLowerCase()] =
          p.get(`ContextEntries.member.${i}.ContextKeyValues.member.1`) ?? '';
      }
      const actionName = p.get('ActionNames.member.1') ?? '';
      const resource = p.get('ResourceArns.member.1') ?? '*';
      const d = decide(docs, actionName, resource, context);
      const matched = d.matched
        .map(
          (m) =>
            `<member><SourcePolicyId>${esc(m)}</SourcePolicyId><SourcePolicyType>IAM ` +
            `Policy</SourcePolicyType></member>`,
        )
        .join('');
      const result =
        `<member><EvalActionName>${esc(actionName)}</EvalActionName>` +
        `<EvalResourceName>${esc(resource)}</EvalResourceName>` +
        `<EvalDecision>${d.decision}</EvalDecision><MatchedStatements>${matched}</MatchedStatements>` +
        '<MissingContextValues/></member>';
      return {
        status: 200,
        xml: ok('iam', action, `<IsTruncated>false</IsTruncated><EvaluationResults>${result}</EvaluationResults>`),
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
          if (!a) return forward(options.moto, req, body, res);
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
        iam.destroy();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
