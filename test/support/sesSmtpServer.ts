// An SMTP server on 127.0.0.1 that behaves like the Amazon SES SMTP interface for one region:
// STARTTLS required before AUTH (or implicit TLS), the v4 password checked for its region (derived
// by test/support/smtpPasswordV4.ts, not by the product's code, so a derivation bug fails here),
// replies worded as SES words them. Tests start it and stop it.
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { referenceSmtpPassword } from './smtpPasswordV4';
import { testCertificate } from './tls';
import { readHeaderFields, sesHeaderReply, type HeaderField, type SmtpTenant } from './sesHeaderRules';
import { sesEventsFor } from './sesEvents';

/** The part of the AWS API peer that SES's event publishing uses (test/support/awsPeer.ts). */
export interface SesEventPublisher {
  account: string;
  ses: { configurationSets(region: string): Record<string, unknown> };
  publishSesEvent(region: string, configurationSet: string, eventType: string, event: object): number;
}

export interface SesUser {
  accessKeyId: string;
  secretAccessKey: string;
  /** Name used in 554 Access denied replies. */
  userName?: string;
  /** Whether the user's policy allows ses:SendRawEmail (default true). */
  canSend?: boolean;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  subject?: string;
  headerFrom?: string;
  messageId: string;
  user: string;
  /** Every header of the message as received, unfolded, in order. */
  headers: HeaderField[];
  /** The message bytes as received (after SMTP dot-unstuffing); not enumerable, so JSON of a mail stays small. */
  rawBytes: Buffer;
}

export interface SesServerOptions {
  region: string;
  tls: 'starttls' | 'implicit';
  users: SesUser[];
  /** Verified identities in this region: addresses or domains. */
  verified?: string[];
  /** Sandbox: recipients must be verified too. */
  sandbox?: boolean;
  /** Answers every AUTH with 535 Account not subscribed to SES. */
  notSubscribed?: boolean;
  /**
   * Mail Manager mode: the server stands for an authenticated ingress endpoint (type AUTH), which
   * takes only its own login (username inp-…, the password of its password configuration) and
   * refuses every IAM key's v4 password with 535 (the login is all the mix-up tests need).
   */
  mailManager?: { username: string; password: string };
  /** The next N messages get 454 Throttling failure. */
  throttleNext?: number;
  /** Messages accepted per second (a sliding second); past it, 454 as SES answers. */
  maxSendRate?: number;
  /**
   * Messages accepted over one connection; the next MAIL FROM on it gets SES's 421 "Connection
   * closed by server. Maximum message count per session reached." and the connection is closed
   * (SES has been reported to do so after about 350). Unset: no limit.
   */
  maxMessagesPerSession?: number;
  /** The next N messages get this permanent reply code and text instead of 250. */
  rejectNext?: { count: number; code: number; text: string };
  /** Makes the id put in "250 Ok <id>" (default: the classic SES shape). */
  messageId?: () => string;
  /**
   * Tenants of this region by name (sesHeaderRules.ts): an X-SES-TENANT naming an unknown or paused
   * tenant, or a From identity or configuration set not associated with it, gets a 554.
   */
  tenants?: Record<string, SmtpTenant>;
  /** Configuration sets that exist in this region; an X-SES-CONFIGURATION-SET naming another gets SES's 554. */
  configurationSets?: string[];
  /**
   * The AWS API peer whose configuration sets with an SNS event destination this region has too
   * (besides configurationSets): a mail sent with one of them gets SES's events
   * (test/support/sesEvents.ts) published to those destinations, after the 250 reply. The peer's
   * other sets stay unknown here, so a test can have a set the API lists and SMTP refuses with 554.
   */
  events?: SesEventPublisher;
  /** Certificate to serve (default: a fresh self-signed one for 127.0.0.1). */
  certificate?: { key: string; cert: string };
  /** Port to listen on (default: any free one); a restarted server takes its old port again. */
  port?: number;
}

export interface SesServer {
  host: string;
  port: number;
  region: string;
  ca: string;
  received: ReceivedMail[];
  authAttempts: Array<{ username: string; ok: boolean }>;
  /** How many client connections have ended (by QUIT or by the client closing). */
  closedSessions(): number;
  /** How many client connections have been opened. */
  openedSessions(): number;
  /** How many TCP connections arrived, counted before any TLS handshake (a refused handshake counts). */
  tcpConnections(): number;
  /** How many messages got 454 because of maxSendRate. */
  rateThrottled(): number;
  /** How many connections were closed with 421 because of maxMessagesPerSession. */
  sessionLimitHits(): number;
  options: SesServerOptions;
  /** Learns a key as SES would when IAM creates one; it is refused (535) until activeAfterMs have passed. */
  addUser(user: SesUser, options?: { activeAfterMs?: number }): void;
  /** An Inactive key is refused like an unknown one (535), as SES refuses it. */
  setKeyStatus(accessKeyId: string, status: 'Active' | 'Inactive'): void;
  /** Forgets a deleted key. */
  removeUser(accessKeyId: string): void;
  stop(): Promise<void>;
}

function sesError(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

function sesMessageId(): string {
  const hex = (n: number): string => randomBytes(n).toString('hex');
  return `0100${hex(6)}-${hex(4)}-${hex(2)}-${hex(2)}-${hex(2)}-${hex(6)}-000000`;
}

function identityVerified(address: string, verified: readonly string[]): boolean {
  const a = address.toLowerCase();
  const domain = a.split('@')[1] ?? '';
  return verified.some((v) => v.toLowerCase() === a || v.toLowerCase() === domain);
}

function headerValue(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  return m?.[1]?.trim();
}

function bareAddress(value: string): string {
  const m = /<([^>]+)>/.exec(value);
  return (m ? m[1] : value).trim();
}

export async function startSesSmtpServer(options: SesServerOptions): Promise<SesServer> {
  const cert = options.certificate ?? testCertificate();
  const received: ReceivedMail[] = [];
  const authAttempts: SesServer['authAttempts'] = [];
  const users = new Map(options.users.map((u) => [u.accessKeyId, u]));
  // Keys learned after the start (rotation tests): when each starts to work, and which are Inactive.
  const activeFrom = new Map<string, number>();
  const inactive = new Set<string>();
  const usable = (id: string): boolean => !inactive.has(id) && (activeFrom.get(id) ?? 0) <= Date.now();
  let closed = 0;
  let opened = 0;
  let rateThrottled = 0;
  const acceptedAt: number[] = [];
  // Messages accepted on each open connection (by smtp-server's connection id), for maxMessagesPerSession.
  const acceptedInSession = new Map<string, number>();
  let sessionLimitHits = 0;
  /** Past the maximum send rate within the last second: SES's 454. */
  const overRate = (): boolean => {
    if (!options.maxSendRate) return false;
    const now = performance.now();
    while (acceptedAt.length && now - acceptedAt[0] >= 1000) acceptedAt.shift();
    if (acceptedAt.length >= options.maxSendRate) return true;
    acceptedAt.push(now);
    return false;
  };

  const serverOptions: SMTPServerOptions = {
    secure: options.tls === 'implicit',
    key: cert.key,
    cert: cert.cert,
    name: `email-smtp.${options.region}.amazonaws.com`,
    banner: 'SimpleEmailService-d-TESTSERVER ready',
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: true,
    allowInsecureAuth: true,
    hideENHANCEDSTATUSCODES: true,
    size: 40 * 1024 * 1024,
    disabledCommands: [],
    logger: false,
    onConnect(_session, callback) {
      opened++;
      callback();
    },
    onClose(session) {
      closed++;
      acceptedInSession.delete(session.id);
    },
    onAuth(auth, session, callback) {
      if (!session.secure) return callback(sesError(530, 'Must issue a STARTTLS command first'));
      const username = auth.username ?? '';
      if (options.notSubscribed) {
        authAttempts.push({ username, ok: false });
        return callback(sesError(535, 'Account not subscribed to SES'));
      }
      if (options.mailManager) {
        const ingressOk = username === options.mailManager.username && auth.password === options.mailManager.password;
        authAttempts.push({ username, ok: ingressOk });
        if (!ingressOk) return callback(sesError(535, 'Authentication Credentials Invalid'));
        return callback(null, { user: username });
      }
      const user = usable(username) ? users.get(username) : undefined;
      const ok = Boolean(user && auth.password === referenceSmtpPassword(user.secretAccessKey, options.region));
      authAttempts.push({ username, ok });
      if (!ok) return callback(sesError(535, 'Authentication Credentials Invalid'));
      callback(null, { user: username });
    },
    onMailFrom(_address, session, callback) {
      if (!session.user) return callback(sesError(530, 'Authentication required'));
      const limit = options.maxMessagesPerSession;
      if (limit !== undefined && (acceptedInSession.get(session.id) ?? 0) >= limit) {
        sessionLimitHits++;
        // smtp-server closes the connection after any 421 it sends.
        return callback(sesError(421, 'Connection closed by server. Maximum message count per session reached.'));
      }
      callback();
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const rawBytes = Buffer.concat(chunks);
        const raw = rawBytes.toString('utf8');
        const user = users.get(String(session.user));
        if (stream.sizeExceeded) return callback(sesError(552, 'Message is too long'));
        if (options.throttleNext && options.throttleNext > 0) {
          options.throttleNext--;
          return callback(sesError(454, 'Throttling failure: Maximum sending rate exceeded.'));
        }
        if (overRate()) {
          rateThrottled++;
          return callback(sesError(454, 'Throttling failure: Maximum sending rate exceeded.'));
        }
        if (options.rejectNext && options.rejectNext.count > 0) {
          options.rejectNext.count--;
          return callback(sesError(options.rejectNext.code, options.rejectNext.text));
        }
        if (user && user.canSend === false) {
          return callback(
            sesError(
              554,
              `Access denied: User \`arn:aws:iam::123456789012:user/${user.userName ?? 'smtp-user'}' is not authorized to perform \`ses:SendRawEmail' on resource \`arn:aws:ses:${options.region}:123456789012:identity/${session.envelope.mailFrom ? session.envelope.mailFrom.address : ''}'`,
            ),
          );
        }
        const verified = options.verified ?? [];
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const headerFrom = headerValue(raw, 'From');
        const headers = readHeaderFields(raw);
        const headerRule = sesHeaderReply(headers, {
          region: options.region,
          configurationSets: [
            ...(options.configurationSets ?? []),
            ...Object.entries(options.events?.ses.configurationSets(options.region) ?? {})
              .filter(([, destinations]) => publishesToSns(destinations))
              .map(([name]) => name),
          ],
          headerFrom: headerFrom ? bareAddress(headerFrom) : envelopeFrom,
          verified,
          tenants: options.tenants,
        });
        if (headerRule) return callback(sesError(headerRule.code, headerRule.text));
        const failed = new Set<string>();
        for (const address of [envelopeFrom, headerFrom ? bareAddress(headerFrom) : '']) {
          if (address && !identityVerified(address, verified)) failed.add(address);
        }
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        if (options.sandbox) {
          for (const r of recipients)
            if (!/@simulator\.amazonses\.com$/i.test(r) && !identityVerified(r, verified)) failed.add(r);
        }
        if (failed.size) {
          return callback(
            sesError(
              554,
              `Message rejected: Email address is not verified. The following identities failed the check in region ${options.region.toUpperCase()}: ${[...failed].join(', ')}`,
            ),
          );
        }
        const messageId = options.messageId ? options.messageId() : sesMessageId();
        const mail = {
          from: envelopeFrom,
          to: recipients,
          raw,
          subject: headerValue(raw, 'Subject'),
          headerFrom,
          messageId,
          user: String(session.user),
          headers,
        } as ReceivedMail;
        received.push(Object.defineProperty(mail, 'rawBytes', { value: rawBytes, enumerable: false }));
        acceptedInSession.set(session.id, (acceptedInSession.get(session.id) ?? 0) + 1);
        callback(null, `Ok ${messageId}`);
        const set = headers.find((h) => h.name.toLowerCase() === 'x-ses-configuration-set')?.value;
        const publisher = options.events;
        if (publisher && set !== undefined) {
          // After the reply, as SES publishes: the Send event, then each recipient's outcome.
          setImmediate(() => {
            for (const e of sesEventsFor({
              messageId,
              source: envelopeFrom,
              destination: recipients,
              configurationSet: set,
              region: options.region,
              account: publisher.account,
              subject: mail.subject,
              from: headerFrom,
            }))
              publisher.publishSesEvent(options.region, set, e.eventType, e.event);
          });
        }
      });
    },
  };

  const server = new SMTPServer(serverOptions);
  server.on('error', () => {
    // client resets are normal in tests that cut connections
  });
  let tcp = 0;
  server.server.on('connection', () => tcp++);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    region: options.region,
    ca: cert.cert,
    received,
    authAttempts,
    closedSessions: () => closed,
    openedSessions: () => opened,
    tcpConnections: () => tcp,
    rateThrottled: () => rateThrottled,
    sessionLimitHits: () => sessionLimitHits,
    options,
    addUser(user, more = {}) {
      users.set(user.accessKeyId, user);
      activeFrom.set(user.accessKeyId, Date.now() + (more.activeAfterMs ?? 0));
    },
    setKeyStatus(accessKeyId, status) {
      if (status === 'Inactive') inactive.add(accessKeyId);
      else inactive.delete(accessKeyId);
    },
    removeUser(accessKeyId) {
      users.delete(accessKeyId);
      activeFrom.delete(accessKeyId);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/** Whether a configuration set of the peer has an SNS event destination (delivery tracking's kind). */
function publishesToSns(destinations: unknown): boolean {
  return (
    Array.isArray(destinations) &&
    destinations.some((d) => typeof d === 'object' && d !== null && 'SnsDestination' in d && d.SnsDestination)
  );
}
