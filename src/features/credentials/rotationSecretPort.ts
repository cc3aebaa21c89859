// The rotation's port to the secret linked to a set (src/features/credentials/logic/rotationSecret.ts): the
// question, then Secrets Manager or SSM through the lazy AWS bundle with the profile and region the
// secret was imported or exported with. The value read and the value written stay in memory and go
// to AWS only: never logged, shown or returned.
import * as vscode from 'vscode';
import type { LinkedSecretPort } from './logic/rotationTypes';
import type { CredentialSet } from '../../base/credentialSets';
import { loadAws } from '../../engines/bundles/load';
import { awsDestinationLabel, settings } from '../../host/settings';
import type { Log } from '../../host/util';

const t = vscode.l10n.t;

export function linkedSecretPort(
  log: Log,
  set: CredentialSet,
  /** Given: no question. */
  update: boolean | undefined,
  signal?: AbortSignal,
): LinkedSecretPort | undefined {
  const link = set.linkedSecret;
  if (!link) return undefined;
  const ssm = link.service === 'ssm';
  const where = { profile: link.profile, region: link.region, endpoint: settings().awsEndpoint };
  return {
    link,
    setRegion: set.region,
    async confirm() {
      if (update !== undefined) {
        if (!update)
          log.info(`Rotation of "${set.name}": ${link.arn} is left as it was ("updateLinkedSecret": false).`);
        return update;
      }
      const go = ssm ? t('Update Parameter') : t('Update Secret');
      const picked = await vscode.window.showInformationMessage(
        ssm
          ? t('Write the new key into the parameter "{0}" ({1})?', link.name, link.region)
          : t('Write the new key into the secret "{0}" ({1})?', link.name, link.region),
        {
          modal: true,
          detail: `${t(
            'Its username and password are replaced with the new key’s, under the same key names; everything else in it stays as it was. If you say no, apps that read it keep using the old key, which is set Inactive next.',
          )}\n\n${awsDestinationLabel()}`,
        },
        go,
      );
      return picked === go;
    },
    async read() {
      const aws = loadAws();
      if (ssm) {
        const client = aws.ssmClient(where);
        try {
          return await aws.readParameterForUpdate(client, link.name, signal);
        } finally {
          client.destroy();
        }
      }
      const client = aws.secretsManagerClient(where);
      try {
        return await aws.readSecretForUpdate(client, link.arn, signal);
      } finally {
        client.destroy();
      }
    },
    async write(value, read) {
      const aws = loadAws();
      if (ssm) {
        const client = aws.ssmClient(where);
        try {
          await aws.putParameterText(client, link.name, value, read, signal);
        } finally {
          client.destroy();
        }
      } else {
        const client = aws.secretsManagerClient(where);
        try {
          await aws.putSecretText(client, link.arn, value, signal);
        } finally {
          client.destroy();
        }
      }
      log.info(`Rotation of "${set.name}": ${link.arn} now holds the new key (its other keys kept).`);
    },
  };
}
