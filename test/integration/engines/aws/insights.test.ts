// GetMessageInsights (VDM) through the SDK's SESv2Client against the SES API peer: a known message's
// events per destination, SES's NotFoundException as "none", and a denial thrown for the caller to word.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { getMessageInsights } from '../../../../src/engines/aws/insights';
import { eventsFromInsights } from '../../../../src/features/delivery/logic/insights';
import { startSesApiServer, type SesApiServer } from '../../../support/sesApiServer';

const KEY = { accessKeyId: 'AKIAPEERTESTEXAMPLE1', secretAccessKey: 'peerTestSecretKeyExample00000000000000' };
const ID = '0100018c1234abcd-11111111-2222-3333-4444-555555555555-000000';

describe('GetMessageInsights against the SES API peer', () => {
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
          insights: {
            [ID]: [
              {
                Destination: 'bounce@simulator.amazonses.com',
                Isp: 'Amazon SES',
                Events: [
                  { Timestamp: 1765101600, Type: 'SEND' },
                  {
                    Timestamp: 1765101601,
                    Type: 'BOUNCE',
                    Details: {
                      Bounce: {
                        BounceType: 'PERMANENT',
                        BounceSubType: 'General',
                        DiagnosticCode: 'smtp; 550 5.1.1 user unknown',
                      },
                    },
                  },
                ],
              },
            ],
          },
        },
        'ap-south-1': {
          fail: {
            status: 403,
            type: 'AccessDeniedException',
            message: 'not authorized to perform: ses:GetMessageInsights',
          },
        },
      },
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await peer.stop();
  });

  test('a known message: its events, read as tracking reads them', async () => {
    const found = await getMessageInsights(client('eu-west-1'), ID);
    const events = eventsFromInsights(ID, found);
    assert.deepEqual(
      events.map((e) => `${e.type} ${e.recipient} ${e.time} ${e.bounceType ?? ''} ${e.diagnosticCode ?? ''}`.trim()),
      [
        'Send bounce@simulator.amazonses.com 2025-12-07T10:00:00.000Z',
        'Bounce bounce@simulator.amazonses.com 2025-12-07T10:00:01.000Z Permanent smtp; 550 5.1.1 user unknown',
      ],
    );
  });
  test('another region (insights are per region) and an unknown id: undefined', async () => {
    assert.equal(await getMessageInsights(client('us-east-1'), ID), undefined);
    assert.equal(await getMessageInsights(client('eu-west-1'), 'nope-000000'), undefined);
  });
  test('a denial is thrown as the SDK’s error', async () => {
    await assert.rejects(
      getMessageInsights(client('ap-south-1'), ID),
      (e: Error) => e.name === 'AccessDeniedException',
    );
  });
});
