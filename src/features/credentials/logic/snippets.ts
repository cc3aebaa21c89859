// "Copy Sending Code": the code an app needs to send through SES SMTP, for its stack, reading the
// same environment keys as the project's .env convention (src/engines/envfile/conventions.ts). Every
// snippet uses STARTTLS on 587 (or TLS on 465), verifies the certificate, and inlines no secret.
import { CONVENTIONS, keyOf, type EnvConvention } from '../../../engines/envfile/conventions';
import type { TlsMode } from '../../../base/regions';
import { renderTemplate, type SnippetKeys, type StackId } from './snippetTemplates';
import { expectObject } from '../../../base/guards';

export interface StackInfo {
  id: StackId;
  label: string;
  /** Where the code goes. */
  where: string;
  /** VS Code language id of the snippet. */
  language: string;
  /** The .env convention the stack's projects use unless told otherwise. */
  convention: string;
}

export const STACKS: readonly StackInfo[] = [
  {
    id: 'nodemailer',
    label: 'Node.js (nodemailer)',
    where: 'a script or your mail module',
    language: 'javascript',
    convention: 'generic',
  },
  {
    id: 'python',
    label: 'Python (smtplib)',
    where: 'a script or your mail module',
    language: 'python',
    convention: 'generic',
  },
  { id: 'django', label: 'Django (settings.py)', where: 'settings.py', language: 'python', convention: 'django' },
  {
    id: 'rails',
    label: 'Rails (ActionMailer)',
    where: 'config/environments/production.rb',
    language: 'ruby',
    convention: 'rails',
  },
  {
    id: 'laravel',
    label: 'Laravel (config/mail.php)',
    where: "config/mail.php, under 'mailers'",
    language: 'php',
    convention: 'laravel',
  },
  {
    id: 'spring',
    label: 'Spring Boot (application.properties)',
    where: 'application.properties',
    language: 'properties',
    convention: 'spring',
  },
  {
    id: 'phpmailer',
    label: 'PHP (PHPMailer)',
    where: 'a script or your mail class',
    language: 'php',
    convention: 'generic',
  },
  {
    id: 'go',
    label: 'Go (net/smtp)',
    where: 'a main package or your mail package',
    language: 'go',
    convention: 'generic',
  },
];

export function stackInfo(id: string): StackInfo | undefined {
  return STACKS.find((s) => s.id === id);
}

/** Where the From address is read when the convention has no key for it (Django's own name). */
export const FALLBACK_FROM_KEY = 'DEFAULT_FROM_EMAIL';
export const TEST_TO_KEY = 'TEST_MAIL_TO';
export const SIMULATOR_TO = 'success@simulator.amazonses.com';

export interface SnippetInput {
  stack: StackId;
  /** A convention id (default: the stack's); "nodemailer-url" reads the generic keys. */
  convention?: string;
  /** Extra conventions (the custom one from settings). */
  extraConventions?: readonly EnvConvention[];
  tls: TlsMode;
  port: number;
  /** Shown in the comment as the value to set; a host, never a secret. */
  host?: string;
}

export interface Snippet {
  stack: StackInfo;
  convention: string;
  keys: SnippetKeys;
  tls: TlsMode;
  port: number;
  code: string;
}

export class SnippetError extends Error {}

/** The keys of a convention, for a snippet. A convention with only a URL key reads the generic keys. */
export function snippetKeys(convention: EnvConvention): SnippetKeys {
  const base =
    keyOf(convention, 'host') && keyOf(convention, 'user') && keyOf(convention, 'password')
      ? convention
      : (CONVENTIONS.find((c) => c.id === 'generic') as EnvConvention);
  return {
    host: keyOf(base, 'host') as string,
    port: keyOf(base, 'port'),
    user: keyOf(base, 'user') as string,
    password: keyOf(base, 'password') as string,
    from: keyOf(base, 'from') ?? FALLBACK_FROM_KEY,
    to: TEST_TO_KEY,
  };
}

export function sendingSnippet(input: SnippetInput): Snippet {
  expectObject(input, 'sendingSnippet', 'input');
  const stack = stackInfo(input.stack);
  if (!stack)
    throw new SnippetError(
      `"${String(input.stack).slice(0, 40)}" is not a stack; use one of ${STACKS.map((s) => s.id).join(', ')}.`,
    );
  const conventionId = input.convention ?? stack.convention;
  const all = [...CONVENTIONS, ...(input.extraConventions ?? [])];
  const convention = all.find((c) => c.id === conventionId);
  if (!convention)
    throw new SnippetError(
      `"${conventionId.slice(0, 64)}" is not a .env convention; use one of ${all.map((c) => c.id).join(', ')}.`,
    );
  if (input.tls !== 'starttls' && input.tls !== 'implicit')
    throw new SnippetError('tls must be "starttls" or "implicit".');
  const keys = snippetKeys(convention);
  const code = renderTemplate(stack.id, { keys, tls: input.tls, port: input.port, header: header(stack, keys, input) });
  return { stack, convention: convention.id, keys, tls: input.tls, port: input.port, code };
}

function header(stack: StackInfo, keys: SnippetKeys, input: SnippetInput): string[] {
  const mode = input.tls === 'implicit' ? `TLS from the first byte on ${input.port}` : `STARTTLS on ${input.port}`;
  const env = [
    `${keys.host}=${input.host ?? 'email-smtp.<region>.amazonaws.com'}`,
    ...(keys.port ? [`${keys.port}=${input.port}`] : []),
    `${keys.user}=<SMTP username, AKIA…>`,
    `${keys.password}=<SMTP password>`,
    `${keys.from}=<a verified sender>`,
  ];
  return [
    `Amazon SES SMTP for ${stack.label}: ${mode}, certificate and host name verified.`,
    ...holdsFor(stack.id, input.tls),
    `Put it in ${stack.where}. It reads these settings from the environment (.env):`,
    ...env.map((e) => `  ${e}`),
    'Keep the password out of source control.',
  ];
}

/**
 * The versions for which the header's promise (TLS required, certificate and host name checked)
 * holds, and what is different outside them. Each was run against hostile servers
 * (test/integration/features/credentials/logic/snippets.tls.test.ts).
 */
export function holdsFor(stack: StackId, tls: TlsMode): string[] {
  switch (stack) {
    case 'nodemailer':
      return ['Holds for nodemailer 6 and later (requireTLS: no login unless STARTTLS succeeds).'];
    case 'python':
      return ['Holds for Python 3.8 and later (ssl.create_default_context checks the host name).'];
    case 'django':
      return [
        'Holds for Django 3.2 and later. Django before 4.2 starts TLS without checking the certificate',
        'at all; the backend below brings a verifying context on every version.',
      ];
    case 'rails':
      return ['Holds for Rails 6.1 and later (mail 2.7+, net-smtp 0.3+ check the host name).'];
    case 'laravel':
      return tls === 'implicit'
        ? [
            "Holds for Laravel 8 and later ('smtps'; Laravel 8 reads 'encryption' => 'ssl'). Laravel 9",
            "and 10 ignore 'scheme' and choose TLS from the first byte by the port: there, on 465 only.",
          ]
        : [
            "Holds for Laravel 11 and 12 with symfony/mailer 7.3 or later ('require_tls'); take 7.4.24+",
            'or 8.1.12+, which fix a bypass (CVE-2026-133751). Laravel 8 (SwiftMailer) requires STARTTLS',
            "through 'encryption' => 'tls'. NOT with Laravel 9 and 10 or an older symfony/mailer: there",
            'STARTTLS is optional, and a network attacker who strips it gets the login in clear text;',
            'use port 465 (TLS from the first byte) with those.',
          ];
    case 'spring':
      return [
        'Holds for Spring Boot 2 and 3 (JavaMail 1.6, Jakarta Mail 2): the host name is checked because',
        'mail.smtp.ssl.checkserveridentity=true is set below (JavaMail leaves it off by default).',
      ];
    case 'phpmailer':
      return ['Holds for PHPMailer 6 on PHP 7.2 and later (peer and peer name verified by default).'];
    case 'go':
      return ['Holds for Go 1.15 and later (crypto/tls checks the certificate against ServerName).'];
  }
}

/** The files that tell a workspace's stack, by name; their text (or undefined when absent). */
export type StackFiles = Partial<
  Record<
    | 'package.json'
    | 'requirements.txt'
    | 'pyproject.toml'
    | 'Pipfile'
    | 'Gemfile'
    | 'composer.json'
    | 'pom.xml'
    | 'build.gradle'
    | 'build.gradle.kts'
    | 'go.mod',
    string
  >
>;

export const STACK_FILES: ReadonlyArray<keyof StackFiles> = [
  'package.json',
  'requirements.txt',
  'pyproject.toml',
  'Pipfile',
  'Gemfile',
  'composer.json',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'go.mod',
];

/** The stacks a workspace looks like, most likely first (a library named outranks a bare manifest). */
export function detectStacks(files: StackFiles): StackId[] {
  expectObject(files, 'detectStacks', 'files');
  const strong: StackId[] = [];
  const weak: StackId[] = [];
  const has = (name: keyof StackFiles): boolean => typeof files[name] === 'string';
  const text = (name: keyof StackFiles): string => (files[name] ?? '').toLowerCase();
  if (has('package.json')) (/"nodemailer"\s*:/.test(text('package.json')) ? strong : weak).push('nodemailer');
  const python = ['requirements.txt', 'pyproject.toml', 'Pipfile'] as const;
  if (python.some(has)) {
    const all = python.map(text).join('\n');
    if (/(^|[^\w-])django([^\w-]|$)/m.test(all)) strong.push('django');
    else weak.push('python');
  }
  if (has('Gemfile')) (/gem\s+["']rails["']/.test(text('Gemfile')) ? strong : weak).push('rails');
  if (has('composer.json')) {
    const composer = text('composer.json');
    if (composer.includes('"laravel/framework"')) strong.push('laravel');
    if (composer.includes('"phpmailer/phpmailer"')) strong.push('phpmailer');
    if (!composer.includes('"laravel/framework"') && !composer.includes('"phpmailer/phpmailer"'))
      weak.push('phpmailer');
  }
  const jvm = ['pom.xml', 'build.gradle', 'build.gradle.kts'] as const;
  if (jvm.some(has)) (/spring-boot/.test(jvm.map(text).join('\n')) ? strong : weak).push('spring');
  if (has('go.mod')) weak.push('go');
  return [...new Set([...strong, ...weak])];
}
