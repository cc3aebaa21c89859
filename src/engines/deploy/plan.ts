// Push SMTP Settings To… (issue #28): what would be set where, and how, for each target. A plan is
// pure data: the keys in the project's convention (src/engines/envfile/conventions.ts), a masked
// preview, and the exact steps: a program with its arguments (never a value of a key: argv is
// visible in `ps` and in shell history) and what goes to its stdin, an HTTPS request, or a file
// written with mode 0600. The same builder makes the real stdin and its masked preview, so the
// preview shows exactly what is sent. vscode-free.
import { conventionEntries, keyOf, type EnvConvention, type SmtpValues } from '../envfile/conventions';
import { MASK } from '../smtp/redact';
import { postfixRelaySetup, RelayConfigError } from './postfix';
import { msmtpConfig } from './msmtp';
import { expectList, expectObject, expectOptionalObject, expectString } from '../../base/guards';

export type DeployTargetKind = 'github' | 'heroku' | 'fly' | 'vercel' | 'kubernetes' | 'compose' | 'postfix' | 'msmtp';
export const DEPLOY_TARGETS: readonly DeployTargetKind[] = [
  'github',
  'heroku',
  'fly',
  'vercel',
  'kubernetes',
  'compose',
  'postfix',
  'msmtp',
];

export const TARGET_LABELS: Readonly<Record<DeployTargetKind, string>> = {
  github: 'GitHub Actions secrets',
  heroku: 'Heroku config vars',
  fly: 'Fly.io secrets',
  vercel: 'Vercel environment variables',
  kubernetes: 'Kubernetes Secret',
  compose: 'Docker Compose env_file',
  postfix: 'Postfix relay (files to install)',
  msmtp: 'msmtp config (cron and CI boxes)',
};

/** Compose's defaults: the service that gets the env_file entry and the env file's name. */
export const COMPOSE_DEFAULTS = { service: 'app', envFile: '.env.smtp' } as const;

export interface DeployOptions {
  /** Heroku and Fly: the app. */
  app?: string;
  /** GitHub: OWNER/REPO. */
  repo?: string;
  /** GitHub: an environment's secrets instead of the repository's; Vercel: production, preview or development. */
  environment?: string;
  /** Fly: set the secrets without restarting the app's Machines (applied on the next deploy). */
  stage?: boolean;
  /** Kubernetes: the Secret's namespace (default "default") and name (default "ses-smtp"). */
  namespace?: string;
  secretName?: string;
  /** Kubernetes: apply the Secret with kubectl (stdin) or only write its manifest (a 0600 file). */
  kubernetesMode?: 'apply' | 'manifest';
  /** Compose: the service the env_file entry is for (default "app") and the env file's name (default ".env.smtp"). */
  service?: string;
  envFile?: string;
  /**
   * Compose: the Compose file (relative to the workspace folder) whose service gets the env_file
   * entry. Without it the plan gives the lines to add by hand (`snippet`).
   */
  composeFile?: string;
  /** Postfix and msmtp: the verified identity mail leaves as (an address, or a domain for Postfix). */
  verifiedIdentity?: string;
}

export interface DeployEntry {
  key: string;
  value: string;
  secret: boolean;
}

/** A program run without a shell; `stdin` carries the values. */
export interface RunStep {
  kind: 'run';
  program: string;
  args: string[];
  stdin?: string;
  /** `stdin` with every secret value replaced by the mask. */
  stdinPreview?: string;
  /** The keys this step sets (for a partial failure's report). */
  keys: string[];
  timeoutMs: number;
}

/** An HTTPS request whose bearer token comes from a CLI's stdout (Heroku's Platform API). */
export interface HttpStep {
  kind: 'http';
  method: 'PATCH';
  /** The path under the API base, e.g. /apps/my-app/config-vars. */
  path: string;
  headers: Record<string, string>;
  body: string;
  bodyPreview: string;
  /** The program and arguments that print the token. */
  token: { program: string; args: string[] };
  keys: string[];
  timeoutMs: number;
}

/** A file in the workspace folder, written with mode 0600 and added to .gitignore. */
export interface FileStep {
  kind: 'file';
  /** Relative to the workspace folder. */
  path: string;
  content: string;
  contentPreview: string;
  keys: string[];
}

/** Adds the env file to a service's env_file in the user's Compose file (compose.ts). */
export interface ComposeStep {
  kind: 'compose';
  /** Relative to the workspace folder. */
  path: string;
  service: string;
  envFile: string;
  keys: string[];
}

export type DeployStep = RunStep | HttpStep | FileStep | ComposeStep;

export interface CliSpec {
  /** Names to look for on PATH, in order (fly, then flyctl). */
  programs: string[];
  /** How to get it, one sentence. */
  install: string;
  /** Checks the login: exit 0 when logged in. */
  loginArgs: string[];
  /** What to run in a terminal to log in. */
  login: string;
}

export interface DeployPlan {
  target: DeployTargetKind;
  /** Where, in words: "GitHub Actions secrets of octo/app (environment production)". */
  where: string;
  entries: DeployEntry[];
  /** Each key and what will be set: secrets masked. */
  preview: Array<{ key: string; shown: string }>;
  cli?: CliSpec;
  steps: DeployStep[];
  /** Lists the target's key names after the push (names only are read from its output). */
  listKeys?: { args: string[]; parse: KeyListFormat };
  /** Compose without a Compose file to edit: the lines to add under the service by hand. */
  snippet?: string;
  /** A note shown with the preview (why Heroku goes through its API, Fly's restart, …). */
  note?: string;
}

export type KeyListFormat = 'gh' | 'heroku-json' | 'fly-json' | 'vercel' | 'lines';

export class DeployPlanError extends Error {}

const APP_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const GH_ENVIRONMENT = /^[A-Za-z0-9_.][A-Za-z0-9 _.-]{0,254}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const ENV_FILE = /^\.?[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;
/** A relative path of the workspace folder, no ".." and no leading "/" or "-". */
const COMPOSE_PATH = /^(?!.*(^|\/)\.\.(\/|$))[A-Za-z0-9_.][A-Za-z0-9_./-]{0,199}$/;
const VERCEL_ENVIRONMENTS = ['production', 'preview', 'development'];
/** An environment variable's name every target takes (GitHub uppercases; we require it already). */
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/** A value written bare in a NAME=VALUE line: no quote, no #, no space, no shell or dotenv syntax. */
const BARE_VALUE = /^[A-Za-z0-9+/=@._:,%-]*$/;

const DEFAULT_TIMEOUT_MS = 60_000;

function refuse(message: string): never {
  throw new DeployPlanError(message);
}

function need(value: string | undefined, pattern: RegExp, what: string, example: string): string {
  if (value === undefined || value === '') refuse(`${what} is missing. Give it, for example ${example}.`);
  if (typeof value !== 'string' || !pattern.test(value))
    refuse(`${what} ${JSON.stringify(value)} is not valid. Give it like ${example}.`);
  return value;
}

/** The entries to set: the convention's keys for the values; the password (and a URL holding it) secret. */
export function deployEntries(convention: EnvConvention, values: SmtpValues): DeployEntry[] {
  expectObject(convention, 'deployEntries', 'convention');
  expectObject(values, 'deployEntries', 'values');
  if (typeof values.password !== 'string' || !values.password) refuse('The credential set has no password to push.');
  const secretKeys = new Set([keyOf(convention, 'password'), keyOf(convention, 'url')].filter(Boolean));
  return Object.entries(conventionEntries(convention, values)).map(([key, value]) => ({
    key,
    value,
    secret: secretKeys.has(key),
  }));
}

function requireEnvNames(entries: readonly DeployEntry[], target: string): void {
  for (const e of entries) {
    if (!ENV_NAME.test(e.key))
      refuse(
        `${target} takes names of capital letters, digits and underscores; "${e.key}" is not one. ` +
          'Pick another convention (or a custom mapping with such names).',
      );
    if (target === TARGET_LABELS.github && e.key.startsWith('GITHUB_'))
      refuse(`GitHub refuses secret names that start with GITHUB_ ("${e.key}"). Pick another convention.`);
  }
}

function requireOneLine(entries: readonly DeployEntry[]): void {
  for (const e of entries)
    if (/[\r\n\0]/.test(e.value))
      refuse(`The value of ${e.key} has a line break or NUL; it cannot be pushed as one line.`);
}

/** NAME=VALUE lines; a value that is not plain goes in double quotes, escaped (fly, Compose). */
function envLines(
  entries: readonly DeployEntry[],
  reveal: boolean,
  quote: (value: string, key: string) => string,
): string {
  return entries.map((e) => `${e.key}=${reveal || !e.secret ? quote(e.value, e.key) : MASK}`).join('\n') + '\n';
}

/** Fly's import reads NAME=VALUE lines and strips quotes; a value with a quote, # or a space is wrapped in """. */
function flyValue(value: string, key: string): string {
  if (BARE_VALUE.test(value)) return value;
  if (value.includes('"""')) refuse(`The value of ${key} contains """, which fly secrets import cannot read back.`);
  return `"""${value}"""`;
}

/** Compose's env_file: bare when plain, else single quotes (read literally); a value with a ' is refused. */
function composeValue(value: string, key: string): string {
  if (BARE_VALUE.test(value)) return value;
  if (value.includes("'"))
    refuse(
      `The value of ${key} contains a single quote; Compose's env_file cannot hold it literally. Change the value.`,
    );
  return `'${value}'`;
}

function preview(entries: readonly DeployEntry[]): Array<{ key: string; shown: string }> {
  return entries.map((e) => ({ key: e.key, shown: e.secret ? MASK : e.value }));
}

/** The Kubernetes Secret's manifest: stringData, so the values stay readable in the file (it is 0600). */
export function secretManifest(
  name: string,
  namespace: string,
  entries: readonly DeployEntry[],
  reveal = true,
): string {
  expectString(name, 'secretManifest', 'name');
  expectString(namespace, 'secretManifest', 'namespace');
  expectList(entries, 'secretManifest', 'entries');
  const lines = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    '  labels:',
    '    app.kubernetes.io/managed-by: ses-smtp-toolkit',
    'type: Opaque',
    'stringData:',
    // JSON strings are YAML double-quoted scalars: every value is read back exactly.
    ...entries.map((e) => `  ${e.key}: ${reveal || !e.secret ? JSON.stringify(e.value) : JSON.stringify(MASK)}`),
  ];
  return lines.join('\n') + '\n';
}

/** The lines to add to a Compose service for the env file. */
export function composeSnippet(service: string, envFile: string): string {
  expectString(service, 'composeSnippet', 'service');
  expectString(envFile, 'composeSnippet', 'envFile');
  return ['services:', `  ${service}:`, '    env_file:', `      - ${envFile}`].join('\n') + '\n';
}

/** The plan of a push: throws DeployPlanError naming what is wrong with the options. */
export function planPush(
  target: DeployTargetKind,
  convention: EnvConvention,
  values: SmtpValues,
  options: DeployOptions = {},
): DeployPlan {
  expectString(target, 'planPush', 'target');
  expectObject(convention, 'planPush', 'convention');
  expectObject(values, 'planPush', 'values');
  expectOptionalObject(options, 'planPush', 'options');
  const entries = deployEntries(convention, values);
  requireOneLine(entries);
  const keys = entries.map((e) => e.key);
  const base = { target, entries, preview: preview(entries) };
  switch (target) {
    case 'github': {
      requireEnvNames(entries, TARGET_LABELS.github);
      const repo = need(options.repo, REPO, 'The GitHub repository', '"octo-org/app"');
      const env = options.environment;
      if (env !== undefined) need(env, GH_ENVIRONMENT, 'The GitHub environment', '"production"');
      const scope = ['--repo', repo, ...(env ? ['--env', env] : [])];
      return {
        ...base,
        where: `GitHub Actions secrets of ${repo}${env ? ` (environment ${env})` : ''}`,
        cli: {
          programs: ['gh'],
          install: 'Install the GitHub CLI (https://cli.github.com) and make sure gh is on PATH.',
          loginArgs: ['auth', 'status'],
          login: 'gh auth login',
        },
        // gh reads the secret's body from stdin when it is not a terminal and no --body is given.
        steps: entries.map((e) => ({
          kind: 'run' as const,
          program: 'gh',
          args: ['secret', 'set', e.key, ...scope],
          stdin: e.value,
          stdinPreview: e.secret ? MASK : e.value,
          keys: [e.key],
          timeoutMs: DEFAULT_TIMEOUT_MS,
        })),
        listKeys: { args: ['secret', 'list', ...scope], parse: 'gh' },
      };
    }
    case 'heroku': {
      requireEnvNames(entries, TARGET_LABELS.heroku);
      const app = need(options.app, APP_NAME, 'The Heroku app', '"my-app"');
      const body = JSON.stringify(Object.fromEntries(entries.map((e) => [e.key, e.value])));
      const bodyPreview = JSON.stringify(Object.fromEntries(entries.map((e) => [e.key, e.secret ? MASK : e.value])));
      return {
        ...base,
        where: `Heroku config vars of the app ${app}`,
        cli: {
          programs: ['heroku'],
          install:
            'Install the Heroku CLI (https://devcenter.heroku.com/articles/heroku-cli) and make sure heroku is on PATH.',
          loginArgs: ['auth:whoami'],
          login: 'heroku login',
        },
        note:
          'heroku config:set takes each KEY=value on its command line (seen by ps, kept in shell history), so ' +
          'the values go in one request to the Heroku Platform API (PATCH /apps/<app>/config-vars, what ' +
          'config:set itself calls), authenticated with the token of `heroku auth:token`; all keys change at once.',
        steps: [
          {
            kind: 'http',
            method: 'PATCH',
            path: `/apps/${app}/config-vars`,
            headers: { Accept: 'application/vnd.heroku+json; version=3', 'Content-Type': 'application/json' },
            body,
            bodyPreview,
            token: { program: 'heroku', args: ['auth:token'] },
            keys,
            timeoutMs: DEFAULT_TIMEOUT_MS,
          },
        ],
        listKeys: { args: ['config', '--app', app, '--json'], parse: 'heroku-json' },
      };
    }
    case 'fly': {
      requireEnvNames(entries, TARGET_LABELS.fly);
      const app = need(options.app, APP_NAME, 'The Fly app', '"my-app"');
      return {
        ...base,
        where: `Fly.io secrets of the app ${app}${options.stage ? ' (staged: applied on the next deploy)' : ''}`,
        cli: {
          programs: ['fly', 'flyctl'],
          install: 'Install flyctl (https://fly.io/docs/flyctl/install/) and make sure fly is on PATH.',
          loginArgs: ['auth', 'whoami'],
          login: 'fly auth login',
        },
        note: options.stage
          ? undefined
          : 'Without "stage", Fly restarts the app\'s Machines with the new secrets right away.',
        steps: [
          {
            kind: 'run',
            program: 'fly',
            args: ['secrets', 'import', '--app', app, ...(options.stage ? ['--stage'] : [])],
            stdin: envLines(entries, true, flyValue),
            stdinPreview: envLines(entries, false, flyValue),
            keys,
            // A deploy of the Machines can take minutes; staged, it is one API call.
            timeoutMs: options.stage ? DEFAULT_TIMEOUT_MS : 5 * DEFAULT_TIMEOUT_MS,
          },
        ],
        listKeys: { args: ['secrets', 'list', '--app', app, '--json'], parse: 'fly-json' },
      };
    }
    case 'vercel': {
      requireEnvNames(entries, TARGET_LABELS.vercel);
      const env = options.environment ?? 'production';
      if (!VERCEL_ENVIRONMENTS.includes(env))
        refuse(`The Vercel environment "${env}" is not one of production, preview or development.`);
      return {
        ...base,
        where: `Vercel environment variables (${env}) of the project linked in the workspace folder`,
        cli: {
          programs: ['vercel'],
          install: 'Install the Vercel CLI (npm i -g vercel) and make sure vercel is on PATH.',
          loginArgs: ['whoami'],
          login: 'vercel login',
        },
        // vercel env add reads the value from stdin when it is not a terminal; --force replaces an existing one.
        steps: entries.map((e) => ({
          kind: 'run' as const,
          program: 'vercel',
          args: ['env', 'add', e.key, env, '--force'],
          stdin: e.value,
          stdinPreview: e.secret ? MASK : e.value,
          keys: [e.key],
          timeoutMs: DEFAULT_TIMEOUT_MS,
        })),
        listKeys: { args: ['env', 'ls', env], parse: 'vercel' },
      };
    }
    case 'kubernetes': {
      const namespace = need(options.namespace ?? 'default', DNS_LABEL, 'The Kubernetes namespace', '"default"');
      const name = need(options.secretName ?? 'ses-smtp', DNS_SUBDOMAIN, 'The Secret name', '"ses-smtp"');
      for (const e of entries)
        if (!/^[-._a-zA-Z0-9]+$/.test(e.key)) refuse(`"${e.key}" is not a valid key of a Kubernetes Secret.`);
      const manifest = secretManifest(name, namespace, entries);
      const manifestPreview = secretManifest(name, namespace, entries, false);
      const where = `the Kubernetes Secret ${namespace}/${name}`;
      if (options.kubernetesMode === 'manifest') {
        return {
          ...base,
          where: `a manifest of ${where} (written, not applied)`,
          steps: [
            { kind: 'file', path: `${name}.secret.yaml`, content: manifest, contentPreview: manifestPreview, keys },
          ],
        };
      }
      return {
        ...base,
        where: `${where} in the current kubectl context`,
        cli: {
          programs: ['kubectl'],
          install: 'Install kubectl (https://kubernetes.io/docs/tasks/tools/) and make sure it is on PATH.',
          loginArgs: ['config', 'current-context'],
          login: 'kubectl config use-context <your cluster>',
        },
        // Server-side apply: no last-applied-configuration annotation holding a copy of the values.
        steps: [
          {
            kind: 'run',
            program: 'kubectl',
            args: ['apply', '--server-side', '--field-manager=ses-smtp-toolkit', '-f', '-'],
            stdin: manifest,
            stdinPreview: manifestPreview,
            keys,
            timeoutMs: DEFAULT_TIMEOUT_MS,
          },
        ],
        listKeys: {
          args: [
            'get',
            'secret',
            name,
            '--namespace',
            namespace,
            '-o',
            'go-template={{range $k, $v := .data}}{{$k}}{{"\\n"}}{{end}}',
          ],
          parse: 'lines',
        },
      };
    }
    case 'compose': {
      requireEnvNames(entries, TARGET_LABELS.compose);
      const envFile = need(options.envFile ?? COMPOSE_DEFAULTS.envFile, ENV_FILE, 'The env file name', '".env.smtp"');
      const service = need(
        options.service ?? COMPOSE_DEFAULTS.service,
        /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/,
        'The Compose service',
        '"app"',
      );
      const composeFile =
        options.composeFile === undefined
          ? undefined
          : need(options.composeFile, COMPOSE_PATH, 'The Compose file', '"compose.yaml"');
      const steps: DeployStep[] = [
        {
          kind: 'file',
          path: envFile,
          content: envLines(entries, true, composeValue),
          contentPreview: envLines(entries, false, composeValue),
          keys,
        },
      ];
      if (composeFile) steps.push({ kind: 'compose', path: composeFile, service, envFile, keys: [] });
      return {
        ...base,
        where: `${envFile} in the workspace folder (0600, git-ignored), for the Compose service ${service}${composeFile ? ` of ${composeFile}` : ''}`,
        steps,
        snippet: composeFile ? undefined : composeSnippet(service, envFile),
      };
    }
    case 'postfix':
    case 'msmtp':
      return relayPlan(target, values, options);
    default:
      return refuse(`Unknown target "${String(target)}"; use one of ${DEPLOY_TARGETS.join(', ')}.`);
  }
}

/**
 * Postfix and msmtp: the files to install on the box that sends (written 0600 into the workspace
 * folder, git-ignored), with the commands to install them; the box's own config is not touched.
 */
function relayPlan(target: 'postfix' | 'msmtp', values: SmtpValues, options: DeployOptions): DeployPlan {
  const identity = options.verifiedIdentity ?? values.from;
  if (!identity)
    refuse('Give the verified identity mail is sent as ("verifiedIdentity": an address, or a domain for Postfix).');
  const bare = /<([^>]+)>/.exec(identity)?.[1] ?? identity;
  const entries: DeployEntry[] = [
    { key: 'host', value: `${values.host}:${values.port}`, secret: false },
    { key: 'username', value: values.user, secret: false },
    { key: 'password', value: values.password, secret: true },
    { key: 'sender', value: bare, secret: false },
  ];
  requireOneLine(entries);
  try {
    if (target === 'msmtp') {
      if (!bare.includes('@'))
        refuse('msmtp needs a verified address as its from ("verifiedIdentity": "noreply@example.com").');
      const config = { host: values.host, port: values.port, user: values.user, password: values.password, from: bare };
      return {
        target,
        where:
          'ses-msmtp/msmtprc in the workspace folder (0600, git-ignored), to install as ~/.msmtprc or /etc/msmtprc',
        entries,
        preview: preview(entries),
        steps: [
          {
            kind: 'file',
            path: 'ses-msmtp/msmtprc',
            content: msmtpConfig(config),
            contentPreview: msmtpConfig(config, false),
            keys: ['password'],
          },
        ],
        snippet:
          'install -m 0600 ses-msmtp/msmtprc ~/.msmtprc   # or /etc/msmtprc for every user; then: echo hi | msmtp -t …\n',
      };
    }
    const setup = postfixRelaySetup({
      host: values.host,
      port: values.port,
      user: values.user,
      password: values.password,
      verifiedIdentity: bare,
    });
    const install = [
      '#!/bin/sh',
      '# Run as root on the box Postfix runs on, from the folder above ses-postfix/.',
      'set -eu',
      `apt-get install -y ${setup.packages.join(' ')}`,
      `install -m 0600 ses-postfix/sasl_passwd ${setup.files.saslPasswd}`,
      `install -m 0644 ses-postfix/sender_canonical ${setup.files.senderCanonical}`,
      ...setup.commands.filter((c) => !c.startsWith('apt-get') && c !== `chmod 0600 ${setup.files.saslPasswd}`),
      '',
    ].join('\n');
    return {
      target,
      where: 'ses-postfix/ in the workspace folder (sasl_passwd 0600, git-ignored), with install.sh for the relay box',
      entries,
      preview: preview(entries),
      steps: [
        {
          kind: 'file',
          path: 'ses-postfix/sasl_passwd',
          content: setup.saslPasswd,
          contentPreview: setup.saslPasswdPreview,
          keys: ['password'],
        },
        {
          kind: 'file',
          path: 'ses-postfix/sender_canonical',
          content: setup.senderCanonical,
          contentPreview: setup.senderCanonical,
          keys: ['sender'],
        },
        {
          kind: 'file',
          path: 'ses-postfix/main.cf.ses',
          content: setup.mainCf,
          contentPreview: setup.mainCf,
          keys: ['host', 'username'],
        },
        { kind: 'file', path: 'ses-postfix/install.sh', content: install, contentPreview: install, keys: [] },
      ],
      note: `Packages: ${setup.packages.join(', ')}. System mail (root@<host>) is rewritten to ${bare.includes('@') ? bare : `noreply@${bare}`}.`,
    };
  } catch (err) {
    if (err instanceof RelayConfigError) refuse(err.message);
    throw err;
  }
}

/** The plan's steps as a person reads them: commands, stdin and files, secrets masked. */
export function describePlan(plan: DeployPlan): string[] {
  expectObject(plan, 'describePlan', 'plan');
  const lines: string[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'run') {
      lines.push(`$ ${[step.program, ...step.args].map(shellWord).join(' ')}`);
      if (step.stdinPreview !== undefined) lines.push(`  stdin: ${JSON.stringify(step.stdinPreview)}`);
    } else if (step.kind === 'http') {
      lines.push(`$ ${[step.token.program, ...step.token.args].join(' ')}   (the token, read from its output)`);
      lines.push(`${step.method} https://api.heroku.com${step.path}`);
      lines.push(`  body: ${step.bodyPreview}`);
    } else if (step.kind === 'compose') {
      lines.push(`edit ${step.path}: add ${step.envFile} to the env_file of the service ${step.service}`);
    } else {
      lines.push(`write ${step.path} (mode 0600, added to .gitignore):`);
      lines.push(
        ...step.contentPreview
          .trimEnd()
          .split('\n')
          .map((l) => `  ${l}`),
      );
    }
  }
  if (plan.snippet)
    lines.push(
      'add to the Compose file:',
      ...plan.snippet
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    );
  return lines;
}

/** A word as a POSIX shell would need it, for display only (nothing is run through a shell). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The key names in a target's list output (values, when the output has them, are dropped). */
export function parseKeyList(format: KeyListFormat, output: string): string[] {
  expectString(format, 'parseKeyList', 'format');
  expectString(output, 'parseKeyList', 'output');
  const names = (list: unknown[]): string[] =>
    list
      .map((item) =>
        typeof item === 'object' && item !== null
          ? ((item as Record<string, unknown>).name ?? (item as Record<string, unknown>).Name)
          : undefined,
      )
      .filter((n): n is string => typeof n === 'string');
  switch (format) {
    case 'heroku-json': {
      const parsed: unknown = safeJson(output);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
    }
    case 'fly-json': {
      const parsed: unknown = safeJson(output);
      return Array.isArray(parsed) ? names(parsed) : [];
    }
    case 'gh':
    case 'vercel':
    case 'lines':
      // gh: NAME<TAB>UPDATED; vercel env ls: a table whose rows start with the name; kubectl: one name a line.
      return output
        .split(/\r?\n/)
        .map((l) => l.trim().split(/\s+/)[0] ?? '')
        .filter((w) => (format === 'lines' ? /^[-._a-zA-Z0-9]+$/ : ENV_NAME).test(w) && w !== 'NAME');
    default:
      return [];
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
