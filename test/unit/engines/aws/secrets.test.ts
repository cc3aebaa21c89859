// An AWS error that echoes the value sent: the value is masked in every form the project masks,
// not only as the exact string (a JSON-escaped password in a JSON error body, for one).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sendSecretsCommand } from '../../../../src/engines/aws/secrets';
import { SecretsAccessError } from '../../../../src/engines/aws/secretsErrors';
import { MASK } from '../../../../src/engines/smtp/redact';

function failing(message: string, name = 'ValidationException') {
  return {
    send: async () => {
      const err = new Error(message);
      err.name = name;
      throw err;
    },
  };
}

async function caught(message: string, sent?: string): Promise<SecretsAccessError> {
  try {
    await sendSecretsCommand(failing(message), {}, 'Writing the secret', undefined, sent);
  } catch (err) {
    assert.ok(err instanceof SecretsAccessError);
    return err;
  }
  assert.fail('the call did not throw');
}

describe('sendSecretsCommand masks the value sent in AWS error text', () => {
  const password = 'p"w\\d/AbCd1234';

  test('a JSON-escaped echo of the password is masked', async () => {
    const escaped = JSON.stringify(password).slice(1, -1); // p\"w\\d/AbCd1234
    assert.notEqual(escaped, password);
    const err = await caught(`Invalid SecretString {"SMTP_PASSWORD":"${escaped}"}`, password);
    assert.ok(!err.message.includes(escaped), err.message);
    assert.ok(err.message.includes(MASK), err.message);
    assert.equal(err.code, 'ValidationException');
  });

  test('the raw password is masked', async () => {
    const err = await caught(`bad value ${password} here`, password);
    assert.ok(!err.message.includes(password), err.message);
    assert.ok(err.message.includes(MASK), err.message);
  });

  test('a base64 echo of the password is masked', async () => {
    const b64 = Buffer.from(password).toString('base64');
    const err = await caught(`bad value ${b64}`, password);
    assert.ok(!err.message.includes(b64), err.message);
  });

  test('a message without the value is left as AWS wrote it (near miss)', async () => {
    const err = await caught('The secret name is invalid', password);
    assert.ok(err.message.includes('The secret name is invalid'), err.message);
    assert.ok(!err.message.includes(MASK));
  });

  test('nothing sent: the message is kept', async () => {
    const err = await caught(`value ${password}`);
    assert.ok(err.message.includes(password));
  });
});
