// An HTTP proxy in front of the AWS API peer that makes chosen IAM actions fail the way IAM does (an
// ErrorResponse XML document with its HTTP status, which the SDK turns into its named exception),
// or answers CreateAccessKey without the secret. Everything else is forwarded; the actions seen are
// recorded, so a test can tell what was asked of IAM and in which order.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IamFault {
  status: number;
  code: string;
  message: string;
}

export interface IamFaultProxy {
  endpoint: string;
  /** Action → the error IAM answers with (set and cleared by the test). */
  faults: Map<string, IamFault>;
  /** When true, CreateAccessKey creates the key in the peer but answers without SecretAccessKey. */
  dropSecret: boolean;
  /** Every Action asked, in order. */
  actions: string[];
  stop(): Promise<void>;
}

/** IAM's error document (the query protocol's shape). */
export function iamErrorXml(fault: IamFault): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return (
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>' +
    `<Code>${esc(fault.code)}</Code><Message>${esc(fault.message)}</Message></Error>` +
    '<RequestId>00000000-0000-4000-8000-000000000000</RequestId></ErrorResponse>'
  );
}

export async function startIamFaultProxy(upstream: string): Promise<IamFaultProxy> {
  const target = new URL(upstream);
  const proxy: Omit<IamFaultProxy, 'endpoint' | 'stop'> = { faults: new Map(), dropSecret: false, actions: [] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? '';
      proxy.actions.push(action);
      const fault = proxy.faults.get(action);
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'text/xml' });
        res.end(iamErrorXml(fault));
        return;
      }
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          const out: Buffer[] = [];
          up.on('data', (c: Buffer) => out.push(c));
          up.on('end', () => {
            let reply = Buffer.concat(out);
            const headers = { ...up.headers };
            if (proxy.dropSecret && action === 'CreateAccessKey' && (up.statusCode ?? 500) < 300) {
              reply = Buffer.from(reply.toString('utf8').replace(/<SecretAccessKey>[^<]*<\/SecretAccessKey>/, ''));
              delete headers['content-length'];
            }
            res.writeHead(up.statusCode ?? 500, headers);
            res.end(reply);
          });
        },
      );
      upstream.on('error', (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(proxy, {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  });
}
