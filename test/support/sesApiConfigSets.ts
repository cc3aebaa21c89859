// The SES API peer's configuration sets (moto_server 5.2.1 lists them but cannot answer
// GetConfigurationSetEventDestinations): ListConfigurationSets with NextToken paging and
// GetConfigurationSetEventDestinations, per region, with SES's NotFoundException for an unknown set.

export interface PeerEventDestination {
  Name: string;
  Enabled?: boolean;
  MatchingEventTypes: string[];
  SnsDestination?: { TopicArn: string };
  CloudWatchDestination?: { DimensionConfigurations: Array<Record<string, string>> };
  KinesisFirehoseDestination?: { IamRoleArn: string; DeliveryStreamArn: string };
  EventBridgeDestination?: { EventBusArn: string };
}

/** A region's configuration sets: name → its event destinations. */
export type PeerConfigurationSets = Record<string, PeerEventDestination[]>;

const PAGE = 2;

/** Answers a configuration-set request; false when the path is not one. */
export function configurationSetRoute(
  method: string | undefined,
  url: URL,
  sets: PeerConfigurationSets,
  send: (status: number, body: unknown) => void,
  fail: (status: number, type: string, message: string) => void,
): boolean {
  if (method !== 'GET') return false;
  if (url.pathname === '/v2/email/configuration-sets') {
    const names = Object.keys(sets);
    const token = url.searchParams.get('NextToken');
    const start = token === null ? 0 : Number(Buffer.from(token, 'base64').toString('utf8').replace('offset:', ''));
    if (!Number.isInteger(start) || start < 0 || start > names.length) {
      fail(400, 'BadRequestException', 'Invalid NextToken.');
      return true;
    }
    const page = names.slice(start, start + PAGE);
    const next = start + PAGE < names.length ? Buffer.from(`offset:${start + PAGE}`).toString('base64') : undefined;
    send(200, { ConfigurationSets: page, ...(next ? { NextToken: next } : {}) });
    return true;
  }
  const m = /^\/v2\/email\/configuration-sets\/([^/]+)\/event-destinations$/.exec(url.pathname);
  if (!m) return false;
  const name = decodeURIComponent(m[1]);
  const destinations = Object.prototype.hasOwnProperty.call(sets, name) ? sets[name] : undefined;
  if (!destinations) fail(404, 'NotFoundException', `Configuration set <${name}> does not exist.`);
  else send(200, { EventDestinations: destinations.map((d) => ({ Enabled: true, ...d })) });
  return true;
}
