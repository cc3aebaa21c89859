// The account of the "every region at once" measurement (explorer-regions.e2e.test.ts), shared
// with the bench that serves it behind a delay (bench/hostExplorer.ts). No vscode import here.
import type { PeerRegion } from '../support/sesApiServer';

export const HOST_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'sa-east-1',
];
export const HOST_IDENTITIES = 20;
/** The e2e profile's access key (test/support/awsPeer.ts): the host's explorer signs with it. */
export const E2E_ACCESS_KEY_ID = 'AKIAPEERROOTEXAMPLE1';

/** Every region with HOST_IDENTITIES addresses and a production account. */
export function hostRegions(): Record<string, PeerRegion> {
  return Object.fromEntries(
    HOST_REGIONS.map((region) => [
      region,
      {
        identities: Array.from({ length: HOST_IDENTITIES }, (_, i) => ({ name: `user${i}@${region}.example.com` })),
        account: { productionAccessEnabled: true, max24HourSend: 50_000, maxSendRate: 14 },
      },
    ]),
  );
}
