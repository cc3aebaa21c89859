// An HTTP proxy in front of the AWS API peer (test/support/awsPeer.ts) that lets the SES-like SMTP
// server learn IAM keys the way SES does: a key CreateAccessKey returns works for SMTP after a
// propagation delay, an Inactive key is refused, a deleted one forgotten. Only the IAM actions are read; everything is forwarded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SesServer } from './sesSmtpServer';

export interface IamLearningProxy {
  endpoint: string;
  /** Keys created through the proxy (ids only). */
  created: string[];
  stop(): Promise<void>;
}

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

export async function startIamLearningProxy(
  awsEndpoint: string,
  smtp: Pick<SesServer, 'addUser' | 'setKeyStatus' | 'removeUser'>,
  options: { activeAfterMs?: number } = {},
): Promise<IamLearningProxy> {
  const target = new URL(awsEndpoint);
  const created: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(body.toString('utf8'));
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          const out: Buffer[] = [];
          up.on('data', (c: Buffer) => out.push(c));
          up.on('end', () => {
            const reply = Buffer.concat(out);
            const ok = (up.statusCode ?? 500) < 300;
            const action = form.get('Action');
            if (ok && action === 'CreateAccessKey') {
              const xml = reply.toString('utf8');
              const id = tag(xml, 'AccessKeyId');
              const secret = tag(xml, 'SecretAccessKey');
              if (id && secret) {
                created.push(id);
                const userName = tag(xml, 'UserName');
                smtp.addUser({ accessKeyId: id, secretAccessKey: secret, userName }, options);
              }
            }
            const id = form.get('AccessKeyId');
            if (ok && id && action === 'UpdateAccessKey')
              smtp.setKeyStatus(id, form.get('Status') === 'Inactive' ? 'Inactive' : 'Active');
            if (ok && id && action === 'DeleteAccessKey') smtp.removeUser(id);
            res.writeHead(up.statusCode ?? 500, up.headers);
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
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    created,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
