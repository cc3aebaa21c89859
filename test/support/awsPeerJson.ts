// Secrets Manager and SSM Parameter Store of the AWS API peer (test/support/awsPeer.ts), in AWS's
// JSON 1.1 protocol: POST / with X-Amz-Target "secretsmanager.<Action>" or "AmazonSSM.<Action>", a
// JSON body, JSON answers with epoch-second timestamps, errors as HTTP 400 with {"__type", "message"}.
// Data is kept per region. Secrets have versions with the AWSCURRENT/AWSPREVIOUS stages and a
// recovery window on deletion; SSM parameters have versions, and a SecureString takes the account's
// default key (alias/aws/ssm) when no KeyId is sent, on overwrite too, as SSM does.
import { randomBytes, randomUUID } from 'node:crypto';

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

const ok = (body: Record<string, unknown> = {}): JsonAnswer => ({ status: 200, body });
export const jsonError = (type: string, message: string, status = 400): JsonAnswer => ({
  status,
  body: { __type: type, message },
});
const epoch = (d: Date): number => d.getTime() / 1000;

interface SecretVersion {
  id: string;
  value?: string;
  binary?: string;
  stages: string[];
  created: Date;
}

interface Secret {
  name: string;
  arn: string;
  description?: string;
  kmsKeyId?: string;
  created: Date;
  changed: Date;
  deleted?: Date;
  versions: SecretVersion[];
}

interface Parameter {
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  value: string;
  keyId?: string;
  description?: string;
  version: number;
  modified: Date;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A NextToken over an offset, and its reading (undefined: not one of ours). */
const token = (n: number): string => Buffer.from(`offset:${n}`).toString('base64');
const offset = (t: unknown): number | undefined => {
  if (t === undefined) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(String(t), 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
};

export class JsonServices {
  private readonly secrets = new Map<string, Map<string, Secret>>();
  private readonly parameters = new Map<string, Map<string, Parameter>>();

  constructor(private readonly account: string) {}

  private regionSecrets(region: string): Map<string, Secret> {
    let m = this.secrets.get(region);
    if (!m) this.secrets.set(region, (m = new Map()));
    return m;
  }

  private regionParameters(region: string): Map<string, Parameter> {
    let m = this.parameters.get(region);
    if (!m) this.parameters.set(region, (m = new Map()));
    return m;
  }

  /** A secret by name or (partial) ARN. */
  private findSecret(region: string, id: unknown): Secret | undefined {
    const key = str(id) ?? '';
    const all = this.regionSecrets(region);
    return (
      all.get(key) ?? [...all.values()].find((s) => s.arn === key || s.arn.replace(/-[A-Za-z0-9]{6}$/, '') === key)
    );
  }

  private addVersion(s: Secret, value: { value?: string; binary?: string }, id?: string): SecretVersion {
    for (const v of s.versions) v.stages = v.stages.filter((st) => st !== 'AWSPREVIOUS');
    for (const v of s.versions)
      if (v.stages.includes('AWSCURRENT')) v.stages = [...v.stages.filter((st) => st !== 'AWSCURRENT'), 'AWSPREVIOUS'];
    s.versions = s.versions.filter((v) => v.stages.length);
    const version: SecretVersion = { id: id ?? randomUUID(), ...value, stages: ['AWSCURRENT'], created: new Date() };
    s.versions.push(version);
    s.changed = version.created;
    return version;
  }

  private notFound(): JsonAnswer {
    return jsonError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  }

  private markedForDeletion(action: string): JsonAnswer {
    return jsonError(
      'InvalidRequestException',
      `You can't perform this operation on the secret because it was marked for deletion. (${action})`,
    );
  }

  secretsManager(action: string, region: string, b: Record<string, unknown>): JsonAnswer {
    const all = this.regionSecrets(region);
    switch (action) {
      case 'CreateSecret': {
        const name = str(b.Name) ?? '';
        if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name))
          return jsonError(
            'InvalidParameterException',
            'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
          );
        const existing = all.get(name);
        if (existing)
          return existing.deleted
            ? this.markedForDeletion(action)
            : jsonError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
        if (b.SecretString !== undefined && b.SecretBinary !== undefined)
          return jsonError('InvalidParameterException', 'You can specify SecretString or SecretBinary, not both.');
        const now = new Date();
        const s: Secret = {
          name,
          arn: `arn:aws:secretsmanager:${region}:${this.account}:secret:${name}-${randomBytes(3).toString('hex')}`,
          description: str(b.Description),
          kmsKeyId: str(b.KmsKeyId),
          created: now,
          changed: now,
          versions: [],
        };
        all.set(name, s);
        const body: Record<string, unknown> = { ARN: s.arn, Name: name };
        if (b.SecretString !== undefined || b.SecretBinary !== undefined) {
          const v = this.addVersion(
            s,
            { value: str(b.SecretString), binary: str(b.SecretBinary) },
            str(b.ClientRequestToken),
          );
          body.VersionId = v.id;
        }
        return ok(body);
      }
      case 'GetSecretValue': {
        const s = this.findSecret(region, b.SecretId);
        if (!s) return this.notFound();
        if (s.deleted) return this.markedForDeletion(action);
        const stage = str(b.VersionStage) ?? (b.VersionId === undefined ? 'AWSCURRENT' : undefined);
        const v = s.versions.find(
          (x) => (b.VersionId === undefined || x.id === b.VersionId) && (!stage || x.stages.includes(stage)),
        );
        if (!v)
          return jsonError(
            'ResourceNotFoundException',
            "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
          );
        return ok({
          ARN: s.arn,
          Name: s.name,
          VersionId: v.id,
          ...(v.value !== undefined ? { SecretString: v.value } : { SecretBinary: v.binary }),
          VersionStages: v.stages,
          CreatedDate: epoch(v.created),
        });
      }
      case 'PutSecretValue': {
        const s = this.findSecret(region, b.SecretId);
        if (!s) return this.notFound();
        if (s.deleted) return this.markedForDeletion(action);
        if (b.SecretString === undefined && b.SecretBinary === undefined)
          return jsonError('InvalidRequestException', 'You must provide either SecretString or SecretBinary.');
        const v = this.addVersion(
          s,
          { value: str(b.SecretString), binary: str(b.SecretBinary) },
          str(b.ClientRequestToken),
        );
        return ok({ ARN: s.arn, Name: s.name, VersionId: v.id, VersionStages: v.stages });
      }
      case 'UpdateSecret': {
        const s = this.findSecret(region, b.SecretId);
        if (!s) return this.notFound();
        if (s.deleted) return this.markedForDeletion(action);
        if (b.Description !== undefined) s.description = str(b.Description);
        if (b.KmsKeyId !== undefined) s.kmsKeyId = str(b.KmsKeyId);
        s.changed = new Date();
        const body: Record<string, unknown> = { ARN: s.arn, Name: s.name };
        if (b.SecretString !== undefined || b.SecretBinary !== undefined)
          body.VersionId = this.addVersion(
            s,
            { value: str(b.SecretString), binary: str(b.SecretBinary) },
            str(b.ClientRequestToken),
          ).id;
        return ok(body);
      }
      case 'DescribeSecret': {
        const s = this.findSecret(region, b.SecretId);
        if (!s) return this.notFound();
        return ok(this.describe(s));
      }
      case 'ListSecrets': {
        const max = b.MaxResults === undefined ? 100 : Number(b.MaxResults);
        if (!Number.isInteger(max) || max < 1 || max > 100)
          return jsonError('InvalidParameterException', 'MaxResults must be between 1 and 100.');
        const start = offset(b.NextToken);
        if (start === undefined) return jsonError('InvalidNextTokenException', 'The NextToken value is not valid.');
        const filters = (Array.isArray(b.Filters) ? b.Filters : []) as Array<{ Key?: string; Values?: string[] }>;
        const matches = (s: Secret): boolean =>
          filters.every((f) =>
            (f.Values ?? []).some((want) => {
              const w = want.toLowerCase();
              const fields =
                f.Key === 'name'
                  ? [s.name]
                  : f.Key === 'description'
                    ? [s.description ?? '']
                    : f.Key === 'all'
                      ? [s.name, s.description ?? '']
                      : [];
              return fields.some(
                (x) => x.toLowerCase().startsWith(w) || (f.Key === 'all' && x.toLowerCase().includes(w)),
              );
            }),
          );
        const listed = [...all.values()]
          .filter((s) => (!s.deleted || b.IncludePlannedDeletion === true) && matches(s))
          .sort((x, y) => (b.SortOrder === 'desc' ? -1 : 1) * (x.created.getTime() - y.created.getTime()));
        const page = listed.slice(start, start + max);
        return ok({
          SecretList: page.map((s) => this.describe(s)),
          ...(start + max < listed.length ? { NextToken: token(start + max) } : {}),
        });
      }
      case 'DeleteSecret': {
        const s = this.findSecret(region, b.SecretId);
        if (!s) return this.notFound();
        const force = b.ForceDeleteWithoutRecovery === true;
        const days = b.RecoveryWindowInDays === undefined ? 30 : Number(b.RecoveryWindowInDays);
        if (force && b.RecoveryWindowInDays !== undefined)
          return jsonError(
            'InvalidParameterException',
            "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
          );
        if (!force && (!Number.isInteger(days) || days < 7 || days > 30))
          return jsonError('InvalidParameterException', 'RecoveryWindowInDays must be between 7 and 30 days.');
        const when = new Date(Date.now() + (force ? 0 : days * 86_400_000));
        if (force) all.delete(s.name);
        else s.deleted = new Date();
        return ok({ ARN: s.arn, Name: s.name, DeletionDate: epoch(when) });
      }
      case 'RestoreSecret': {
        const s = this.findSecret(region, b.SecretId);
        if (!s) return this.notFound();
        s.deleted = undefined;
        return ok({ ARN: s.arn, Name: s.name });
      }
      default:
        return jsonError('UnknownOperationException', `Secrets Manager has no operation ${action}.`);
    }
  }

  private describe(s: Secret): Record<string, unknown> {
    const stages: Record<string, string[]> = {};
    for (const v of s.versions) stages[v.id] = v.stages;
    return {
      ARN: s.arn,
      Name: s.name,
      ...(s.description !== undefined ? { Description: s.description } : {}),
      ...(s.kmsKeyId !== undefined ? { KmsKeyId: s.kmsKeyId } : {}),
      CreatedDate: epoch(s.created),
      LastChangedDate: epoch(s.changed),
      ...(s.deleted ? { DeletedDate: epoch(s.deleted) } : {}),
      VersionIdsToStages: stages,
    };
  }

  private parameterArn(region: string, name: string): string {
    return `arn:aws:ssm:${region}:${this.account}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
  }

  private findParameter(region: string, id: unknown): Parameter | undefined {
    const key = str(id) ?? '';
    const all = this.regionParameters(region);
    return all.get(key) ?? [...all.values()].find((p) => this.parameterArn(region, p.name) === key);
  }

  private meta(region: string, p: Parameter): Record<string, unknown> {
    return {
      Name: p.name,
      Type: p.type,
      ...(p.keyId ? { KeyId: p.keyId } : {}),
      ...(p.description ? { Description: p.description } : {}),
      LastModifiedDate: epoch(p.modified),
      LastModifiedUser: `arn:aws:iam::${this.account}:root`,
      Version: p.version,
      Tier: 'Standard',
      Policies: [],
      DataType: 'text',
      ARN: this.parameterArn(region, p.name),
    };
  }

  ssm(action: string, region: string, b: Record<string, unknown>): JsonAnswer {
    const all = this.regionParameters(region);
    switch (action) {
      case 'PutParameter': {
        const name = str(b.Name) ?? '';
        const value = str(b.Value);
        if (!/^[A-Za-z0-9/_.-]{1,2048}$/.test(name))
          return jsonError(
            'ValidationException',
            'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive) and must contain only a-zA-Z0-9_.-/.',
          );
        if (value === undefined || value.length === 0)
          return jsonError(
            'ValidationException',
            "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1",
          );
        const existing = all.get(name);
        if (existing && b.Overwrite !== true)
          return jsonError(
            'ParameterAlreadyExists',
            'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
          );
        const type = (str(b.Type) ?? existing?.type) as Parameter['type'] | undefined;
        if (!type) return jsonError('ValidationException', 'A parameter type is required when you create a parameter.');
        if (!['String', 'StringList', 'SecureString'].includes(type))
          return jsonError(
            'ValidationException',
            `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`,
          );
        if (b.KeyId !== undefined && type !== 'SecureString')
          return jsonError('ValidationException', 'KeyId is required for SecureString type parameter only.');
        const p: Parameter = {
          name,
          type,
          value,
          keyId: type === 'SecureString' ? (str(b.KeyId) ?? 'alias/aws/ssm') : undefined,
          description: str(b.Description) ?? existing?.description,
          version: (existing?.version ?? 0) + 1,
          modified: new Date(),
        };
        all.set(name, p);
        return ok({ Version: p.version, Tier: 'Standard' });
      }
      case 'GetParameter': {
        const p = this.findParameter(region, b.Name);
        if (!p) return jsonError('ParameterNotFound', `Parameter ${str(b.Name) ?? ''} not found.`);
        const hidden = p.type === 'SecureString' && b.WithDecryption !== true;
        return ok({
          Parameter: {
            Name: p.name,
            Type: p.type,
            Value: hidden ? Buffer.from(`kms:${p.keyId}:${p.version}`).toString('base64') : p.value,
            Version: p.version,
            LastModifiedDate: epoch(p.modified),
            ARN: this.parameterArn(region, p.name),
            DataType: 'text',
          },
        });
      }
      case 'DeleteParameter': {
        const p = this.findParameter(region, b.Name);
        if (!p) return jsonError('ParameterNotFound', `Parameter ${str(b.Name) ?? ''} not found.`);
        all.delete(p.name);
        return ok();
      }
      case 'DescribeParameters': {
        const max = b.MaxResults === undefined ? 10 : Number(b.MaxResults);
        if (!Number.isInteger(max) || max < 1 || max > 50)
          return jsonError('ValidationException', 'MaxResults must be between 1 and 50.');
        const start = offset(b.NextToken);
        if (start === undefined) return jsonError('InvalidNextToken', 'The specified token is not valid.');
        if (Array.isArray(b.Filters) && Array.isArray(b.ParameterFilters))
          return jsonError('InvalidFilterKey', 'You can use either Filters or ParameterFilters in a single request.');
        const filters = (
          Array.isArray(b.ParameterFilters)
            ? b.ParameterFilters
            : Array.isArray(b.Filters)
              ? (b.Filters as Array<{ Key?: string; Values?: string[] }>).map((f) => ({ ...f, Option: 'Equals' }))
              : []
        ) as Array<{ Key?: string; Option?: string; Values?: string[] }>;
        for (const f of filters)
          if (f.Key !== 'Name' && f.Key !== 'Type' && f.Key !== 'KeyId')
            return jsonError('InvalidFilterKey', `The filter key ${f.Key} is not supported here.`);
        const field = (p: Parameter, key?: string): string =>
          key === 'Type' ? p.type : key === 'KeyId' ? (p.keyId ?? '') : p.name;
        const matches = (p: Parameter): boolean =>
          filters.every((f) =>
            (f.Values ?? []).some((v) =>
              (f.Option ?? 'Equals') === 'BeginsWith'
                ? field(p, f.Key).startsWith(v)
                : f.Option === 'Contains'
                  ? field(p, f.Key).includes(v)
                  : field(p, f.Key) === v,
            ),
          );
        const listed = [...all.values()].filter(matches);
        const page = listed.slice(start, start + max);
        return ok({
          Parameters: page.map((p) => this.meta(region, p)),
          ...(start + max < listed.length ? { NextToken: token(start + max) } : {}),
        });
      }
      default:
        return jsonError('InvalidAction', `SSM has no operation ${action}.`);
    }
  }
}
