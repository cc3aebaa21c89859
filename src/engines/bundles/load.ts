// Loads the heavy bundles on first use: dist/smtp.js (nodemailer) and dist/aws.js (the AWS SDK),
// entries of the same split build as dist/extension.js (esbuild.config.mjs), so the modules they
// share with it exist once. The path is built at run time so esbuild leaves the require alone; in
// the unit tests' tsc output the same path names this folder's smtp.js and aws.js.
import * as path from 'node:path';

import type { AwsProfile } from '../aws/profiles';

type SmtpModule = typeof import('./smtp');
type AwsModule = typeof import('./aws');

let smtp: SmtpModule | undefined;
let aws: AwsModule | undefined;

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

/** Which heavy bundles are loaded. */
export function loadedBundles(): string[] {
  return ['smtp', 'aws'].filter((name) => require.cache[path.join(__dirname, `${name}.js`)] !== undefined);
}

/**
 * The profiles the SDK can resolve, for pickers. Loads the AWS bundle (dist/aws.js) on first
 * use; the files are read again on every call, so edits show up.
 */
export async function listAwsProfiles(env: NodeJS.ProcessEnv = process.env): Promise<AwsProfile[]> {
  return loadAws().readAwsProfiles(env);
}
