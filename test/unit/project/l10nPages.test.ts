// Issue #14 item 4, the webview pages: the visible text of the markup the extension host builds (the
// Send Test Email form, the Doctor's report) goes through vscode.l10n.t, escaped. Text the webview's own
// script writes at run time (src/features/testMail/page) is not checked here.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Words a user reads: two letters or more. */
function hasWords(text: string): boolean {
  return /\p{L}{2,}/u.test(text);
}

/** The host-built webview pages: their markup is template literals in these files. */
const PAGE_FILES = [
  path.join(ROOT, 'src', 'features', 'testMail', 'html.ts'),
  path.join(ROOT, 'src', 'features', 'testMail', 'htmlOptions.ts'),
  path.join(ROOT, 'src', 'features', 'doctor', 'html.ts'),
];
/** Attributes whose value the user reads or hears. (An <option>'s value is not shown.) */
const SHOWN_ATTRIBUTES = /\b(placeholder|aria-label|title|alt)="([^"]*)"/g;
/** Page text that is the same in every language, each with the reason. */
const NOT_PAGE_MESSAGES = new Map<string, string>([
  ['my-configuration-set', 'an example configuration set name as a placeholder'],
  [
    'From: sender@example.com&#10;To: recipient@example.com&#10;Subject: Hello&#10;&#10;Body',
    'an example raw MIME message as a placeholder (header names are the protocol)',
  ],
]);
/** An example email address as a placeholder: the same in every language. */
const EXAMPLE_ADDRESS = /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/;
/** Tokens of the protocol and units, the same in every language. */
const INVARIANT_WORDS = /\b(STARTTLS|TLS|ms)\b/g;

/** Text in a page builder's markup that does not come from vscode.l10n.t (a ${…} counts as translated). */
function bareMarkupText(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const parts = ts.isTemplateExpression(node)
      ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
      : ts.isNoSubstitutionTemplateLiteral(node)
        ? [node.text]
        : undefined;
    if (parts && parts.join('').includes('<')) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      const where = `${path.relative(ROOT, file)}:${line + 1}`;
      const markup = parts
        .join('\uE000')
        .replace(/<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>|<!DOCTYPE[^>]*>/gi, '\uE000');
      for (const [, name, value] of markup.matchAll(SHOWN_ATTRIBUTES))
        if (hasWords(value.replace(/\uE000/g, ' ')) && !NOT_PAGE_MESSAGES.has(value) && !EXAMPLE_ADDRESS.test(value))
          found.push(`${where} ${name}: ${value.slice(0, 60)}`);
      for (const piece of markup.replace(/<[^>]*>/g, '\uE000').split('\uE000')) {
        const words = piece.replace(/&#?\w+;/g, ' ').replace(INVARIANT_WORDS, ' ');
        if (hasWords(words)) found.push(`${where} text: ${piece.trim().slice(0, 60)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('host-built webview pages: visible text through vscode.l10n.t', () => {
  test('no page builder has a label, caption, hint or placeholder outside vscode.l10n.t', () => {
    const found = PAGE_FILES.flatMap((f) => bareMarkupText(f));
    assert.deepEqual(
      found,
      [],
      `${found.length} bare texts (wrap each in esc(vscode.l10n.t(…))):\n${found.join('\n')}`,
    );
  });

  const bad: Array<[string, string]> = [
    ['a label', 'const row = `<label for="to">To</label>`;'],
    [
      'a button caption beside a translated one',
      "const b = `<button>${esc(vscode.l10n.t('Send'))}</button><button>Cancel</button>`;",
    ],
    ['a hint after a value', 'const h = `<div class="hint">${n} sends are kept</div>`;'],
    ['a summary', 'const s = `<details><summary>HTML body and connection</summary></details>`;'],
    ['an aria-label', 'const x = `<pre aria-label="SMTP transcript"></pre>`;'],
    ['a placeholder that is prose with an @', 'const i = `<input placeholder="Type name@domain here">`;'],
    ['a placeholder that is prose', 'const i = `<input id="raw" placeholder="Paste the message here">`;'],
    ['a title', 'const t = `<title>Send Test Email</title>`;'],
  ];
  for (const [what, code] of bad)
    test(`the page rule finds ${what}`, () =>
      assert.equal(bareMarkupText('/x/src/features/x/html.ts', code).length, 1, code));

  const fine: Array<[string, string]> = [
    ['translated text', 'const r = `<label for="to">${esc(vscode.l10n.t(\'To\'))}</label>`;'],
    [
      'ids, classes and a hidden option value',
      'const o = `<option value="465:implicit" class="row hidden" id="port-x"></option>`;',
    ],
    ['a protocol name and a unit', 'const o = `<option>465 · TLS</option><span>${ms} ms</span>`;'],
    ['a script and a style', 'const s = `<style>body { color: red; }</style><script>vscode.postMessage(x);</script>`;'],
    ['an example placeholder named as such', 'const i = `<input placeholder="my-configuration-set">`;'],
    ['an example address placeholder', 'const i = `<input id="to" placeholder="recipient@example.com">`;'],
    ['an entity', 'const e = `<p>&nbsp;&#10;</p>`;'],
    ['a template without markup', 'const m = `Sent ${n} messages`;'],
  ];
  for (const [what, code] of fine)
    test(`the page rule accepts ${what}`, () =>
      assert.deepEqual(bareMarkupText('/x/src/features/x/html.ts', code), [], code));
});
