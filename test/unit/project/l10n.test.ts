// Issue #14 item 4: every user-facing string of the feature layer goes through vscode.l10n.t (the
// explorer's vscode-free nodes through their own l10n.t, which the provider points at
// vscode.l10n.t), and l10n/bundle.l10n.json holds every message, as scripts/l10n-export.mjs makes it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { l10n as nodeL10n, useTranslator } from '../../../src/features/explorer/nodes/l10n';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const SCRIPT = path.join(ROOT, 'scripts', 'l10n-export.mjs');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : [];
  });
}

/**
 * The UI's own files: the features' host glue, src/host and activation. A feature's logic/ (plain
 * text, vscode-free) and page/ (its own t(…), l10nWebview.test.ts) are not, nor are base and engines.
 */
const UI_FILES = [
  ...sources(path.join(ROOT, 'src', 'features')).filter((f) => !/[\\/](logic|page)[\\/]/.test(f)),
  ...sources(path.join(ROOT, 'src', 'host')),
  path.join(ROOT, 'src', 'extension.ts'),
];

/** Words a user reads: letters left after removing codicons ($(key)) and ${…} placeholders. */
function hasWords(text: string): boolean {
  return /\p{L}{2,}/u.test(text.replace(/\$\([\w~-]+\)/g, ''));
}

/** The untranslated text an expression evaluates to, if it is (or builds on) a string literal with words. */
function literalText(node: ts.Expression): string | undefined {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literalText(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return hasWords(node.text) ? node.text : undefined;
  if (ts.isTemplateExpression(node)) {
    const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
    return hasWords(text) ? node.getText() : undefined;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return literalText(node.left) ?? literalText(node.right);
  if (ts.isConditionalExpression(node)) return literalText(node.whenTrue) ?? literalText(node.whenFalse);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
    return literalText(node.right);
  return undefined;
}

/** Properties and assignments whose string the user reads (quick picks, input boxes, progress, tree items, lenses). */
const UI_PROPERTIES = new Set([
  'title',
  'placeHolder',
  'placeholder',
  'prompt',
  'label',
  'description',
  'detail',
  'tooltip',
  'text',
]);
/** Calls whose string arguments are shown as they are. */
const UI_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);
/** Constructors whose string arguments are shown: a refusal (UserError) is an error notification. */
const UI_CONSTRUCTORS = new Set(['UserError', 'CodeAction', 'Diagnostic', 'TreeItem', 'CodeLens', 'MarkdownString']);

/**
 * Literals that are the same in every language, so they are not messages. Each is named with the
 * reason; anything else is reported.
 */
const NOT_MESSAGES = new Map<string, string>([
  ['email-smtp.eu-west-1.amazonaws.com', 'an example SES host name in an input box placeholder'],
  ['AKIA…', 'the prefix every access key id starts with, as a placeholder'],
  ['/ses/smtp/prod', 'an example SSM parameter name in an input box placeholder'],
  // testSend/sendCommand.ts: formatCheckReport({ title }) heads a report written to the log only; the
  // log stays in English like every log line (a support ticket reads the same everywhere).
  ['Test mail', 'the heading of a report that goes to the log, not to the UI'],
]);

/** Where a features file hands the UI a bare string literal. */
function bareStrings(file: string, text = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string, value: string): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${path.relative(ROOT, file)}:${line + 1} ${what}: ${value.slice(0, 60)}`);
  };
  const check = (node: ts.Expression | undefined, what: string): void => {
    const value = node && literalText(node);
    if (value !== undefined && !NOT_MESSAGES.has(value)) report(node!, what, value);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = ts.isPropertyAccessExpression(node.expression)
        ? node.expression.name.text
        : node.expression.getText();
      if (UI_CALLS.has(name)) node.arguments.forEach((a) => check(a, name));
    } else if (ts.isNewExpression(node)) {
      const name = ts.isPropertyAccessExpression(node.expression)
        ? node.expression.name.text
        : node.expression.getText();
      if (UI_CONSTRUCTORS.has(name)) node.arguments?.forEach((a) => check(a, `new ${name}`));
    } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && UI_PROPERTIES.has(node.name.text)) {
      check(node.initializer, node.name.text);
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      UI_PROPERTIES.has(node.left.name.text)
    ) {
      check(node.right, `.${node.left.name.text} =`);
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && /^[A-Z][A-Z_]*$/.test(node.name.text)) {
      // A constant such as TITLE = '…' ends up in one of the places above under another name. Identifiers
      // (context keys, schemes, state keys) have no spaces and are not text.
      const value = node.initializer && literalText(node.initializer);
      if (value !== undefined && /\s/.test(value)) report(node, `const ${node.name.text}`, value);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-facing strings go through vscode.l10n', () => {
  test('package.json points at l10n/, and the .vsix ships it', () => {
    assert.equal(pkg.l10n, './l10n');
    const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!l10n/**'), '.vscodeignore keeps l10n/ in the package');
  });

  test('l10n/bundle.l10n.json holds exactly the messages of the sources (scripts/l10n-export.mjs --check)', () => {
    const run = spawnSync(process.execPath, [SCRIPT, '--check'], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    const bundle = JSON.parse(readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'));
    assert.ok(Object.keys(bundle).length > 300, `${Object.keys(bundle).length} messages`);
    for (const [k, v] of Object.entries(bundle)) assert.equal(v, k, 'the English text is its own key');
  });

  test('the export: a stale bundle and a message that is not a literal both fail, and a written bundle passes', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'l10n-export-'));
    try {
      const src = path.join(dir, 'src');
      const bundle = path.join(dir, 'bundle.json');
      mkdirSync(src);
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [SCRIPT, '--src', src, '--bundle', bundle, ...args], { encoding: 'utf8' });
      writeFileSync(path.join(src, 'a.ts'), "vscode.l10n.t('Saved {0}.', name);\nl10n.t(`Load more…`);\n");
      assert.equal(run('--check').status, 1, 'no bundle yet');
      assert.equal(run().status, 0);
      assert.deepEqual(JSON.parse(readFileSync(bundle, 'utf8')), {
        'Load more…': 'Load more…',
        'Saved {0}.': 'Saved {0}.',
      });
      assert.equal(run('--check').status, 0);
      writeFileSync(path.join(src, 'b.ts'), "vscode.l10n.t('Deleted.');\n");
      const stale = run('--check');
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /out of date \(1 missing, 0 no longer used\)[\s\S]*missing: Deleted\./);
      writeFileSync(path.join(src, 'c.ts'), 'vscode.l10n.t(message);\n');
      const computed = run();
      assert.equal(computed.status, 1);
      assert.match(computed.stderr, /c\.ts:1: l10n\.t needs a string literal message/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the export collects a webview page's t('…') calls, and only under src/features/<feature>/page", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'l10n-export-'));
    try {
      const src = path.join(dir, 'src');
      const bundle = path.join(dir, 'bundle.json');
      mkdirSync(path.join(src, 'features', 'x', 'page'), { recursive: true });
      mkdirSync(path.join(src, 'features', 'x', 'logic'));
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [SCRIPT, '--src', src, '--bundle', bundle, ...args], { encoding: 'utf8' });
      writeFileSync(path.join(src, 'features', 'x', 'page', 'a.ts'), "el.textContent = t('{0} accepted', n);\n");
      writeFileSync(path.join(src, 'features', 'x', 'logic', 'b.ts'), "const x = t('Not a message');\n");
      assert.equal(run().status, 0);
      assert.deepEqual(JSON.parse(readFileSync(bundle, 'utf8')), { '{0} accepted': '{0} accepted' });
      writeFileSync(path.join(src, 'features', 'x', 'page', 'c.ts'), 'el.textContent = t(text);\n');
      const computed = run();
      assert.equal(computed.status, 1);
      assert.match(computed.stderr, /c\.ts:1: l10n\.t needs a string literal message/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no features file hands the UI a bare string literal', () => {
    assert.ok(UI_FILES.length > 40, `${UI_FILES.length} files scanned`);
    const found = UI_FILES.flatMap((f) => bareStrings(f));
    assert.deepEqual(found, [], `${found.length} bare strings (wrap each in vscode.l10n.t):\n${found.join('\n')}`);
  });

  // The rule above can fail: each kind of place it watches, written with a bare literal.
  const bad: Array<[string, string]> = [
    ['a notification', "vscode.window.showWarningMessage('No profile is chosen.');"],
    ['a notification button', "vscode.window.showInformationMessage(vscode.l10n.t('Saved.'), 'Open');"],
    ['a quick pick item', "const items = [{ label: 'Default credential chain', value: 1 }];"],
    ['an input box prompt', "vscode.window.showInputBox({ prompt: 'Comma-separated addresses' });"],
    ['a progress title', 'vscode.window.withProgress({ location: 1, title: `Creating ${name}…` }, f);'],
    ['a status bar text', "item.text = '$(cloud) SES: choose profile';"],
    ['a tree item tooltip', "item.tooltip = 'Click to retry ' + region;"],
    ['a code action', "new vscode.CodeAction('Fix it', kind);"],
    ['a diagnostic', "new vscode.Diagnostic(range, 'Bad value', 1);"],
    ['a refusal', 'throw new UserError(`Cannot read ${file}`);'],
    ['a constant used as a title', "const TITLE = 'Create SMTP Credentials';"],
    ['a fallback after ??', "const title = { title: given ?? 'Untitled' };"],
    ['one branch of a condition', "const d = { description: ok ? vscode.l10n.t('Active') : 'Inactive' };"],
  ];
  for (const [what, code] of bad)
    test(`the rule finds ${what}`, () => assert.equal(bareStrings('/x/src/features/x.ts', code).length, 1, code));

  const fine: Array<[string, string]> = [
    ['a translated message', "vscode.window.showWarningMessage(vscode.l10n.t('No profile for {0}.', name));"],
    ['a codicon and a value, no words', 'const item = { label: `$(key) ${row.id}` };'],
    ['a message from src/core', 'vscode.window.showErrorMessage(check.message);'],
    ['an id that is no text', "const item = { id: 'error:region', contextValue: 'sesRegion' };"],
    ['a log line (the log is not translated)', "log.info('Wrote the file.');"],
  ];
  for (const [what, code] of fine)
    test(`the rule accepts ${what}`, () => assert.deepEqual(bareStrings('/x/src/features/x.ts', code), [], code));
});

describe("the explorer nodes' l10n.t (no vscode in plain Node)", () => {
  test('fills {0} {1} in the English text, and uses the translator it is given', () => {
    assert.equal(nodeL10n.t('{0} of {1} loaded', 5, 'eu-west-1'), '5 of eu-west-1 loaded');
    assert.equal(nodeL10n.t('{1} {0} {1} {2}', 'a', 'b'), 'b a b {2}');
    const restore = useTranslator((message, ...args) => `[${message}|${args.join(',')}]`);
    try {
      assert.equal(nodeL10n.t('Retry {0}', 'x'), '[Retry {0}|x]');
    } finally {
      restore();
    }
    assert.equal(nodeL10n.t('Retry {0}', 'x'), 'Retry x');
  });
});
