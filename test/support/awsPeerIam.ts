// IAM and STS of the AWS API peer (test/support/awsPeer.ts), in AWS's Query protocol: a form body
// with Action and its parameters, XML answers in the service's namespace, errors as an XML
// ErrorResponse with IAM's and STS's codes and HTTP statuses. One account; IAM users with inline
// and customer-managed policies and at most two access keys each (IAM's quota); SimulatePrincipalPolicy
// evaluates the user's policies (Deny wins, then Allow; StringLike/StringEquals conditions).
import { randomBytes, randomUUID } from 'node:crypto';

export interface PeerAccessKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** undefined: the account's root key. */
  userName?: string;
  status: 'Active' | 'Inactive';
  created: Date;
  lastUsed?: { date: Date; service: string; region: string };
}

interface User {
  name: string;
  id: string;
  path: string;
  created: Date;
  tags: Array<{ Key: string; Value: string }>;
  inline: Map<string, string>;
  attached: Set<string>;
}

interface ManagedPolicy {
  name: string;
  arn: string;
  id: string;
  path: string;
  created: Date;
  versions: Array<{ id: string; document: string; created: Date }>;
  defaultVersion: string;
}

export interface QueryAnswer {
  status: number;
  xml: string;
}

const NS = { iam: 'https://iam.amazonaws.com/doc/2010-05-08/', sts: 'https://sts.amazonaws.com/doc/2011-06-15/' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const alnum = (n: number): string => {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(n)].map((b) => abc[b % 32]).join('');
};
const requestId = (): string => randomUUID();

export function queryOk(service: 'iam' | 'sts', action: string, inner?: string): QueryAnswer {
  const result = inner === undefined ? '' : `<${action}Result>${inner}</${action}Result>`;
  return {
    status: 200,
    xml:
      `<${action}Response xmlns="${NS[service]}">${result}` +
      `<ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export function queryError(
  service: 'iam' | 'sts',
  status: number,
  code: string,
  message: string,
  type: 'Sender' | 'Receiver' = 'Sender',
): QueryAnswer {
  return {
    status,
    xml:
      `<ErrorResponse xmlns="${NS[service]}"><Error><Type>${type}</Type><Code>${code}</Code>` +
      `<Message>${esc(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`,
  };
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const like = (pattern: string, value: string, i = false): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    i ? 'i' : '',
  ).test(value);

/** A small IAM policy evaluation, independent of the product's: Deny wins, then Allow. */
export function decide(
  docs: Array<{ name: string; doc: string }>,
  action: string,
  resource: string,
  context: Record<string, string>,
): { decision: 'allowed' | 'explicitDeny' | 'implicitDeny'; matched: string[] } {
  const hits = { Allow: [] as string[], Deny: [] as string[] };
  for (const { name, doc } of docs) {
    const parsed = JSON.parse(doc) as { Statement: unknown };
    const statements = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]) as Array<
      Record<string, unknown>
    >;
    for (const s of statements) {
      const actions = s.NotAction
        ? !list(s.NotAction).some((a) => like(a, action, true))
        : list(s.Action).some((a) => like(a, action, true));
      const resources = list(s.Resource ?? '*').some((r) => like(r, resource));
      const conditions = Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).every(
        ([op, entries]) =>
          Object.entries(entries).every(([key, want]) => {
            const have = context[key.toLowerCase()];
            if (have === undefined) return false;
            return op.startsWith('StringLike') ? list(want).some((w) => like(w, have)) : list(want).includes(have);
          }),
      );
      if (actions && resources && conditions) hits[s.Effect === 'Deny' ? 'Deny' : 'Allow'].push(name);
    }
  }
  if (hits.Deny.length) return { decision: 'explicitDeny', matched: hits.Deny };
  if (hits.Allow.length) return { decision: 'allowed', matched: hits.Allow };
  return { decision: 'implicitDeny', matched: [] };
}

/** p's "Prefix.member.N" values in order. */
const members = (p: URLSearchParams, prefix: string): string[] => {
  const out: string[] = [];
  for (let i = 1; p.has(`${prefix}.member.${i}`); i++) out.push(p.get(`${prefix}.member.${i}`) ?? '');
  return out;
};

const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const KEYS_PER_USER = 2;

export class IamState {
  readonly users = new Map<string, User>();
  readonly keys = new Map<string, PeerAccessKey>();
  readonly policies = new Map<string, ManagedPolicy>();

  constructor(
    readonly account: string,
    root: { accessKeyId: string; secretAccessKey: string },
  ) {
    this.keys.set(root.accessKeyId, { ...root, status: 'Active', created: new Date() });
  }

  /** An Active key of this account (the root's or an IAM user's). */
  activeKey(id: string): PeerAccessKey | undefined {
    const k = this.keys.get(id);
    return k?.status === 'Active' ? k : undefined;
  }

  private userArn(u: User): string {
    return `arn:aws:iam::${this.account}:user${u.path}${u.name}`;
  }

  private userXml(u: User): string {
    const tags = u.tags.length
      ? `<Tags>${u.tags.map((t) => `<member><Key>${esc(t.Key)}</Key><Value>${esc(t.Value)}</Value></member>`).join('')}</Tags>`
      : '';
    return (
      `<Path>${esc(u.path)}</Path><UserName>${esc(u.name)}</UserName><UserId>${u.id}</UserId>` +
      `<Arn>${esc(this.userArn(u))}</Arn><CreateDate>${iso(u.created)}</CreateDate>${tags}`
    );
  }

  private noUser(name: string): QueryAnswer {
    return queryError('iam', 404, 'NoSuchEntity', `The user with name ${name} cannot be found.`);
  }

  private validPolicy(doc: string): boolean {
    try {
      const parsed = JSON.parse(doc) as { Statement?: unknown };
      return typeof parsed === 'object' && parsed !== null && parsed.Statement !== undefined;
    } catch {
      return false;
    }
  }

  /** Paging by Marker (an offset) and MaxItems, as IAM's List* actions do. */
  private page<T>(p: URLSearchParams, items: T[]): { items: T[]; tail: string } | QueryAnswer {
    const max = p.has('MaxItems') ? Number(p.get('MaxItems')) : 100;
    if (!Number.isInteger(max) || max < 1 || max > 1000)
      return queryError('iam', 400, 'ValidationError', 'MaxItems must be between 1 and 1000.');
    const marker = p.get('Marker');
    const start = marker === null ? 0 : Number(Buffer.from(marker, 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0 || start > items.length)
      return queryError('iam', 400, 'ValidationError', 'Invalid Marker.');
    const slice = items.slice(start, start + max);
    const truncated = start + max < items.length;
    const tail = truncated
      ? `<IsTruncated>true</IsTruncated><Marker>${Buffer.from(String(start + max)).toString('base64')}</Marker>`
      : '<IsTruncated>false</IsTruncated>';
    return { items: slice, tail };
  }

  policyDocs(u: User): Array<{ name: string; doc: string }> {
    const docs = [...u.inline].map(([name, doc]) => ({ name, doc }));
    for (const arn of u.attached) {
      const pol = this.policies.get(arn);
      const v = pol?.versions.find((x) => x.id === pol.defaultVersion);
      if (pol && v) docs.push({ name: pol.name, doc: v.document });
    }
    return docs;
  }

  iam(action: string, p: URLSearchParams, caller: PeerAccessKey): QueryAnswer {
    const userName = p.get('UserName') ?? '';
    const user = this.users.get(userName);
    switch (action) {
      case 'CreateUser': {
        if (!USER_NAME.test(userName))
          return queryError('iam', 400, 'ValidationError', `The specified value for userName is invalid.`);
        if (user) return queryError('iam', 409, 'EntityAlreadyExists', `User with name ${userName} already exists.`);
        const tags: User['tags'] = [];
        for (let i = 1; p.has(`Tags.member.${i}.Key`); i++)
          tags.push({ Key: p.get(`Tags.member.${i}.Key`) ?? '', Value: p.get(`Tags.member.${i}.Value`) ?? '' });
        const u: User = {
          name: userName,
          id: `AIDA${alnum(17)}`,
          path: p.get('Path') ?? '/',
          created: new Date(),
          tags,
          inline: new Map(),
          attached: new Set(),
        };
        this.users.set(userName, u);
        return queryOk('iam', action, `<User>${this.userXml(u)}</User>`);
      }
      case 'GetUser': {
        if (!p.has('UserName')) {
          const self = caller.userName ? this.users.get(caller.userName) : undefined;
          if (!self)
            return queryOk(
              'iam',
              action,
              `<User><UserId>${this.account}</UserId><Arn>arn:aws:iam::${this.account}:root</Arn>` +
                `<CreateDate>${iso(caller.created)}</CreateDate></User>`,
            );
          return queryOk('iam', action, `<User>${this.userXml(self)}</User>`);
        }
        if (!user) return this.noUser(userName);
        return queryOk('iam', action, `<User>${this.userXml(user)}</User>`);
      }
      case 'ListUsers': {
        const prefix = p.get('PathPrefix') ?? '/';
        const all = [...this.users.values()].filter((u) => u.path.startsWith(prefix));
        const page = this.page(p, all);
        if ('xml' in page) return page;
        const xml = page.items.map((u) => `<member>${this.userXml(u)}</member>`).join('');
        return queryOk('iam', action, `<Users>${xml}</Users>${page.tail}`);
      }
      case 'DeleteUser': {
        if (!user) return this.noUser(userName);
        if ([...this.keys.values()].some((k) => k.userName === userName))
          return queryError('iam', 409, 'DeleteConflict', 'Cannot delete entity, must delete access keys first.');
        if (user.inline.size)
          return queryError('iam', 409, 'DeleteConflict', 'Cannot delete entity, must delete policies first.');
        if (user.attached.size)
          return queryError('iam', 409, 'DeleteConflict', 'Cannot delete entity, must detach all policies first.');
        this.users.delete(userName);
        return queryOk('iam', action);
      }
      case 'PutUserPolicy': {
        if (!user) return this.noUser(userName);
        const name = p.get('PolicyName') ?? '';
        const doc = p.get('PolicyDocument') ?? '';
        if (!POLICY_NAME.test(name))
          return queryError('iam', 400, 'ValidationError', 'The specified value for policyName is invalid.');
        if (!this.validPolicy(doc))
          return queryError('iam', 400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
        user.inline.set(name, doc);
        return queryOk('iam', action);
      }
      case 'GetUserPolicy': {
        if (!user) return this.noUser(userName);
        const name = p.get('PolicyName') ?? '';
        const doc = user.inline.get(name);
        if (doc === undefined)
          return queryError('iam', 404, 'NoSuchEntity', `The user policy with name ${name} cannot be found.`);
        return queryOk(
          'iam',
          action,
          `<UserName>${esc(userName)}</UserName><PolicyName>${esc(name)}</PolicyName>` +
            `<PolicyDocument>${esc(encodeURIComponent(doc))}</PolicyDocument>`,
        );
      }
      case 'ListUserPolicies': {
        if (!user) return this.noUser(userName);
        const page = this.page(p, [...user.inline.keys()]);
        if ('xml' in page) return page;
        const names = page.items.map((n) => `<member>${esc(n)}</member>`).join('');
        return queryOk('iam', action, `<PolicyNames>${names}</PolicyNames>${page.tail}`);
      }
      case 'DeleteUserPolicy': {
        if (!user) return this.noUser(userName);
        const name = p.get('PolicyName') ?? '';
        if (!user.inline.delete(name))
          return queryError('iam', 404, 'NoSuchEntity', `The user policy with name ${name} cannot be found.`);
        return queryOk('iam', action);
      }
      case 'CreatePolicy': {
        const name = p.get('PolicyName') ?? '';
        const doc = p.get('PolicyDocument') ?? '';
        const path = p.get('Path') ?? '/';
        if (!POLICY_NAME.test(name))
          return queryError('iam', 400, 'ValidationError', 'The specified value for policyName is invalid.');
        if (!this.validPolicy(doc))
          return queryError('iam', 400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
        const arn = `arn:aws:iam::${this.account}:policy${path}${name}`;
        if (this.policies.has(arn))
          return queryError('iam', 409, 'EntityAlreadyExists', `A policy called ${name} already exists.`);
        const created = new Date();
        const pol: ManagedPolicy = {
          name,
          arn,
          id: `ANPA${alnum(17)}`,
          path,
          created,
          versions: [{ id: 'v1', document: doc, created }],
          defaultVersion: 'v1',
        };
        this.policies.set(arn, pol);
        return queryOk('iam', action, `<Policy>${this.policyXml(pol)}</Policy>`);
      }
      case 'GetPolicy': {
        const pol = this.policies.get(p.get('PolicyArn') ?? '');
        if (!pol) return queryError('iam', 404, 'NoSuchEntity', `Policy ${p.get('PolicyArn')} was not found.`);
        return queryOk('iam', action, `<Policy>${this.policyXml(pol)}</Policy>`);
      }
      case 'GetPolicyVersion': {
        const pol = this.policies.get(p.get('PolicyArn') ?? '');
        const v = pol?.versions.find((x) => x.id === p.get('VersionId'));
        if (!pol || !v)
          return queryError(
            'iam',
            404,
            'NoSuchEntity',
            `Policy ${p.get('PolicyArn')} version ${p.get('VersionId')} does not exist or is not attachable.`,
          );
        return queryOk(
          'iam',
          action,
          `<PolicyVersion><Document>${esc(encodeURIComponent(v.document))}</Document><VersionId>${v.id}</VersionId>` +
            `<IsDefaultVersion>${v.id === pol.defaultVersion}</IsDefaultVersion>` +
            `<CreateDate>${iso(v.created)}</CreateDate></PolicyVersion>`,
        );
      }
      case 'AttachUserPolicy':
      case 'DetachUserPolicy': {
        if (!user) return this.noUser(userName);
        const arn = p.get('PolicyArn') ?? '';
        if (!this.policies.has(arn))
          return queryError('iam', 404, 'NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
        if (action === 'AttachUserPolicy') user.attached.add(arn);
        else if (!user.attached.delete(arn))
          return queryError('iam', 404, 'NoSuchEntity', `Policy ${arn} was not found.`);
        return queryOk('iam', action);
      }
      case 'ListAttachedUserPolicies': {
        if (!user) return this.noUser(userName);
        const page = this.page(p, [...user.attached]);
        if ('xml' in page) return page;
        const xml = page.items
          .map((arn) => {
            const pol = this.policies.get(arn);
            return `<member><PolicyName>${esc(pol?.name ?? '')}</PolicyName><PolicyArn>${esc(arn)}</PolicyArn></member>`;
          })
          .join('');
        return queryOk('iam', action, `<AttachedPolicies>${xml}</AttachedPolicies>${page.tail}`);
      }
      case 'CreateAccessKey': {
        const owner = p.has('UserName') ? userName : caller.userName;
        if (owner === undefined) return queryError('iam', 409, 'LimitExceeded', 'Cannot create root access keys here.');
        if (!this.users.has(owner)) return this.noUser(owner);
        if ([...this.keys.values()].filter((k) => k.userName === owner).length >= KEYS_PER_USER)
          return queryError('iam', 409, 'LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`);
        const key: PeerAccessKey = {
          accessKeyId: `AKIA${alnum(16)}`,
          secretAccessKey: randomBytes(30).toString('base64'),
          userName: owner,
          status: 'Active',
          created: new Date(),
        };
        this.keys.set(key.accessKeyId, key);
        return queryOk(
          'iam',
          action,
          `<AccessKey><UserName>${esc(owner)}</UserName><AccessKeyId>${key.accessKeyId}</AccessKeyId>` +
            `<Status>Active</Status><SecretAccessKey>${esc(key.secretAccessKey)}</SecretAccessKey>` +
            `<CreateDate>${iso(key.created)}</CreateDate></AccessKey>`,
        );
      }
      case 'ListAccessKeys': {
        const owner = p.has('UserName') ? userName : caller.userName;
        if (owner !== undefined && !this.users.has(owner)) return this.noUser(owner);
        const all = [...this.keys.values()].filter((k) => k.userName === owner);
        const page = this.page(p, all);
        if ('xml' in page) return page;
        const xml = page.items
          .map(
            (k) =>
              `<member>${owner !== undefined ? `<UserName>${esc(owner)}</UserName>` : ''}` +
              `<AccessKeyId>${k.accessKeyId}</AccessKeyId><Status>${k.status}</Status>` +
              `<CreateDate>${iso(k.created)}</CreateDate></member>`,
          )
          .join('');
        return queryOk('iam', action, `<AccessKeyMetadata>${xml}</AccessKeyMetadata>${page.tail}`);
      }
      case 'UpdateAccessKey':
      case 'DeleteAccessKey': {
        const id = p.get('AccessKeyId') ?? '';
        const owner = p.has('UserName') ? userName : caller.userName;
        if (owner !== undefined && !this.users.has(owner)) return this.noUser(owner);
        const k = this.keys.get(id);
        if (!k || k.userName !== owner)
          return queryError('iam', 404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found.`);
        if (action === 'DeleteAccessKey') this.keys.delete(id);
        else {
          const status = p.get('Status');
          if (status !== 'Active' && status !== 'Inactive')
            return queryError(
              'iam',
              400,
              'ValidationError',
              `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: ` +
                'Member must satisfy enum value set: [Active, Inactive]',
            );
          k.status = status;
        }
        return queryOk('iam', action);
      }
      case 'GetAccessKeyLastUsed': {
        const id = p.get('AccessKeyId') ?? '';
        const k = this.keys.get(id);
        if (!k) return queryError('iam', 404, 'NoSuchEntity', `The Access Key with id ${id} cannot be found.`);
        const used = k.lastUsed
          ? `<LastUsedDate>${iso(k.lastUsed.date)}</LastUsedDate><ServiceName>${k.lastUsed.service}</ServiceName>` +
            `<Region>${k.lastUsed.region}</Region>`
          : '<ServiceName>N/A</ServiceName><Region>N/A</Region>';
        const owner = k.userName === undefined ? '' : `<UserName>${esc(k.userName)}</UserName>`;
        return queryOk('iam', action, `${owner}<AccessKeyLastUsed>${used}</AccessKeyLastUsed>`);
      }
      case 'SimulatePrincipalPolicy': {
        const source = p.get('PolicySourceArn') ?? '';
        const name = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(source);
        if (!name) return queryError('iam', 400, 'InvalidInput', `Invalid ARN: ${source}; it must name a user.`);
        const subject = this.users.get(name[2]);
        if (!subject || name[1] !== this.account)
          return queryError('iam', 404, 'NoSuchEntity', `The user with name ${name[2]} cannot be found.`);
        const context: Record<string, string> = {};
        for (let i = 1; p.has(`ContextEntries.member.${i}.ContextKeyName`); i++) {
          context[(p.get(`ContextEntries.member.${i}.ContextKeyName`) ?? '').toLowerCase()] =
            p.get(`ContextEntries.member.${i}.ContextKeyValues.member.1`) ?? '';
        }
        const actions = members(p, 'ActionNames');
        if (!actions.length) return queryError('iam', 400, 'ValidationError', 'ActionNames must not be empty.');
        const resources = members(p, 'ResourceArns');
        const docs = this.policyDocs(subject);
        const results = actions
          .flatMap((a) => (resources.length ? resources : ['*']).map((r) => ({ a, r, d: decide(docs, a, r, context) })))
          .map(
            ({ a, r, d }) =>
              `<member><EvalActionName>${esc(a)}</EvalActionName><EvalResourceName>${esc(r)}</EvalResourceName>` +
              `<EvalDecision>${d.decision}</EvalDecision><MatchedStatements>${d.matched
                .map(
                  (m) =>
                    `<member><SourcePolicyId>${esc(m)}</SourcePolicyId>` +
                    '<SourcePolicyType>IAM Policy</SourcePolicyType></member>',
                )
                .join('')}</MatchedStatements><MissingContextValues/></member>`,
          )
          .join('');
        return queryOk(
          'iam',
          action,
          `<IsTruncated>false</IsTruncated><EvaluationResults>${results}</EvaluationResults>`,
        );
      }
      default:
        return queryError('iam', 400, 'InvalidAction', `Could not find operation ${action} for version 2010-05-08`);
    }
  }

  private policyXml(pol: ManagedPolicy): string {
    const attached = [...this.users.values()].filter((u) => u.attached.has(pol.arn)).length;
    return (
      `<PolicyName>${esc(pol.name)}</PolicyName><PolicyId>${pol.id}</PolicyId><Arn>${esc(pol.arn)}</Arn>` +
      `<Path>${esc(pol.path)}</Path><DefaultVersionId>${pol.defaultVersion}</DefaultVersionId>` +
      `<AttachmentCount>${attached}</AttachmentCount><IsAttachable>true</IsAttachable>` +
      `<CreateDate>${iso(pol.created)}</CreateDate><UpdateDate>${iso(pol.created)}</UpdateDate>`
    );
  }

  sts(action: string, p: URLSearchParams, caller: PeerAccessKey): QueryAnswer {
    switch (action) {
      case 'GetCallerIdentity': {
        const u = caller.userName ? this.users.get(caller.userName) : undefined;
        const arn = u ? this.userArn(u) : `arn:aws:iam::${this.account}:root`;
        return queryOk(
          'sts',
          action,
          `<Arn>${esc(arn)}</Arn><UserId>${u ? u.id : this.account}</UserId><Account>${this.account}</Account>`,
        );
      }
      case 'GetAccessKeyInfo': {
        const id = p.get('AccessKeyId') ?? '';
        // Any well-formed key id names an account; the keys this peer made are its account's.
        if (!/^(AKIA|ASIA)[A-Z0-9]{12,124}$/.test(id))
          return queryError('sts', 400, 'ValidationError', `The access key ID ${id} is not valid.`);
        return queryOk('sts', action, `<Account>${this.account}</Account>`);
      }
      default:
        return queryError('sts', 400, 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
    }
  }
}
