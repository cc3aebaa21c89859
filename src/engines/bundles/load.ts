// Loads the heavy bundles on first use. The path is built at run time so esbuild leaves the
// require alone and dist/extension.js stays small. dist/ondemand.js holds a copy of this module
// (its commands load the heavy bundles too); Node's require cache makes both copies share each
// bundle, and loadedBundles() asks that cache, so it answers alike whichever copy loaded one.
import * as path from 'node:path';

import type { AwsProfile } from '../aws/profiles';

type SmtpModule = typeof import('./smtp');
type AwsModule = typeof import('./aws');

/** dist/ondemand.js: the modules esbuild.config.mjs lists in ON_DEMAND, each under its path in src. */
type OnDemandModule = Record<string, Record<string, (...args: unknown[]) => unknown>>;

let smtp: SmtpModule | undefined;
let aws: AwsModule | undefined;
let onDemand: OnDemandModule | undefined;

/** Called by the stubs esbuild puts in dist/extension.js in place of the on-demand modules. */
export function loadOnDemand(): OnDemandModule {
  if (!onDemand) onDemand = require(path.join(__dirname, 'ondemand.js')) as OnDemandModule;
  return onDemand;
}

export function loadAws(): AwsModule {
  if (!aws) aws = require(path.join(__dirname, 'aws.js')) as AwsModule;
  return aws;
}

export function loadSmtp(): SmtpModule {
  if (!smtp) {
    const file = path.join(__dirname, 'smtp.js');
    smtp = require(file) as SmtpModule;
  }
  return smtp;
}

/** Which bundles beside dist/extension.js are loaded, by this copy of the module or another. */
export function loadedBundles(): string[] {
  return ['smtp', 'aws', 'ondemand'].filter((name) => require.cache[path.join(__dirname, `${name}.js`)] !== undefined);
}

/**
 * The profiles the SDK can resolve, for pickers. Loads the AWS bundle (dist/aws.js) on first
 * use; the files are read again on every call, so edits show up.
 */
export async function listAwsProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfile[]> {
  return loadAws().readAwsProfiles(env);
}
