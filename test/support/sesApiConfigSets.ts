// The SES API peer's configuration sets: CreateConfigurationSet, DeleteConfigurationSet,
// ListConfigurationSets (POST /v2/email/list-configuration-sets with a JSON body, as SDK clients
// since 3.1141 send it) with NextToken paging,
// CreateConfigurationSetEventDestination and GetConfigurationSetEventDestinations, per region,
// with SES's AlreadyExistsException and NotFoundException; GetConfigurationSet answers with the
// SuppressionOptions the set was created with (Auto Validation at the set's level, #27).

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

/** Each region's sets' SuppressionOptions as CreateConfigurationSet got them (kept beside the sets). */
const suppressionOptions = new WeakMap<PeerConfigurationSets, Record<string, unknown>>();

/** The page when the request names no PageSize (small, so that paging is exercised). */
const PAGE = 2;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Answers a configuration-set request; false when the path is not one. */
export function configurationSetRoute(
  method: string | undefined,
  url: URL,
  body: Record<string, unknown> | undefined,
  sets: PeerConfigurationSets,
  send: (status: number, body: unknown) => void,
  fail: (status: number, type: string, message: string) => void,
): boolean {
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(sets, name);
  if (method === 'POST' && url.pathname === '/v2/email/list-configuration-sets') {
    const names = Object.keys(sets);
    const token = body?.NextToken;
    const size = body?.PageSize === undefined ? PAGE : Number(body.PageSize);
    const start =
      token === undefined ? 0 : Number(Buffer.from(String(token), 'base64').toString('utf8').replace('offset:', ''));
    if (!Number.isInteger(start) || start < 0 || start > names.length) {
      fail(400, 'BadRequestException', 'Invalid NextToken.');
      return true;
    }
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      fail(400, 'BadRequestException', 'PageSize must be between 1 and 1000.');
      return true;
    }
    const page = names.slice(start, start + size);
    const next = start + size < names.length ? Buffer.from(`offset:${start + size}`).toString('base64') : undefined;
    send(200, { ConfigurationSets: page, ...(next ? { NextToken: next } : {}) });
    return true;
  }
  if (method === 'POST' && url.pathname === '/v2/email/configuration-sets') {
    const name = typeof body?.ConfigurationSetName === 'string' ? body.ConfigurationSetName : '';
    if (!NAME.test(name))
      fail(
        400,
        'BadRequestException',
        'ConfigurationSetName must be 1 to 64 letters, digits, underscores (_) or dashes (-).',
      );
    else if (has(name)) fail(400, 'AlreadyExistsException', `Configuration set <${name}> already exists.`);
    else {
      sets[name] = [];
      if (body?.SuppressionOptions !== undefined) {
        const kept = suppressionOptions.get(sets) ?? {};
        kept[name] = body.SuppressionOptions;
        suppressionOptions.set(sets, kept);
      }
      send(200, {});
    }
    return true;
  }
  const one = /^\/v2\/email\/configuration-sets\/([^/]+)$/.exec(url.pathname);
  if (one && method === 'GET') {
    const name = decodeURIComponent(one[1]);
    if (!has(name)) fail(404, 'NotFoundException', `Configuration set <${name}> does not exist.`);
    else {
      const options = suppressionOptions.get(sets)?.[name];
      send(200, { ConfigurationSetName: name, ...(options !== undefined ? { SuppressionOptions: options } : {}) });
    }
    return true;
  }
  if (one && method === 'DELETE') {
    const name = decodeURIComponent(one[1]);
    if (!has(name)) fail(404, 'NotFoundException', `Configuration set <${name}> does not exist.`);
    else {
      delete sets[name];
      send(200, {});
    }
    return true;
  }
  const m = /^\/v2\/email\/configuration-sets\/([^/]+)\/event-destinations$/.exec(url.pathname);
  if (!m) return false;
  const name = decodeURIComponent(m[1]);
  if (method !== 'GET' && method !== 'POST') return false;
  if (!has(name)) {
    fail(404, 'NotFoundException', `Configuration set <${name}> does not exist.`);
    return true;
  }
  const destinations = sets[name];
  if (method === 'GET') {
    send(200, { EventDestinations: destinations.map((d) => ({ Enabled: true, ...d })) });
    return true;
  }
  const destName = typeof body?.EventDestinationName === 'string' ? body.EventDestinationName : '';
  const dest = (body?.EventDestination ?? {}) as Omit<PeerEventDestination, 'Name'>;
  if (!destName || !Array.isArray(dest.MatchingEventTypes) || !dest.MatchingEventTypes.length)
    fail(400, 'BadRequestException', 'EventDestinationName and EventDestination.MatchingEventTypes are required.');
  else if (destinations.some((d) => d.Name === destName))
    fail(400, 'AlreadyExistsException', `Event destination ${destName} already exists in <${name}>.`);
  else {
    destinations.push({ ...dest, Name: destName });
    send(200, {});
  }
  return true;
}
