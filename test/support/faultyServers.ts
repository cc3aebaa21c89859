// Misbehaving SMTP peers on 127.0.0.1 for fault tests: each is a raw TCP server scripted line by
// line, so it can stall, drop, trickle or send any reply. Every server tracks its sockets and
// closes them on stop().
import net from 'node:net';
import tls from 'node:tls';
import { testCertificate } from './tls';

export interface ScriptedServer {
  port: number;
  /** Lines the client sent (AUTH lines included: these servers are only for fault tests). */
  received: string[];
  stop(): Promise<void>;
}

export type Script = (
  socket: net.Socket,
  lines: AsyncIterable<string>,
  upgrade: () => Promise<tls.TLSSocket>,
) => Promise<void>;

/** Starts a server that runs `script` for each connection. */
export async function startScriptedServer(
  script: Script,
  /** allowHalfOpen: the server keeps its side open after the client's FIN (a peer that never closes). */
  options: { cert?: { key: string; cert: string }; allowHalfOpen?: boolean } = {},
): Promise<ScriptedServer> {
  const sockets = new Set<net.Socket>();
  const received: string[] = [];
  const cert = options.cert ?? testCertificate();
  const server = net.createServer({ allowHalfOpen: options.allowHalfOpen === true }, (raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => undefined);
    let current: net.Socket = raw;
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i).replace(/\r$/, '');
        buffer = buffer.slice(i + 1);
        received.push(line);
        queue.push(line);
      }
      wake?.();
    };
    const onEnd = (): void => {
      ended = true;
      wake?.();
    };
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('close', onEnd);
    const lines: AsyncIterable<string> = {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          if (queue.length) {
            yield queue.shift()!;
            continue;
          }
          if (ended) return;
          await new Promise<void>((r) => (wake = r));
          wake = undefined;
        }
      },
    };
    const upgrade = (): Promise<tls.TLSSocket> =>
      new Promise((resolve) => {
        raw.removeListener('data', onData);
        const secure = new tls.TLSSocket(raw, { isServer: true, key: cert.key, cert: cert.cert });
        sockets.add(secure);
        secure.on('error', () => undefined);
        secure.on('data', onData);
        secure.on('close', onEnd);
        current = secure;
        secure.once('secure', () => resolve(secure));
      });
    void script(raw, lines, upgrade).catch(() => current.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function write(socket: net.Socket, text: string): void {
  if (!socket.destroyed) socket.write(text.endsWith('\r\n') ? text : `${text}\r\n`);
}

/** Standard opening up to and including STARTTLS; returns the TLS socket. */
export async function openingToTls(
  socket: net.Socket,
  lines: AsyncIterator<string>,
  upgrade: () => Promise<tls.TLSSocket>,
): Promise<tls.TLSSocket> {
  write(socket, '220 email-smtp.test ESMTP ready');
  await lines.next(); // EHLO
  write(socket, '250-email-smtp.test\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN');
  await lines.next(); // STARTTLS
  write(socket, '220 Ready to start TLS');
  return upgrade();
}

/** Counts this process's open TCP handles (sockets and servers), for leak checks. */
export function openTcpHandles(): number {
  const getHandles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  if (!getHandles) return 0;
  return getHandles.call(process).filter((h) => h instanceof net.Socket || h instanceof net.Server).length;
}
