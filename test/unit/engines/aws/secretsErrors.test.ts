// Issue #17: how a failed Secrets Manager / SSM call reads: what failed, the AWS error name, the fix.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SecretsAccessError, describeSecretsError, errorName } from '../../../../src/engines/aws/secretsErrors';

const err = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('AWS errors of the secret calls', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    [
      'a missing secret',
      err('ResourceNotFoundException', "Secrets Manager can't find the specified secret."),
      /\(ResourceNotFoundException: Secrets Manager can't find the specified secret\)\. Check the name and the region/,
    ],
    [
      'a missing parameter',
      err('ParameterNotFound', ''),
      /^Reading failed \(ParameterNotFound\)\. Check the name \(with its leading \/\)/,
    ],
    [
      'access denied',
      err('AccessDeniedException', 'not authorized'),
      /allow secretsmanager:ListSecrets, GetSecretValue, DescribeSecret, CreateSecret and PutSecretValue \(or ssm:GetParameter and kms:Decrypt\)/,
    ],
    ['a KMS key that cannot decrypt', err('DecryptionFailure', 'x'), /allow kms:Decrypt on that key/],
    ['a KMS key that cannot encrypt', err('EncryptionFailure', 'x'), /could not encrypt with the KMS key/],
    ['an expired session', err('ExpiredTokenException', 'x'), /aws sso login/],
    ['throttling', err('ThrottlingException', 'Rate exceeded'), /wait a moment and retry/],
    [
      'an unreachable endpoint',
      err('Error', 'connect ECONNREFUSED 127.0.0.1:9'),
      /AWS could not be reached: check the network \(or the sesSmtpToolkit\.aws\.endpoint setting\)/,
    ],
    [
      'no credentials',
      err('CredentialsProviderError', 'Could not load credentials from any providers'),
      /Check the AWS profile \(aws configure, or aws sso login\)/,
    ],
    [
      'an unknown error',
      err('SomethingNew', 'odd'),
      /\(SomethingNew: odd\)\. Retry, or check the request in the AWS console\./,
    ],
    [
      'an error with a Code field only',
      { Code: 'InvalidKeyId', message: 'bad key' },
      /\(InvalidKeyId: bad key\)\. The KMS key of the parameter is not valid/,
    ],
    ['a thrown string', 'boom', /^Reading failed \(Error: boom\)\. Retry/],
  ];
  for (const [label, error, reason] of cases) {
    test(label, () => {
      const out = describeSecretsError(error, 'Reading');
      assert.ok(out instanceof SecretsAccessError);
      assert.match(out.message, reason);
      assert.equal(out.code, errorName(error));
    });
  }

  test("AWS's message is cut to one line of at most 300 characters", () => {
    const out = describeSecretsError(err('ValidationException', `line one\n${'x'.repeat(1000)}`), 'Writing');
    assert.ok(!out.message.includes('\n'));
    assert.ok(out.message.length < 300 + 200, `${out.message.length}`);
  });

  test('an error already described is handed on as it is', () => {
    const first = new SecretsAccessError('The secret "x" already exists.', 'SecretExists');
    assert.equal(describeSecretsError(first, 'Writing'), first);
  });
});
