// One region's SES endpoint for the explorer bench, in a process of its own: the project's SES API
// peer (test/support/sesApiServer.ts) holding `identities` addresses, behind the delaying proxy.
// AWS answers each region at its own endpoint on its own machines; one peer process for all
// regions would make the regions wait for one another in the peer (and on the bench's event loop,
// where the proxy would otherwise run). Prints {"port": …} once ready; exits with its parent.
import { startSesApiServer } from '../test/support/sesApiServer';
import { startDelayProxy } from './delayProxy';

async function main(): Promise<void> {
  const [region, accessKeyId, identities, delayMs] = process.argv.slice(2);
  const server = await startSesApiServer({
    accessKeyIds: [accessKeyId],
    regions: {
      [region]: {
        identities: Array.from({ length: Number(identities) }, (_, i) => ({ name: `user${i}@${region}.example.com` })),
        account: { productionAccessEnabled: true, max24HourSend: 50_000, maxSendRate: 14 },
      },
    },
  });
  const url = new URL(server.endpoint);
  const proxy = await startDelayProxy({ host: url.hostname, port: Number(url.port) }, Number(delayMs));
  console.log(JSON.stringify({ port: proxy.port }));
  const stop = async (): Promise<void> => {
    await proxy.stop();
    await server.stop();
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
}

void main();
