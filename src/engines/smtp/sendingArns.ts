// Sending authorization: the source, From and Return-Path ARNs of identities another account owns,
// sent as X-SES-SOURCE-ARN, X-SES-FROM-ARN and X-SES-RETURN-PATH-ARN. Checks the ARN's shape, its
// partition and region against the credentials' region, and that the source and From identities
// cover the From address. Pure.
import { MailExtrasError } from './mailRules';
import { expectObject, expectString } from '../../base/guards';

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function shown(value: string, max = 60): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

export type ArnField = 'sourceArn' | 'fromArn' | 'returnPathArn';

export const ARN_HEADERS: Readonly<Record<ArnField, string>> = {
  sourceArn: 'X-SES-SOURCE-ARN',
  fromArn: 'X-SES-FROM-ARN',
  returnPathArn: 'X-SES-RETURN-PATH-ARN',
};

const ARN_LABEL: Readonly<Record<ArnField, string>> = {
  sourceArn: 'The source ARN',
  fromArn: 'The From ARN',
  returnPathArn: 'The Return-Path ARN',
};

export interface IdentityArn {
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  region: string;
  account: string;
  identity: string;
}

const ARN = /^arn:(aws|aws-cn|aws-us-gov):ses:([a-z0-9-]+):(\d{12}):identity\/(.+)$/;

/** The parts of an SES identity ARN, or undefined when it has another shape. */
export function parseIdentityArn(arn: string): IdentityArn | undefined {
  expectString(arn, 'parseIdentityArn', 'arn');
  const m = ARN.exec(arn.trim());
  if (!m) return undefined;
  return { partition: m[1] as IdentityArn['partition'], region: m[2], account: m[3], identity: m[4] };
}

function partitionOf(region: string): IdentityArn['partition'] {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * A sending-authorization ARN: arn:aws[-cn|-us-gov]:ses:<region>:<12 digits>:identity/<identity>,
 * in the region of the credentials (when known); the source and From identities are the From
 * address or its domain.
 */
export function checkIdentityArn(
  field: ArnField,
  value: unknown,
  context: { region?: string; fromAddress?: string },
): string {
  expectString(field, 'checkIdentityArn', 'field');
  expectObject(context, 'checkIdentityArn', 'context');
  const label = ARN_LABEL[field];
  const example = `arn:aws:ses:${context.region ?? 'eu-west-1'}:123456789012:identity/example.com`;
  if (typeof value !== 'string')
    throw new MailExtrasError(field, `${label} must be text such as ${example}, not ${typeName(value)}.`);
  const arn = value.trim();
  if (!arn) throw new MailExtrasError(field, `${label} is empty; give an ARN such as ${example}, or leave it out.`);
  if (/\s/.test(arn)) throw new MailExtrasError(field, `${label} contains a space or line break; an ARN is one word.`);
  if (arn.length > 960)
    throw new MailExtrasError(
      field,
      `${label} is ${arn.length} characters long; it goes on one header line, so at most 960.`,
    );
  const parts = parseIdentityArn(arn);
  if (!parts)
    throw new MailExtrasError(
      field,
      `${label} ${shown(arn, 100)} is not an SES identity ARN; it has the shape ${example} ` +
        "(copy it from the identity owner's SES console).",
    );
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(parts.region))
    throw new MailExtrasError(field, `${label} names "${parts.region}", which is not a region name such as eu-west-1.`);
  if (partitionOf(parts.region) !== parts.partition)
    throw new MailExtrasError(
      field,
      `${label} puts ${parts.region} in the "${parts.partition}" partition; ${parts.region} ARNs begin arn:${partitionOf(parts.region)}:.`,
    );
  if (context.region && parts.region !== context.region)
    throw new MailExtrasError(
      field,
      `${label} is for ${parts.region}, but these credentials send through ${context.region}; sending authorization ` +
        `works only in the identity's region: use the identity's ARN in ${context.region}, or credentials for ${parts.region}.`,
    );
  if ((field === 'sourceArn' || field === 'fromArn') && context.fromAddress) {
    const from = context.fromAddress.toLowerCase();
    const identity = parts.identity.toLowerCase();
    if (identity !== from && identity !== from.split('@')[1])
      throw new MailExtrasError(
        field,
        `${label} authorizes ${parts.identity}, but From is ${context.fromAddress}; the identity must be the From ` +
          'address or its domain. Use the ARN of that identity, or change From.',
      );
  }
  return arn;
}
