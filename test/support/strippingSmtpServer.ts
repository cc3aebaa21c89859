// A hostile SMTP peer on 127.0.0.1 that plays a man in the middle who strips STARTTLS: it offers
// AUTH without STARTTLS (and refuses the STARTTLS command), takes any login in clear text and any
// mail, and records both, so a test can show that a client gave neither. With `implicit`, it is the
// same server on a port where the client expects TLS from the first byte.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface StrippingServer {
  host: string;
  port: number;
  /** Logins the server was given (in clear text, since it never offers TLS). */
  logins: Array<{ method: string; username: string; password: string }>;
  /** Mails it accepted. */
  mails: Array<{ from: string; to: string[]; raw: string }>;
  /** TCP connections clients opened (to show that a client did reach it). */
  connections(): number;
  stop(): Promise<void>;
}

export async function startStrippingServer(): Promise<StrippingServer> {
  const logins: StrippingServer['logins'] = [];
  const mails: StrippingServer['mails'] = [];
  let connections = 0;
  const server = new SMTPServer({
    secure: false,
    name: 'email-smtp.eu-west-1.amazonaws.com',
    banner: 'SimpleEmailService-d-STRIPPED ready',
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ method: auth.method, username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username ?? '' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null, 'Ok');
      });
    },
  });
  server.on('error', () => undefined);
  server.server.on('connection', () => connections++);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    host: '127.0.0.1',
    port: (server.server.address() as AddressInfo).port,
    logins,
    mails,
    connections: () => connections,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
