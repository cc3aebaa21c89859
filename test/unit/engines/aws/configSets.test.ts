// The configuration set wording of Send Test Email (src/engines/aws/configSets.ts), issue #18.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { describeEventDestinations, missingConfigurationSet } from '../../../../src/engines/aws/configSets';

describe('configuration sets', () => {
  test('a missing set names the region, near names and the fix', () => {
    assert.equal(missingConfigurationSet('events', ['events', 'other'], 'eu-west-1'), undefined);
    assert.match(
      missingConfigurationSet('Events', ['events'], 'eu-west-1') ?? '',
      /^Configuration set Events does not exist in eu-west-1\. Did you mean "events"\? Names are case-sensitive\./,
    );
    assert.match(
      missingConfigurationSet('x', ['a', 'b'], 'eu-west-1') ?? '',
      /The sets there are: a, b\. Create it in the SES console/,
    );
    assert.match(missingConfigurationSet('x', [], 'eu-west-1') ?? '', /There are none there yet\./);
  });
  test('event destinations read as one line each', () => {
    assert.deepEqual(
      describeEventDestinations([
        {
          name: 'to-sns',
          enabled: true,
          eventTypes: ['BOUNCE', 'COMPLAINT'],
          kind: 'SNS',
          target: 'arn:aws:sns:eu-west-1:1:t',
        },
        { name: 'cw', enabled: false, eventTypes: [], kind: 'CloudWatch' },
      ]),
      ['SNS arn:aws:sns:eu-west-1:1:t — BOUNCE, COMPLAINT [to-sns]', 'CloudWatch — no event types (disabled) [cw]'],
    );
  });
});
