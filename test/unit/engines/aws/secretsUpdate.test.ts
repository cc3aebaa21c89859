// The AWS calls that write a rotated key into a linked secret, against a recording client: what is
// sent (moto keeps an SSM parameter's KMS key on overwrite whether it is sent or not; AWS may not),
// and errors that never carry the value sent.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, GetParameterCommand, PutParameterCommand } from '@aws-sdk/client-ssm';
import { putParameterText, putSecretText, readParameterForUpdate } from '../../../../src/engines/aws/secretsUpdate';
import { SecretsAccessError } from '../../../../src/engines/aws/secretsErrors';

const VALUE = '{"user":"AKIANEWKEY0000000001","password":"BNewPasswordNotShownAnywhere0000000000000000"}';

function recorder(answer: (command: unknown) => unknown) {
  const sent: unknown[] = [];
  return {
    sent,
    client: {
      send: async (command: unknown) => {
        sent.push(command);
        return answer(command);
      },
    } as never,
  };
}

describe('writing a rotated key into the linked secret', () => {
  test('SSM: the type and KMS key read are sent back with Overwrite', async () => {
    const r = recorder((c) =>
      c instanceof GetParameterCommand
        ? { Parameter: { Name: '/app/smtp', Value: 'old', Type: 'SecureString' } }
        : c instanceof DescribeParametersCommand
          ? { Parameters: [{ Name: '/app/smtp', Type: 'SecureString', KeyId: 'alias/app' }] }
          : {},
    );
    const read = await readParameterForUpdate(r.client, '/app/smtp');
    assert.deepEqual(read, { value: 'old', type: 'SecureString', kmsKeyId: 'alias/app' });
    await putParameterText(r.client, '/app/smtp', VALUE, read);
    const put = r.sent.at(-1) as PutParameterCommand;
    assert.ok(put instanceof PutParameterCommand);
    assert.deepEqual(put.input, {
      Name: '/app/smtp',
      Value: VALUE,
      Type: 'SecureString',
      KeyId: 'alias/app',
      Overwrite: true,
    });
  });

  test('SSM: a plain String parameter stays a String, with no KMS key', async () => {
    const r = recorder(() => ({}));
    await putParameterText(r.client, '/app/smtp', VALUE, { type: 'String', kmsKeyId: 'alias/ignored' });
    assert.deepEqual((r.sent[0] as PutParameterCommand).input, {
      Name: '/app/smtp',
      Value: VALUE,
      Type: 'String',
      KeyId: undefined,
      Overwrite: true,
    });
  });

  test('Secrets Manager: PutSecretValue on the ARN; an AWS message echoing the value is cut', async () => {
    const ok = recorder(() => ({}));
    await putSecretText(ok.client, 'arn:aws:secretsmanager:eu-west-1:1:secret:app', VALUE);
    assert.ok(ok.sent[0] instanceof PutSecretValueCommand);
    assert.deepEqual((ok.sent[0] as PutSecretValueCommand).input, {
      SecretId: 'arn:aws:secretsmanager:eu-west-1:1:secret:app',
      SecretString: VALUE,
    });
    const echo = recorder(() => {
      throw Object.assign(new Error(`bad value ${VALUE}`), { name: 'InvalidParameterException' });
    });
    await assert.rejects(putSecretText(echo.client, 'app', VALUE), (err: unknown) => {
      assert.ok(err instanceof SecretsAccessError);
      assert.match(err.message, /Writing the secret "app"/);
      assert.ok(!err.message.includes(VALUE));
      return true;
    });
  });
});
