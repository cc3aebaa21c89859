// The one masking function (core/smtp/redact.ts), form by form, for each output a person can read
// or copy: the function itself (transcripts, server replies, the log), an SMTP failure's message
// and reply (errors and notifications), the Doctor's log lines and panel (maskText), its Markdown
// report (Copy as Markdown), and the send history. The forms are planted with Node's own encoders
// (test/support/plantedForms.ts), never with the product's masking code.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, makeRedactor, redactSecrets } from '../../../src/engines/smtp/redact';
import { toFailure } from '../../../src/engines/smtp/failure';
import { maskText } from '../../../src/engines/doctor/mask';
import { renderMarkdown } from '../../../src/engines/doctor/markdown';
import { type DoctorReport, type Finding } from '../../../src/engines/doctor/types';
import { SendHistory, type BlobStore, type KeyValueStore } from '../../../src/features/testMail/logic/sendHistory';
import { SES_REGIONS } from '../../../src/base/regions';
import { maskSecrets, maskedFileDiff } from '../../../src/features/credentials/logic/rotationEnv';
import { leaks, plantedForms } from '../../support/plantedForms';
import { referenceSmtpPassword } from '../../support/smtpPasswordV4';

const USER = 'AKIAIOSFODNN7EXAMPLE';
/** A v4 password shape with +, / and = so every encoding differs from the raw form. */
const PASSWORD = 'BP+9x/Qm3Kz7aLw0v/Yt+Rk2sD8eHn1cJu5fGi4oTq6=';
/** A typed password with every character the encoders treat differently: ' " $ \ ! ( ) * space, non-ASCII. */
const ODD = `it's "pa$$" \\w(o)r*d! é+/=`;
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const SECRETS = { 'a v4-shaped password': PASSWORD, 'a password with quotes and symbols': ODD };

/** Each output under test: given the secrets and the username, how a planted text comes out. */
type Output = (text: string, secrets: string[]) => string | Promise<string>;

const report = (findings: Finding[], headline = findings[0]?.title ?? ''): DoctorReport => ({
  input: { username: USER, host: 'email-smtp.eu-west-3.amazonaws.com', port: 587, region: 'eu-west-3', aws: true },
  findings,
  headline,
  startedAt: '2026-01-01T00:00:00.000Z',
  totalMs: 1,
  timings: [{ check: 'login', ms: 1, timedOut: false }],
});
const finding = (over: Partial<Finding>): Finding => ({
  check: 'login',
  verdict: 'fail',
  title: 't',
  evidence: [],
  weight: 50,
  ...over,
});

/** Markdown as a reader sees it: the report escapes markup characters (\*, \_) that a leak check must see through. */
const unescapeMarkdown = (md: string): string => md.replace(/\\([\\`*_[\]<>|])/g, '$1');

function memoryHistory(): SendHistory {
  const state = new Map<string, unknown>();
  const store: KeyValueStore = {
    get: (k) => state.get(k),
    update: async (k, v) => void state.set(k, v),
  };
  const blobs: BlobStore = { write: async () => {}, read: async () => undefined, remove: async () => {} };
  return new SendHistory(store, blobs);
}

const OUTPUTS: Record<string, Output> = {
  'redactSecrets (transcript lines, replies, log)': (text, secrets) => redactSecrets(text, secrets, USER),
  'an SMTP failure (error message and reply, shown in notifications)': (text, secrets) => {
    const failure = toFailure(
      Object.assign(new Error(`Invalid login: ${text}`), { code: 'EAUTH', response: `535 ${text}`, responseCode: 535 }),
      'auth',
      { host: '127.0.0.1', port: 587, username: USER, password: secrets[0] },
    );
    return `${failure.message}\n${failure.reply}`;
  },
  "the Doctor's log lines and panel (maskText)": (text, secrets) => maskText(text, secrets, USER),
  "the Doctor's Markdown report, in a finding's evidence": (text, secrets) =>
    unescapeMarkdown(
      renderMarkdown(report([finding({ title: 'Login failed', evidence: [text] })]), { password: secrets[0] }),
    ),
  "the Doctor's Markdown report, in the headline, title and fix": (text, secrets) =>
    unescapeMarkdown(
      renderMarkdown(report([finding({ title: `seen ${text}`, fix: `not ${text}` })], `cause ${text}`), {
        password: secrets[0],
      }),
    ),
  'the rotation preview (maskSecrets; its mask is ••••••••)': (text, secrets) =>
    maskSecrets(text, secrets).split('••••••••').join(MASK),
  'the rotation preview, labelled old and new': (text, secrets) =>
    maskedFileDiff('.env', `A=1\nX=${text}\n`, `A=2\nX=${text}\n`, { old: secrets[0] })
      .split('‹old password›')
      .join(MASK),
  'the send history (headline and subject)': async (text, secrets) => {
    const entry = await memoryHistory().record(
      {
        at: 'now',
        setId: 's',
        setName: 'n',
        region: 'eu-west-3',
        from: 'a@b.co',
        to: ['c@d.co'],
        cc: [],
        bcc: [],
        subject: `s ${text}`,
        ok: false,
        headline: `h ${text}`,
      },
      undefined,
      secrets,
    );
    return `${entry.subject}\n${entry.headline}`;
  },
};

for (const [outputName, output] of Object.entries(OUTPUTS)) {
  describe(`masking: ${outputName}`, () => {
    for (const [secretName, secret] of Object.entries(SECRETS)) {
      for (const form of plantedForms(secret, USER)) {
        test(`${secretName}, ${form.name}`, async () => {
          assert.ok(leaks(form.text, secret), 'the planted text carries the secret (the check can fail)');
          const out = await output(form.text, [secret]);
          assert.ok(!leaks(out, secret), `leaked: ${out}`);
        });
      }
    }
  });
}

describe('masking: SMTP passwords derived from an IAM secret access key among the secrets', () => {
  // Every region of the table, the derivation made independently of the product (smtpPasswordV4.ts).
  const derived = SES_REGIONS.map((r) => ({ region: r.id, password: referenceSmtpPassword(SECRET_KEY, r.id) }));
  const outputs: Record<string, (text: string) => string> = {
    redactSecrets: (text) => redactSecrets(text, [SECRET_KEY], USER),
    maskText: (text) => maskText(text, [PASSWORD, SECRET_KEY], USER),
    "the Doctor's Markdown (the key given as a secret)": (text) =>
      unescapeMarkdown(
        renderMarkdown(report([finding({ evidence: [text] })]), { password: PASSWORD, secrets: [SECRET_KEY] }),
      ),
  };
  for (const [name, output] of Object.entries(outputs)) {
    test(`${name}: the key itself in every form`, () => {
      for (const form of plantedForms(SECRET_KEY, USER))
        assert.ok(!leaks(output(form.text), SECRET_KEY), `${form.name} leaked`);
    });
    test(`${name}: the v4 password of every region, in every form`, () => {
      for (const { region, password } of derived)
        for (const form of plantedForms(password, USER))
          assert.ok(!leaks(output(form.text), password), `${region}, ${form.name} leaked`);
    });
  }

  test('a secret key padded by copy-paste still masks its derived passwords', () => {
    const password = referenceSmtpPassword(SECRET_KEY, 'eu-west-3');
    assert.equal(redactSecrets(`pw ${password}`, [`${SECRET_KEY}\n`]), `pw ${MASK}`);
  });

  test('a password that is not shaped like a secret key gets no derived forms (nothing else masked)', () => {
    const other = referenceSmtpPassword(SECRET_KEY.slice(0, 39) + 'X', 'eu-west-3');
    assert.equal(redactSecrets(`pw ${other}`, [PASSWORD]), `pw ${other}`);
  });
});

describe('masking: what must stay readable', () => {
  test('text around a masked secret is kept; unrelated text is unchanged', () => {
    const mask = makeRedactor([PASSWORD, ODD], USER);
    assert.equal(mask(`535 Authentication Credentials Invalid`), '535 Authentication Credentials Invalid');
    assert.equal(mask(`a ${PASSWORD} b`), `a ${MASK} b`);
    assert.equal(
      mask(`SMTP_URL=smtp://u:${encodeURIComponent(PASSWORD)}@host:587`),
      `SMTP_URL=smtp://u:${MASK}@host:587`,
    );
  });

  test("the Doctor's Markdown shows the username as AKIA…XXXX, never whole", () => {
    const md = renderMarkdown(report([finding({ title: `login as ${USER}` })]), { password: PASSWORD });
    assert.ok(!md.includes(USER));
    assert.match(md, /login as AKIA…MPLE/);
  });
});
