// Issue #14 item 4, the Send Test Email page's own script (src/features/testMail/page): the words it writes at
// run time go through its t('…'), which looks them up in the bundle the host sends with `init`
// (src/features/testMail/logic/l10nFormat.ts), and l10n/bundle.l10n.json holds them (scripts/l10n-export.mjs).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { formatMessage } from '../../../src/features/testMail/logic/l10nFormat';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SCRIPT_DIR = path.join(ROOT, 'src', 'features', 'testMail', 'page');
const SCRIPT_FILES = readdirSync(SCRIPT_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join(SCRIPT_DIR, f));

/** Words a user reads: two letters or more. */
function hasWords(text: string): boolean {
  return /\p{L}{2,}/u.test(text);
}

/** Properties whose value the user reads or hears. */
const SHOWN_PROPERTIES = new Set(['textContent', 'innerText', 'title', 'placeholder', 'label']);
/** Attributes whose value the user reads or hears. */
const SHOWN_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt']);
/** Helpers that put text on the page: the argument (by index) that becomes text. */
const TEXT_HELPERS = new Map<string, number>([
  ['el', 2], // dom.ts: el(tag, className, content)
  ['createTextNode', 0],
  ['setStatus', 0],
  ['showError', 0],
  ['button', 0], // history.ts: button(label, action, onClick)
]);

/** The literal text with words that an expression shows without going through t(…). */
function bareText(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return bareText(node.expression);
  if (ts.isCallExpression(node)) return []; // t('…') or a value computed elsewhere
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return hasWords(node.text) ? [node.text] : [];
  if (ts.isTemplateExpression(node)) {
    const own = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
    return [...(hasWords(own) ? [node.getText()] : []), ...node.templateSpans.flatMap((s) => bareText(s.expression))];
  }
  if (ts.isConditionalExpression(node)) return [...bareText(node.whenTrue), ...bareText(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    const joins = [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken];
    if (joins.includes(op)) return [...bareText(node.left), ...bareText(node.right)];
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return bareText(node.right);
  }
  return [];
}

function calleeName(node: ts.CallExpression): string | undefined {
  const e = node.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

/** Places in a webview script where words reach the page without t(…). */
function bareScriptText(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string, expr: ts.Expression | undefined): void => {
    if (!expr) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    for (const bare of bareText(expr)) found.push(`${path.basename(file)}:${line + 1} ${what}: ${bare.slice(0, 60)}`);
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      SHOWN_PROPERTIES.has(node.left.name.text)
    )
      report(node, node.left.name.text, node.right);
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      const [first, second] = node.arguments;
      if (name === 'setAttribute' && first && ts.isStringLiteral(first) && SHOWN_ATTRIBUTES.has(first.text))
        report(node, first.text, second);
      const at = name === undefined ? undefined : TEXT_HELPERS.get(name);
      if (at !== undefined) report(node, `${name}()`, node.arguments[at]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the Send Test Email page's script: its words through t('…')", () => {
  test('no script file writes a word to the page outside t(…)', () => {
    assert.ok(SCRIPT_FILES.length >= 8, `${SCRIPT_FILES.length} files scanned`);
    const found = SCRIPT_FILES.flatMap((f) => bareScriptText(f));
    assert.deepEqual(found, [], `${found.length} bare texts (wrap each in t('…')):\n${found.join('\n')}`);
  });

  // The rule above can fail: each place it watches, written with a bare literal.
  const bad: Array<[string, string]> = [
    ['a textContent', "ui.status.textContent = 'Not sent yet';"],
    ['an innerText built from a template', 'node.innerText = `${n} messages sent`;'],
    ['the content given to el()', "box.append(el('h4', '', 'Replies'));"],
    ['a title', "b.title = 'Open the log';"],
    ['a placeholder', "value.placeholder = 'value';"],
    ['an aria-label', "remove.setAttribute('aria-label', `Remove ${name}`);"],
    ['a status line', "setStatus('Burst not started: see the note');"],
    ['an error message', "showError('Enter the From address.', 'from');"],
    ['a text node', "ui.box.replaceChildren(document.createTextNode('Before the burst: '));"],
    ['a button label', "actions.appendChild(button('Send Again', 'again', go));"],
    ['one branch of a condition', "hint.textContent = ok ? t('Ready') : 'Not ready';"],
    ['a fallback after ||', "el('div', 'subject', e.subject || '(no subject)');"],
    ['a word inside a template around a translated part', "el('p', '', `${t('Sent')} to everyone`);"],
  ];
  for (const [what, code] of bad)
    test(`the script rule finds ${what}`, () =>
      assert.equal(bareScriptText('/x/src/features/testMail/page/x.ts', code).length, 1, code));

  const fine: Array<[string, string]> = [
    ['translated text', "ui.status.textContent = t('Sending through {0}\\u2026', endpoint);"],
    ['a translated aria-label', "b.setAttribute('aria-label', t('Send to {0}', address));"],
    ['classes and ids', "const e = el('div', 'field-error'); e.id = 'tag-0-error'; e.className = 'phase pending';"],
    ['an attribute that is not shown', "error.setAttribute('role', 'alert');"],
    ['values joined by symbols', 'row.textContent = `${e.from} \\u2192 ${recipients}`;'],
    ['a named constant (an example header name)', 'name.placeholder = HEADER_PLACEHOLDER;'],
    ['a comparison in a condition', "name.placeholder = kind === 'tag' ? t('name') : HEADER_PLACEHOLDER;"],
    ['an empty text', "ui.formError.textContent = '';"],
    ['text from the host or src/core', 'ui.prefillNote.textContent = m.note;'],
  ];
  for (const [what, code] of fine)
    test(`the script rule accepts ${what}`, () =>
      assert.deepEqual(bareScriptText('/x/src/features/testMail/page/x.ts', code), [], code));
});

describe("the page script's t: formatMessage", () => {
  const bundle = { '{0} of {1} accepted': '{1} 件中 {0} 件受理', Replies: 'Antworten', Empty: '' };

  test('looks the English message up in the bundle and fills {0} {1}', () => {
    assert.equal(formatMessage(bundle, 'Replies', []), 'Antworten');
    assert.equal(formatMessage(bundle, '{0} of {1} accepted', [3, 5]), '5 件中 3 件受理');
  });

  test('falls back to the English text: no bundle, a message the bundle lacks, an empty translation', () => {
    assert.equal(formatMessage(undefined, '{0} of {1} accepted', [3, 5]), '3 of 5 accepted');
    assert.equal(formatMessage(bundle, 'Diagnosis', []), 'Diagnosis');
    assert.equal(formatMessage(bundle, 'Empty', []), 'Empty');
    assert.equal(formatMessage({}, 'constructor', []), 'constructor', 'not a property of every object');
  });

  test('fills each {n} wherever and however often it appears', () => {
    assert.equal(formatMessage(undefined, '{1} {0} {1}', ['a', 'b']), 'b a b');
    assert.equal(formatMessage(undefined, 'Total: {0}', ['1.2 MB']), 'Total: 1.2 MB');
    assert.equal(formatMessage(undefined, '{0}', [0]), '0');
  });

  test('a placeholder without its argument stays as written', () => {
    assert.equal(
      formatMessage(undefined, '{0} messages to {1} at {2}/s', [10, 'host']),
      '10 messages to host at {2}/s',
    );
    assert.equal(formatMessage(bundle, '{0} of {1} accepted', [3]), '{1} 件中 3 件受理');
  });

  test('a message without placeholders keeps its braces of other kinds', () => {
    assert.equal(formatMessage(undefined, 'Use {name} and {}', ['x']), 'Use {name} and {}');
  });
});
