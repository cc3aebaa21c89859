// The errors of the Secrets Manager and SSM calls as the user reads them: what failed, the AWS
// error name, and how to fix it. AWS's own message is kept (it does not echo secret values; the
// caller cuts out a value it sent, should it appear). Pure and vscode-free.

export class SecretsAccessError extends Error {
  constructor(
    message: string,
    /** The AWS error name (ResourceNotFoundException, AccessDeniedException, …). */
    readonly code: string,
  ) {
    super(message);
    this.name = 'SecretsAccessError';
  }
}

export function errorName(err: unknown): string {
  const e = err as { name?: unknown; Code?: unknown; code?: unknown } | undefined;
  const name = e?.name ?? e?.Code ?? e?.code;
  return typeof name === 'string' ? name : 'Error';
}

const FIXES: Record<string, string> = {
  ResourceNotFoundException: 'Check the name and the region (secrets are per region), or pick it from the list.',
  ParameterNotFound: 'Check the name (with its leading /) and the region (parameters are per region).',
  ParameterVersionNotFound: 'Check the version after the colon, or leave it out for the latest.',
  AccessDeniedException:
    'The credentials may not do this: allow secretsmanager:ListSecrets, GetSecretValue, DescribeSecret, ' +
    'CreateSecret and PutSecretValue (or ssm:GetParameter and kms:Decrypt) in their IAM policy.',
  AccessDenied: 'The credentials may not do this: allow the call in their IAM policy.',
  EncryptionFailure:
    'Secrets Manager could not encrypt with the KMS key: check it exists in this region, is enabled, and that you may use it.',
  DecryptionFailure: 'The secret cannot be decrypted with its KMS key: allow kms:Decrypt on that key.',
  KMSAccessDeniedException: 'The credentials may not use the KMS key: allow kms:Decrypt on it.',
  KMSNotFoundException: 'The KMS key does not exist in this region: check its id, alias or ARN.',
  KMSDisabledException: 'The KMS key is disabled: enable it in the KMS console.',
  KMSInvalidStateException: 'The KMS key is not usable now (pending deletion or import): check it in KMS.',
  InvalidKeyId: 'The KMS key of the parameter is not valid: check it in the KMS console.',
  UnrecognizedClientException: 'AWS did not recognise the access key: check the profile (or run aws sso login).',
  InvalidSignatureException: 'The secret key of the profile does not match its access key: check the profile.',
  ExpiredTokenException: 'The session expired: sign in again (aws sso login) and retry.',
  ThrottlingException: 'AWS throttled the calls: wait a moment and retry.',
  ResourceExistsException: 'A secret of that name exists: confirm the update, or choose another name.',
  InvalidRequestException: 'The secret may be scheduled for deletion: restore it in the console, or choose a name.',
  InvalidParameterException: 'AWS refused a value of the request: check the name and the KMS key.',
  ValidationException: 'AWS refused a value of the request: check the name and the KMS key.',
  AbortError: 'It was cancelled.',
};

/** An AWS SDK error as a sentence: what failed, the AWS error name, and how to fix it. */
export function describeSecretsError(err: unknown, what: string): SecretsAccessError {
  if (err instanceof SecretsAccessError) return err;
  const name = errorName(err);
  const message = String((err as Error)?.message ?? err ?? '')
    .replace(/\s+/g, ' ')
    .slice(0, 300);
  const network = /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|socket hang up/i.test(message);
  const fix =
    FIXES[name] ??
    (network
      ? 'AWS could not be reached: check the network (or the sesSmtpToolkit.aws.endpoint setting).'
      : /credential/i.test(message)
        ? 'Check the AWS profile (aws configure, or aws sso login).'
        : 'Retry, or check the request in the AWS console.');
  const detail = message && message !== name ? `: ${message.replace(/[.\s]+$/, '')}` : '';
  return new SecretsAccessError(`${what} failed (${name}${detail}). ${fix}`, name);
}
