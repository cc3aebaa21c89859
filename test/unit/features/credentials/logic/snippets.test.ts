// Issue #17: Copy Sending Code. Every stack's snippet, in both TLS modes and with each convention,
// must read the convention's keys, inline no secret, use STARTTLS or TLS and never switch off
// certificate checks.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CONVENTIONS, customConvention } from '../../../../../src/engines/envfile/conventions';
import {
  STACKS,
  SnippetError,
  detectStacks,
  sendingSnippet,
} from '../../../../../src/features/credentials/logic/snippets';
import { type StackId } from '../../../../../src/features/credentials/logic/snippetTemplates';

const HOST = 'email-smtp.eu-west-1.amazonaws.com';
/** Text that switches certificate verification off, in any of the languages. */
const INSECURE = [
  /rejectUnauthorized\s*:\s*false/i,
  /verify\s*=\s*False/,
  /CERT_NONE/,
  /check_hostname\s*=\s*False/,
  /_create_unverified_context/,
  /InsecureSkipVerify/,
  /openssl_verify_mode\s*:\s*["']?none/i,
  /verify_peer['"]?\s*=>\s*false/i,
  /ssl\.trust\s*=\s*\*/,
  /checkserveridentity\s*=\s*false/i,
  /allow_self_signed/i,
  /NODE_TLS_REJECT_UNAUTHORIZED/,
];
/** Django before 4.2 starts TLS unverified: the snippet's own backend passes a verifying context (issue #34). */
const DJANGO_VERIFYING = [
  /^EMAIL_BACKEND = __name__ \+ "\.VerifiedEmailBackend"$/m,
  /^class VerifiedEmailBackend\(EmailBackend\):$/m,
  /return super\(\)\.starttls\(context=ssl\.create_default_context\(\)\)/,
  /super\(\)\.__init__\(host, port, context=ssl\.create_default_context\(\), \*\*kwargs\)/,
  /return VerifiedSMTPSSL if self\.use_ssl else VerifiedSMTP/,
];
/** Jakarta Mail checks the host name only when told to (issue #34). */
const SPRING_IDENTITY = /^spring\.mail\.properties\.mail\.smtp\.ssl\.checkserveridentity=true$/m;
/** The TLS a snippet must ask for, per stack and mode. */
const TLS_TEXT: Record<StackId, { starttls: RegExp[]; implicit: RegExp[] }> = {
  nodemailer: { starttls: [/secure: false/, /requireTLS: true/], implicit: [/secure: true/] },
  python: {
    starttls: [/\.starttls\(context=context\)/, /ssl\.create_default_context\(\)/],
    implicit: [/SMTP_SSL\(.*context=context/],
  },
  django: {
    starttls: [/EMAIL_USE_TLS = True/, /EMAIL_USE_SSL = False/, ...DJANGO_VERIFYING],
    implicit: [/EMAIL_USE_SSL = True/, /EMAIL_USE_TLS = False/, ...DJANGO_VERIFYING],
  },
  rails: { starttls: [/enable_starttls: true/, /openssl_verify_mode: "peer"/], implicit: [/^\s+tls: true/m] },
  laravel: {
    starttls: [/'scheme' => 'smtp'/, /'encryption' => 'tls'/, /'require_tls' => true/],
    implicit: [/'scheme' => 'smtps'/, /'encryption' => 'ssl'/],
  },
  spring: {
    starttls: [/starttls\.enable=true/, /starttls\.required=true/, SPRING_IDENTITY],
    implicit: [/smtp\.ssl\.enable=true/, SPRING_IDENTITY],
  },
  phpmailer: { starttls: [/ENCRYPTION_STARTTLS/], implicit: [/ENCRYPTION_SMTPS/] },
  go: { starttls: [/c\.StartTLS\(tlsConfig\)/, /ServerName: host/], implicit: [/tls\.Dial\(/] },
};

describe('sending snippets', () => {
  for (const stack of STACKS) {
    for (const tls of ['starttls', 'implicit'] as const) {
      const port = tls === 'starttls' ? 587 : 465;
      test(`${stack.id}, ${tls}: the convention's keys, TLS, nothing insecure, no secret`, () => {
        const s = sendingSnippet({ stack: stack.id, tls, port, host: HOST });
        assert.equal(s.convention, stack.convention);
        for (const key of [s.keys.host, s.keys.user, s.keys.password, s.keys.from]) {
          const reads = s.code.split('\n').filter((l) => l.includes(key) && !/^\s*(#|\/\/)/.test(l));
          assert.ok(reads.length > 0, `${key} is not read outside comments`);
        }
        if (s.keys.port) assert.match(s.code, new RegExp(`${s.keys.port}\\W[^\\n]*${port}`));
        else assert.match(s.code, new RegExp(`port: ${port}`));
        for (const re of TLS_TEXT[stack.id][tls]) assert.match(s.code, re);
        // The first pattern of each mode is the one that sets it: the other mode's must be absent.
        const other = TLS_TEXT[stack.id][tls === 'starttls' ? 'implicit' : 'starttls'][0];
        assert.doesNotMatch(s.code.replace(/^\s*(#|\/\/).*$/gm, ''), other, 'the other TLS mode leaks in');
        for (const re of INSECURE) assert.doesNotMatch(s.code, re);
        assert.doesNotMatch(s.code, /AKIA[A-Z0-9]{16}/, 'an access key id is inlined');
        assert.doesNotMatch(s.code, /\b[A-Za-z0-9+/]{40,44}\b/, 'something like a secret is inlined');
        assert.ok(
          s.code.split('\n').every((l) => !/\t/.test(l) || stack.id === 'go'),
          'tabs outside Go',
        );
        assert.match(s.code, new RegExp(HOST.replace(/\./g, '\\.')), 'the host to set is named in the comment');
      });
    }
  }

  test('every header states the versions its promise holds for, before the settings', () => {
    for (const stack of STACKS) {
      for (const tls of ['starttls', 'implicit'] as const) {
        const s = sendingSnippet({ stack: stack.id, tls, port: tls === 'starttls' ? 587 : 465 });
        const head = s.code.split('\n').filter((l) => /^\s*(#|\/\/)/.test(l));
        const holds = head.findIndex((l) => /Holds for \S.* \d+(\.\d+)*\b/.test(l));
        assert.ok(holds > 0, `${stack.id} ${tls}: no "Holds for <version>" line in the header`);
        assert.ok(holds < head.findIndex((l) => /reads these settings/.test(l)), 'the versions come first');
        assert.match(head[0], /certificate and host name verified/);
      }
    }
  });

  test('Laravel: STARTTLS is required where symfony/mailer can, and the header names where it cannot', () => {
    const starttls = sendingSnippet({ stack: 'laravel', tls: 'starttls', port: 587 }).code;
    const header = starttls
      .split('\n')
      .filter((l) => l.startsWith('//'))
      .join(' ');
    assert.match(header, /symfony\/mailer 7\.3 or later \('require_tls'\)/);
    assert.match(header, /7\.4\.24\+\s.*or 8\.1\.12\+/);
    assert.match(header, /NOT with Laravel 9 and 10 or an older symfony\/mailer/);
    assert.match(header, /use port 465/);
    // TLS from the first byte needs no such option, and its header has no warning.
    const implicit = sendingSnippet({ stack: 'laravel', tls: 'implicit', port: 465 }).code;
    assert.doesNotMatch(implicit, /require_tls|NOT with/);
    assert.match(implicit, /Holds for Laravel 8 and later/);
    assert.match(implicit, /Laravel 9\s*\/\/ and 10 ignore 'scheme' .* on 465 only\./s);
  });

  test('Django: the verifying backend is the one used, on every version (no version switch)', () => {
    for (const tls of ['starttls', 'implicit'] as const) {
      const code = sendingSnippet({ stack: 'django', tls, port: 587 }).code;
      assert.equal(code.match(/^EMAIL_BACKEND = /gm)?.length, 1, 'one EMAIL_BACKEND');
      assert.doesNotMatch(code, /EMAIL_BACKEND = "django\.core\.mail\.backends\.smtp\.EmailBackend"/);
      assert.doesNotMatch(code, /django\.VERSION/);
      assert.match(code, /Holds for Django 3\.2 and later\. Django before 4\.2 starts TLS without checking/);
    }
  });

  test('Spring: the host name check is named in the header and set in both modes', () => {
    for (const tls of ['starttls', 'implicit'] as const) {
      const code = sendingSnippet({ stack: 'spring', tls, port: 587 }).code;
      assert.equal(code.match(/checkserveridentity=true/g)?.length, 2, 'once in the header, once set');
    }
  });

  test('every convention gives its own keys (Laravel keys in a nodemailer snippet)', () => {
    for (const convention of CONVENTIONS.filter((c) => c.id !== 'nodemailer-url')) {
      const s = sendingSnippet({ stack: 'nodemailer', convention: convention.id, tls: 'starttls', port: 587 });
      assert.match(s.code, new RegExp(`process\\.env\\.${convention.keys.password}\\b`));
      assert.match(s.code, new RegExp(`process\\.env\\.${convention.keys.host}\\b`));
    }
    const laravel = sendingSnippet({ stack: 'python', convention: 'laravel', tls: 'starttls', port: 587 });
    assert.match(laravel.code, /os\.environ\["MAIL_PASSWORD"\]/);
    assert.match(laravel.code, /os\.environ\["MAIL_FROM_ADDRESS"\]/);
  });

  test('a convention with only a URL key reads the generic keys', () => {
    const s = sendingSnippet({ stack: 'go', convention: 'nodemailer-url', tls: 'starttls', port: 587 });
    assert.match(s.code, /os\.Getenv\("SMTP_PASSWORD"\)/);
  });

  test('a custom convention from settings', () => {
    const custom = customConvention({ host: 'MY_HOST', user: 'MY_USER', password: 'MY_PASS', from: 'MY_FROM' });
    const s = sendingSnippet({
      stack: 'rails',
      convention: 'custom',
      extraConventions: [custom],
      tls: 'starttls',
      port: 2587,
    });
    assert.match(s.code, /ENV\.fetch\("MY_PASS"\)/);
    assert.match(s.code, /port: 2587/);
  });

  test('an unknown stack or convention is refused with the choices', () => {
    assert.throws(() => sendingSnippet({ stack: 'cobol' as StackId, tls: 'starttls', port: 587 }), SnippetError);
    assert.throws(
      () => sendingSnippet({ stack: 'go', convention: 'nope', tls: 'starttls', port: 587 }),
      /one of generic/,
    );
  });
});

describe('the stack of a workspace', () => {
  const cases: Array<[string, Parameters<typeof detectStacks>[0], StackId[]]> = [
    ['nothing', {}, []],
    ['package.json with nodemailer', { 'package.json': '{"dependencies":{"nodemailer":"^6"}}' }, ['nodemailer']],
    ['requirements.txt with Django', { 'requirements.txt': 'Django==5.0\nrequests\n' }, ['django']],
    ['requirements.txt without Django', { 'requirements.txt': 'flask\n' }, ['python']],
    ['django-environ alone is not Django', { 'requirements.txt': 'django-environ\n' }, ['python']],
    ['pyproject with django', { 'pyproject.toml': 'dependencies = ["django>=4"]' }, ['django']],
    ['Gemfile with rails', { Gemfile: "gem 'rails', '~> 7.1'" }, ['rails']],
    ['composer with laravel', { 'composer.json': '{"require":{"laravel/framework":"^11"}}' }, ['laravel']],
    ['composer with phpmailer', { 'composer.json': '{"require":{"phpmailer/phpmailer":"^6"}}' }, ['phpmailer']],
    ['pom with spring boot', { 'pom.xml': '<artifactId>spring-boot-starter-mail</artifactId>' }, ['spring']],
    ['go.mod', { 'go.mod': 'module x\n' }, ['go']],
    [
      'a named library outranks a bare manifest',
      { 'package.json': '{"devDependencies":{"eslint":"9"}}', 'requirements.txt': 'django\n' },
      ['django', 'nodemailer'],
    ],
  ];
  for (const [label, files, expected] of cases) test(label, () => assert.deepEqual(detectStacks(files), expected));
});
