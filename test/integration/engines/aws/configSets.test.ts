// Configuration sets for Send Test Email (issue #18): CreateConfigurationSet and ListConfigurationSets
// against the AWS API peer (it keeps sets per region), GetConfigurationSetEventDestinations and
// NextToken paging against an SES API peer started with sets and destinations, and the refusal a
// send gets for a set the region does not have.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CreateConfigurationSetCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  describeEventDestinations,
  getEventDestinations,
  listConfigurationSets,
  missingConfigurationSet,
} from '../../../../src/engines/aws/configSets';
import { describeAwsError } from '../../../../src/engines/aws/ses';
import { startAwsPeer, type AwsPeer } from '../../../support/awsPeer';
import { startSesApiServer, type SesApiServer } from '../../../support/sesApiServer';

describe('configuration sets against the AWS API peer', () => {
  let awsPeer: AwsPeer;
  const clients: SESv2Client[] = [];
  const client = (region: string): SESv2Client => {
    const c = new SESv2Client({ region, endpoint: awsPeer.endpoint, credentials: awsPeer.credentials, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  before(async () => {
    awsPeer = await startAwsPeer();
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await awsPeer.stop();
  });

  test('the sets of a region are listed, and another region has none of them', async () => {
    const eu = client('eu-west-1');
    await eu.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'events' }));
    await eu.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'marketing_2' }));
    assert.deepEqual((await listConfigurationSets(eu)).sort(), ['events', 'marketing_2']);
    const us = await listConfigurationSets(client('us-east-1'));
    assert.deepEqual(us, []);
    assert.match(
      missingConfigurationSet('events', us, 'us-east-1') ?? '',
      /^Configuration set events does not exist in us-east-1\. There are none there yet\. Create it in the SES console/,
    );
  });
});

describe('configuration sets against the SES API peer', () => {
  const KEY = { accessKeyId: 'AKIAPEERTESTEXAMPLE1', secretAccessKey: 'peerTestSecretKeyExample00000000000000' };
  let peer: SesApiServer;
  const clients: SESv2Client[] = [];
  const client = (region: string): SESv2Client => {
    const c = new SESv2Client({ region, endpoint: peer.endpoint, credentials: KEY, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  before(async () => {
    peer = await startSesApiServer({
      accessKeyIds: [KEY.accessKeyId],
      regions: {
        'eu-west-1': {
          configurationSets: {
            events: [
              {
                Name: 'to-sns',
                MatchingEventTypes: ['BOUNCE', 'COMPLAINT'],
                SnsDestination: { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-events' },
              },
              {
                Name: 'metrics',
                Enabled: false,
                MatchingEventTypes: ['SEND', 'DELIVERY'],
                CloudWatchDestination: {
                  DimensionConfigurations: [
                    { DimensionName: 'campaign', DimensionValueSource: 'MESSAGE_TAG', DefaultDimensionValue: 'none' },
                  ],
                },
              },
            ],
            a: [],
            b: [],
            c: [],
            d: [],
          },
        },
        'eu-central-1': { fail: { status: 403, type: 'AccessDeniedException', message: 'not allowed' } },
      },
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await peer.stop();
  });

  test('every set is listed across pages (NextToken followed)', async () => {
    assert.deepEqual(await listConfigurationSets(client('eu-west-1')), ['events', 'a', 'b', 'c', 'd']);
    assert.equal(peer.requests.filter((r) => r.startsWith('POST /v2/email/list-configuration-sets ')).length, 3);
  });

  test("a set's event destinations: kind, target, event types, enabled", async () => {
    const destinations = await getEventDestinations(client('eu-west-1'), 'events');
    assert.deepEqual(describeEventDestinations(destinations), [
      'SNS arn:aws:sns:eu-west-1:123456789012:ses-events — BOUNCE, COMPLAINT [to-sns]',
      'CloudWatch dimensions campaign — SEND, DELIVERY (disabled) [metrics]',
    ]);
  });

  test('an unknown set, and a region that refuses, read as errors that say why', async () => {
    await assert.rejects(getEventDestinations(client('eu-west-1'), 'nope'), /Configuration set <nope> does not exist/);
    const err = await listConfigurationSets(client('eu-central-1')).catch((e: unknown) => e);
    assert.match(describeAwsError(err, 'eu-central-1', 'ses:ListConfigurationSets'), /Allow ses:ListConfigurationSets/);
  });

  test('a cancelled listing stops', async () => {
    const stop = new AbortController();
    stop.abort();
    await assert.rejects(listConfigurationSets(client('eu-west-1'), { signal: stop.signal }), /abort/i);
  });
});
