// An HTTP proxy in front of the AWS API peer (test/support/awsPeer.ts) that lets the SES-like SMTP
// server learn IAM keys the way SES does: a key CreateAccessKey returns works for SMTP after a
// propagation delay, an Inactive key is refused, a deleted one forgotten. Only the IAM actions are read; everything is forwarded.
// A test that must see the "not accepted yet" state (in another process: the extension host) holds
// the learning with POST /__learning/hold and lets the held keys be learned with POST /__learning/release,
// so what it looks for lasts until it has looked.
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
  let holding = false;
  const held: Array<Parameters<SesServer['addUser']>[0]> = [];
  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && (req.url === '/__learning/hold' || req.url === '/__learning/release')) {
      req.resume();
      holding = req.url === '/__learning/hold';
      // Released keys are learned now: the hold stood for the propagation delay.
      if (!holding) for (const user of held.splice(0)) smtp.addUser(user);
      res.writeHead(204);
      res.end();
      return;
    }
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
                const user = { accessKeyId: id, secretAccessKey: secret, userName };
                if (holding) held.push(user);
                else smtp.addUser(user, options);
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
