// Loads the heavy bundles on first use. The path is built at run time so esbuild leaves the
// require alone and dist/extension.js stays small.
import * as path from 'node:path';

type SmtpModule = typeof import('./heavy/smtp');
type AwsModule = typeof import('./heavy/aws');

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

/** For tests and benchmarks: which heavy bundles are loaded. */
export function loadedBundles(): string[] {
  return [...(smtp ? ['smtp'] : []), ...(aws ? ['aws'] : [])];
}
