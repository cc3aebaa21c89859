// Every AWS client the extension makes has a deadline: an endpoint that accepts a connection and
// never answers (or never accepts) ends in an error the user sees, not a view that loads forever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iamClient, secretsManagerClient, sesClient, ssmClient } from '../../../../src/engines/bundles/aws';

const access = { region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' };

for (const [name, make] of [
  ['SESv2 (explorer, identities, configuration sets)', sesClient],
  ['IAM (dedicated users, rotation, key ages)', iamClient],
  ['Secrets Manager (import, export, rotation)', secretsManagerClient],
  ['SSM Parameter Store (import, rotation)', ssmClient],
] as const) {
  test(`the ${name} client gives up on a silent endpoint: 10 s to connect, 30 s for an answer`, async () => {
    const client = make(access);
    try {
      const handler = client.config.requestHandler as unknown as {
        configProvider: Promise<{ connectionTimeout?: number; requestTimeout?: number }>;
      };
      const config = await handler.configProvider;
      assert.equal(config.connectionTimeout, 10_000);
      assert.equal(config.requestTimeout, 30_000);
      assert.equal(await client.config.region(), 'eu-west-1');
    } finally {
      client.destroy();
    }
  });
}
