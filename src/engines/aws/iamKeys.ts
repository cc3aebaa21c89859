// The IAM calls of a credential rotation and of the key ages in the credentials view, over an
// IAMClient (bundled in dist/aws.js). The new key's secret is handed to the caller and kept nowhere.
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { expectObject, expectString } from '../../base/guards';

export type KeyStatus = 'Active' | 'Inactive';

export interface AccessKeyInfo {
  id: string;
  status: KeyStatus;
  created?: Date;
}

/** The IAM calls a rotation makes. Errors are thrown as they come (their message is shown). */
export interface RotationIam {
  /** GetAccessKeyLastUsed: the IAM user owning a key and when the key was last used. */
  keyOwner(accessKeyId: string): Promise<{ userName: string; lastUsed?: Date }>;
  listAccessKeys(userName: string): Promise<AccessKeyInfo[]>;
  /** The secret is used once (to derive the SMTP password) and never stored. */
  createAccessKey(userName: string): Promise<{ id: string; secret: string }>;
  updateAccessKey(userName: string, accessKeyId: string, status: KeyStatus): Promise<void>;
  deleteAccessKey(userName: string, accessKeyId: string): Promise<void>;
}

export function iamKeyPort(iam: Pick<IAMClient, 'send'>): RotationIam {
  return {
    async keyOwner(accessKeyId) {
      const out = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }));
      if (!out.UserName) throw new Error(`IAM named no user for the key ${accessKeyId}`);
      return { userName: out.UserName, lastUsed: out.AccessKeyLastUsed?.LastUsedDate };
    },
    async listAccessKeys(userName) {
      const out = await iam.send(new ListAccessKeysCommand({ UserName: userName }));
      return (out.AccessKeyMetadata ?? [])
        .filter((k) => k.AccessKeyId)
        .map((k): AccessKeyInfo => ({
          id: k.AccessKeyId!,
          status: k.Status === 'Inactive' ? 'Inactive' : 'Active',
          created: k.CreateDate,
        }));
    },
    async createAccessKey(userName) {
      const out = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
      const id = out.AccessKey?.AccessKeyId;
      const secret = out.AccessKey?.SecretAccessKey;
      if (!id || !secret) throw new Error('IAM returned no access key');
      return { id, secret };
    },
    async updateAccessKey(userName, accessKeyId, status: KeyStatus) {
      await iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId, Status: status }));
    },
    async deleteAccessKey(userName, accessKeyId) {
      await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }));
    },
  };
}

export interface KeyAge {
  userName: string;
  /** The set's key. */
  created?: Date;
  status: KeyStatus;
  /** The user's other key, if any. */
  otherKey?: AccessKeyInfo;
}

/** The creation date of a key (and its user's other key) for the credentials view. */
export async function keyAgeOf(port: RotationIam, accessKeyId: string): Promise<KeyAge> {
  expectObject(port, 'keyAgeOf', 'port');
  expectString(accessKeyId, 'keyAgeOf', 'accessKeyId');
  const { userName } = await port.keyOwner(accessKeyId);
  const keys = await port.listAccessKeys(userName);
  const own = keys.find((k) => k.id === accessKeyId);
  if (!own) throw new Error(`The IAM user ${userName} does not list the key ${accessKeyId}`);
  return { userName, created: own.created, status: own.status, otherKey: keys.find((k) => k.id !== accessKeyId) };
}
