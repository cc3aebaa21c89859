// A TCP proxy on 127.0.0.1 that holds every chunk for a fixed delay in each direction, so round
// trips cost what they cost on a real network. Counts the round trips a client makes: a client
// chunk that follows a server chunk starts a new one.
import net from 'node:net';

export interface DelayProxy {
  port: number;
  /** Client→server turns seen since the last reset. */
  roundTrips(): number;
  reset(): void;
  stop(): Promise<void>;
}

export async function startDelayProxy(target: { host: string; port: number }, delayMs: number): Promise<DelayProxy> {
  const sockets = new Set<net.Socket>();
  let trips = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    let lastFromServer = true; // the connect itself is the first trip
    trips++;
    const forward = (from: net.Socket, to: net.Socket, fromClient: boolean): void => {
      from.on('data', (chunk) => {
        if (fromClient && lastFromServer) trips++;
        lastFromServer = !fromClient;
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
        }, delayMs);
      });
      from.on('end', () => setTimeout(() => to.end(), delayMs));
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        setTimeout(() => to.destroy(), delayMs + 5);
      });
    };
    forward(client, upstream, true);
    forward(upstream, client, false);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    roundTrips: () => trips,
    reset: () => void (trips = 0),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
