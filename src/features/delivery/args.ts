// The argument objects of delivery tracking's commands: Set Up / Remove Delivery Tracking take the
// region (and the AWS profile; a region row of the SES Explorer passes itself), Where Is This
// Message? takes the message id of a "250 Ok <id>" reply and, optionally, the region.
// src/commandArgs.ts gathers them for registerCommand's check; a handler takes its type from here
// (ArgsOf) with `import type` only. Pure and vscode-free.
import * as f from '../../base/fields';
import { messageId } from './logic/messageId';
import { commandSchema, type ArgsOf, type CommandSchema } from '../../base/schema';
import { COMMAND } from '../../base/commandIds';

export const trackingSchema = commandSchema({
  fields: { region: f.region, profile: f.profile, confirm: f.boolean },
  example: '{"region": "eu-west-1", "profile": "default", "confirm": false}',
});
export const whereIsSchema = commandSchema({
  fields: { messageId, region: f.region, profile: f.profile },
  example: '{"messageId": "0100018c1234abcd-11111111-2222-3333-4444-555555555555-000000", "region": "eu-west-1"}',
});

export type TrackingArgs = ArgsOf<typeof trackingSchema>;
export type WhereIsArgs = ArgsOf<typeof whereIsSchema>;

export const DELIVERY_SCHEMAS: Readonly<Record<string, CommandSchema>> = {
  [COMMAND.delivery.setUp]: trackingSchema,
  [COMMAND.delivery.remove]: trackingSchema,
  [COMMAND.delivery.whereIs]: whereIsSchema,
};
