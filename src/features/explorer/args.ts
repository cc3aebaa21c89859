// The argument objects of the SES Explorer's commands: the profile and regions to list, an
// identity (by name, or as its row passes it: {"name"}), a DNS record of its row, a filter.
// src/commandArgs.ts gathers them for registerCommand's check; a handler takes its type from here
// (ArgsOf) with `import type` only. Pure and vscode-free.
import * as f from '../../base/fields';
import { ArgumentError, type FieldCheck } from '../../base/fields';
import { commandSchema, object, type ArgsOf, type CommandSchema } from '../../base/schema';
import { COMMAND } from '../../base/commandIds';

const identityItem = { region: f.region, identity: f.identityItem };

/** "Filter SES Identities": a substring of identity names; '' clears the filter. */
const filterText: FieldCheck<string> = (value, field) =>
  f.checkString(value, field, {
    max: 200,
    example: '"example.com"',
    allowEmpty: true,
    lengthHint: 'a filter has at most 200',
  });

/** A DNS record of a domain identity, as its row shows it: {"type": "TXT", "name": "_dmarc.example.com"}. */
const recordItem = object(
  {
    fields: {
      type: f.oneOf(['CNAME', 'MX', 'TXT']),
      name: (value, field) =>
        f.checkString(value, field, {
          max: 255,
          example: '"_dmarc.example.com"',
          lengthHint: 'DNS names have at most 255',
        }),
    },
    refine: (value, path) => {
      for (const key of ['type', 'name'])
        if (value[key] === undefined)
          throw new ArgumentError(
            `${path}${key}`,
            `Argument "${path}${key}" is missing; give the record as {"type": "TXT", "name": "_dmarc.example.com"}.`,
          );
    },
  },
  '{"type": "TXT", "name": "_dmarc.example.com"}',
);

const none: CommandSchema = { fields: {}, example: '{} (it takes no arguments)' };
export const identitySchema = commandSchema({
  fields: identityItem,
  example: '{"region": "eu-west-1", "identity": {"name": "example.com"}}',
});
export const identityConfirmSchema = commandSchema({
  fields: { ...identityItem, confirm: f.boolean },
  example: '{"region": "eu-west-1", "identity": {"name": "example.com"}, "confirm": false}',
});
export const regionSchema = commandSchema({ fields: { region: f.region }, example: '{"region": "eu-west-1"}' });
export const chooseSchema = commandSchema({
  fields: { profile: f.profileOrNull, regions: f.regionList },
  example: '{"profile": "default", "regions": ["eu-west-1"]}',
});
export const createIdentitySchema = commandSchema({
  fields: { region: f.region, identity: f.identityName },
  example: '{"region": "eu-west-1", "identity": "example.com"}',
});
export const filterSchema = commandSchema({
  fields: { region: f.region, filter: filterText },
  example: '{"region": "eu-west-1", "filter": "example.com"}',
});
export const recordSchema = commandSchema({
  fields: { ...identityItem, record: recordItem },
  example:
    '{"region": "eu-west-1", "identity": {"name": "example.com"}, "record": {"type": "TXT", "name": "_dmarc.example.com"}}',
});

export type IdentityArgs = ArgsOf<typeof identitySchema>;
export type IdentityConfirmArgs = ArgsOf<typeof identityConfirmSchema>;
export type RegionArgs = ArgsOf<typeof regionSchema>;
export type ChooseArgs = ArgsOf<typeof chooseSchema>;
export type CreateIdentityArgs = ArgsOf<typeof createIdentitySchema>;
export type FilterArgs = ArgsOf<typeof filterSchema>;
export type RecordArgs = ArgsOf<typeof recordSchema>;

/** The explorer's commands with the argument object each accepts. */
export const EXPLORER_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.explorer.choose]: chooseSchema,
  [COMMAND.explorer.refresh]: none,
  [COMMAND.explorer.whyNoCredentials]: none,
  [COMMAND.explorer.createIdentity]: createIdentitySchema,
  [COMMAND.explorer.deleteIdentity]: identityConfirmSchema,
  [COMMAND.explorer.copyRecords]: identitySchema,
  [COMMAND.explorer.copyRecordsTable]: identitySchema,
  [COMMAND.explorer.checkDns]: identitySchema,
  [COMMAND.explorer.showRecordsTable]: identitySchema,
  [COMMAND.explorer.openConsole]: identitySchema,
  [COMMAND.explorer.sendTestEmail]: identitySchema,
  [COMMAND.explorer.upgradeDkimKey]: identityConfirmSchema,
  [COMMAND.explorer.retry]: regionSchema,
  [COMMAND.explorer.loadMore]: regionSchema,
  [COMMAND.explorer.loadAll]: regionSchema,
  [COMMAND.explorer.filterIdentities]: filterSchema,
  [COMMAND.explorer.copyRecordName]: recordSchema,
  [COMMAND.explorer.copyRecordValue]: recordSchema,
};
