// The doctor's network ports over Node itself: DNS lookup, a bare TCP connect, and the server's
// certificate (after STARTTLS on 587/2587/25, at once on 465/2465). No credentials are sent.
import { promises as dns } from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import type { PeerCertificate } from './types';
import { sha256Fingerprint } from '../smtp/certificate';
import type { TlsMode } from '../../base/regions';
import { expectNumber, expectObject, expectOptionalObject, expectString } from '../../base/guards';

export async function resolveHost(host: string): Promise<string[]> {
  expectString(host, 'resolveHost', 'host');
  const found = await dns.lookup(host, { all: true });
  return found.map((a) => a.address);
}

function abortError(): Error {
  return Object.assign(new Error('cancelled'), { name: 'AbortError' });
}

export function tcpConnect(host: string, port: number, timeoutMs: number, signal: AbortSignal): Promise<number> {
  expectString(host, 'tcpConnect', 'host');
  expectNumber(port, 'tcpConnect', 'port');
  expectNumber(timeoutMs, 'tcpConnect', 'timeoutMs');
  expectObject(signal, 'tcpConnect', 'signal');
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect({ host, port });
    const done = (err?: Error): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve(Date.now() - started);
    };
    const onAbort = (): void => done(abortError());
    const timer = setTimeout(() => done(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => done());
    socket.once('error', (err) => done(err));
  });
}

/** Reads SMTP lines until a final reply line (code + space). */
function reply(socket: net.Socket, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => finish(Object.assign(new Error('no SMTP reply'), { code: 'ETIMEDOUT' })), timeoutMs);
    const onData = (d: Buffer): void => {
      buffer += d.toString('latin1');
      const lines = buffer.split('\r\n');
      if (lines.some((l) => /^\d{3} /.test(l))) finish(undefined, buffer);
    };
    const onError = (err: Error): void => finish(err);
    // A server that hangs up before its final reply line: said at once, not after the time limit.
    const onClose = (): void => {
      const said = buffer.trim().split('\r\n').pop()?.slice(0, 80);
      finish(
        Object.assign(new Error(`the server closed the connection${said ? ` after "${said}"` : ''}`), {
          code: 'CLOSED',
        }),
      );
    };
    const finish = (err?: Error, text?: string): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onClose);
      socket.off('close', onClose);
      if (err) reject(err);
      else resolve(text ?? '');
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onClose);
    socket.once('close', onClose);
  });
}

function describeName(name: Record<string, unknown> | undefined): string {
  if (!name) return '(none)';
  const pick = (k: string): string | undefined =>
    Array.isArray(name[k]) ? String((name[k] as unknown[])[0]) : (name[k] as string | undefined);
  return [pick('CN'), pick('O')].filter(Boolean).join(', ') || JSON.stringify(name).slice(0, 80);
}

export function peerCertificate(
  host: string,
  port: number,
  mode: TlsMode,
  timeoutMs: number,
  signal: AbortSignal,
  options: { ca?: string } = {},
): Promise<PeerCertificate> {
  expectString(host, 'peerCertificate', 'host');
  expectNumber(port, 'peerCertificate', 'port');
  expectString(mode, 'peerCertificate', 'mode');
  expectNumber(timeoutMs, 'peerCertificate', 'timeoutMs');
  expectObject(signal, 'peerCertificate', 'signal');
  expectOptionalObject(options, 'peerCertificate', 'options');
  return new Promise((resolve, reject) => {
    // Both sockets, for cleanup from any path (timeout, abort, error, done).
    const open: { raw?: net.Socket; secure?: tls.TLSSocket } = {};
    const timer = setTimeout(() => fail(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
    const onAbort = (): void => fail(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      open.secure?.destroy();
      open.raw?.destroy();
    };
    const fail = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const handshake = (socket?: net.Socket): void => {
      const servername = net.isIP(host) ? undefined : host;
      const ca = options.ca ? [...tls.rootCertificates, options.ca] : undefined;
      // Node's verdict is read rather than acted on: nothing but EHLO and STARTTLS goes over this
      // connection (no credentials), and the certificate is shown whether it verifies or not, so the
      // user can compare its fingerprint before trusting it. `trusted` is Node's own verdict (the
      // chain and the host name), exactly what a login would be refused for.
      const secure = (open.secure = tls.connect(
        { host, port, socket, servername, ca, minVersion: 'TLSv1.2', rejectUnauthorized: false },
        () => {
          const cert = secure.getPeerCertificate();
          const altNames = (cert.subjectaltname ?? '')
            .split(/,\s*/)
            .filter(Boolean)
            .map((n) => n.replace(/^(DNS|IP Address):/, ''));
          const out: PeerCertificate = {
            subject: describeName(cert.subject as never),
            issuer: describeName(cert.issuer as never),
            altNames,
            trusted: secure.authorized === true,
            ...(secure.authorized ? {} : { error: String(secure.authorizationError ?? 'untrusted') }),
            ...(cert.raw ? { sha256: sha256Fingerprint(cert.raw) } : {}),
            ...(cert.valid_from ? { validFrom: new Date(cert.valid_from).toISOString() } : {}),
            ...(cert.valid_to ? { validTo: new Date(cert.valid_to).toISOString() } : {}),
          };
          cleanup();
          resolve(out);
        },
      ));
      secure.once('error', (err: NodeJS.ErrnoException) => fail(err));
    };
    if (mode === 'implicit') return handshake();
    const raw = (open.raw = net.connect({ host, port }));
    raw.once('error', fail);
    raw.once('connect', async () => {
      try {
        const greeting = await reply(raw, timeoutMs);
        if (!/^220/m.test(greeting))
          return fail(
            Object.assign(new Error(`no 220 greeting: the server said "${greeting.trim().slice(0, 80)}"`), {
              code: 'NO_GREETING',
            }),
          );
        raw.write('EHLO ses-smtp-toolkit.doctor\r\n');
        await reply(raw, timeoutMs);
        raw.write('STARTTLS\r\n');
        const answer = await reply(raw, timeoutMs);
        if (!/^220/m.test(answer))
          return fail(
            Object.assign(new Error(`STARTTLS refused: ${answer.trim().slice(0, 80)}`), { code: 'NO_STARTTLS' }),
          );
        handshake(raw);
      } catch (err) {
        fail(err as Error);
      }
    });
  });
}
