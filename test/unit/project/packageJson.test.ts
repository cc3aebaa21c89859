// The manifest follows the conventions of a first-class extension: titles that read alone in the
// palette and keybindings, every %key% localised, settings with order/scope/markdownDescription,
// walkthrough media that exists, activation on .env files.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const raw = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
const pkg = JSON.parse(raw);
/** The text of every source file (to find where a context key is set). */
function sourceTexts(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceTexts(file) : file.endsWith('.ts') ? [readFileSync(file, 'utf8')] : [];
  });
}
const srcTexts = sourceTexts(path.join(ROOT, 'src'));
const nls: Record<string, string> = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));

/** The string as the user sees it: a %key% replaced by its package.nls.json text. */
function text(value: string): string {
  const m = /^%([^%]+)%$/.exec(value);
  return m ? nls[m[1]] : value;
}

interface Command {
  command: string;
  title: string;
  icon?: string;
  shortTitle?: string;
  category?: string;
}
const commands: Command[] = pkg.contributes.commands;

// A title reads alone when it says what it acts on, without the category in front of it
// (menus, keybindings and "recently used" show it that way).
const DOMAIN = /\b(SMTP|SES|AWS|IAM|DNS|TLS|Email|Identity|Identities)\b|\.env\b/;

describe('package.json', () => {
  test('every %key% in package.json resolves in package.nls.json, and every key there is used', () => {
    const used = [...raw.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(used.length > 40, `package.json is localised (${used.length} keys)`);
    const missing = used.filter((k) => typeof nls[k] !== 'string' || nls[k].trim() === '');
    assert.deepEqual(missing, []);
    const unused = Object.keys(nls).filter((k) => !used.includes(k));
    assert.deepEqual(unused, []);
  });

  test('user-facing strings are localised (titles, view names, walkthrough, settings)', () => {
    const plain: string[] = [];
    const check = (where: string, value: unknown): void => {
      if (typeof value === 'string' && !/^%[^%]+%$/.test(value)) plain.push(`${where}: ${value.slice(0, 40)}`);
    };
    check('displayName', pkg.displayName);
    check('description', pkg.description);
    for (const c of commands) {
      check(`${c.command} title`, c.title);
      check(`${c.command} category`, c.category);
      check(`${c.command} shortTitle`, c.shortTitle);
    }
    for (const v of pkg.contributes.views.sesSmtpToolkit) check(`view ${v.id}`, v.name);
    for (const c of pkg.contributes.viewsContainers.activitybar) check(`container ${c.id}`, c.title);
    for (const w of pkg.contributes.walkthroughs) {
      check(`walkthrough ${w.id}`, w.title);
      check(`walkthrough ${w.id}`, w.description);
      for (const s of w.steps) {
        check(`step ${s.id}`, s.title);
        check(`step ${s.id}`, s.description);
      }
    }
    for (const [name, p] of Object.entries<{ markdownDescription?: string }>(pkg.contributes.configuration.properties))
      check(name, p.markdownDescription);
    assert.deepEqual(plain, []);
  });

  test('every command has a category and a title that reads alone', () => {
    const bad: string[] = [];
    for (const c of commands) {
      const title = text(c.title);
      if (text(c.category ?? '') !== 'SES SMTP') bad.push(`${c.command}: category ${c.category}`);
      if (title.split(/\s+/).length < 3 || !DOMAIN.test(title)) bad.push(`${c.command}: "${title}"`);
      if (c.shortTitle && !title.toLowerCase().includes(text(c.shortTitle).split(' ')[0].toLowerCase()))
        bad.push(`${c.command}: short title "${text(c.shortTitle)}" is not a short form of "${title}"`);
    }
    assert.deepEqual(bad, []);
    const titles = commands.map((c) => text(c.title));
    assert.deepEqual(
      titles.filter((t, i) => titles.indexOf(t) !== i),
      [],
      'no two commands share a title',
    );
    assert.equal(
      text(commands.find((c) => c.command === 'sesSmtpToolkit.credentials.delete')!.title),
      'Delete SMTP Credential Set',
    );
  });

  test('commands that need an open .env file are hidden from the palette elsewhere', () => {
    const palette: Array<{ command: string; when: string }> = pkg.contributes.menus.commandPalette;
    for (const id of [
      'sesSmtpToolkit.env.checkBlock',
      'sesSmtpToolkit.env.sendTestEmail',
      'sesSmtpToolkit.env.import',
    ]) {
      const entry = palette.find((e) => e.command === id);
      assert.ok(entry, `${id} has a commandPalette entry`);
      assert.match(entry.when, /resourceFilename =~/);
    }
    // The when clause's regular expression matches the files the .env features handle.
    const entry = palette.find((e) => e.command === 'sesSmtpToolkit.env.checkBlock')!;
    const re = new RegExp(/=~ \/(.*)\/$/.exec(entry.when)![1]);
    for (const name of ['.env', '.env.local', 'prod.env']) assert.ok(re.test(name), name);
    for (const name of ['env.ts', 'README.md', 'environment.yml']) assert.ok(!re.test(name), name);
    // Every command and menu entry refers to a contributed command.
    const ids = new Set(commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries<Array<{ command: string }>>(pkg.contributes.menus)) {
      for (const e of entries) assert.ok(ids.has(e.command), `${menu}: ${e.command} is contributed`);
    }
  });

  test("Write to .env and Cancel are on the pending diff's title only, and not in the palette", () => {
    const title: Array<{ command: string; when: string; group: string }> = pkg.contributes.menus['editor/title'];
    const palette: Array<{ command: string; when: string }> = pkg.contributes.menus.commandPalette;
    for (const [id, icon, order] of [
      ['sesSmtpToolkit.env.confirmWrite', '$(check)', 'navigation@1'],
      ['sesSmtpToolkit.env.cancelWrite', '$(close)', 'navigation@2'],
    ]) {
      const entries = title.filter((e) => e.command === id);
      assert.equal(entries.length, 1, `${id} is on the editor title once`);
      assert.equal(entries[0].group, order, `${id} is a button (navigation), Write first`);
      // Shown while a diff is pending and the diff (the preview scheme) is the active editor.
      assert.equal(entries[0].when, 'sesSmtpToolkit.envDiffPending && resourceScheme == ses-smtp-env-preview');
      assert.equal(commands.find((c) => c.command === id)!.icon, icon);
      assert.equal(palette.find((e) => e.command === id)?.when, 'false', `${id} is hidden from the palette`);
    }
    assert.equal(text(commands.find((c) => c.command === 'sesSmtpToolkit.env.confirmWrite')!.title), 'Write to .env');
    assert.equal(text(commands.find((c) => c.command === 'sesSmtpToolkit.env.cancelWrite')!.shortTitle!), 'Cancel');
  });

  test('every setting has markdownDescription, scope and a unique order; regions and ports have patterns', () => {
    const props: Record<
      string,
      {
        markdownDescription?: string;
        description?: string;
        scope?: string;
        order?: number;
        pattern?: string;
        items?: { pattern?: string };
      }
    > = pkg.contributes.configuration.properties;
    const orders: number[] = [];
    for (const [name, p] of Object.entries(props)) {
      assert.ok(p.markdownDescription && text(p.markdownDescription).length > 20, `${name}: markdownDescription`);
      assert.equal(p.description, undefined, `${name}: markdownDescription only`);
      assert.ok(
        ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'].includes(
          p.scope ?? '',
        ),
        `${name}: scope ${p.scope}`,
      );
      assert.equal(typeof p.order, 'number', `${name}: order`);
      orders.push(p.order!);
    }
    assert.equal(new Set(orders).size, orders.length, 'orders are unique');

    const region = new RegExp(props['sesSmtpToolkit.defaultRegion'].pattern!);
    const extra = new RegExp(props['sesSmtpToolkit.extraRegions'].items!.pattern!);
    for (const re of [region, extra]) {
      for (const ok of ['us-east-1', 'ap-southeast-5', 'us-gov-west-1', 'eu-central-2']) assert.ok(re.test(ok), ok);
      for (const bad of ['us-east', 'US-EAST-1', 'email-smtp.us-east-1.amazonaws.com', 'eu-west-1 '])
        assert.ok(!re.test(bad), bad);
    }
    const dns = new RegExp(props['sesSmtpToolkit.dns.servers'].items!.pattern!);
    for (const ok of ['1.1.1.1', '127.0.0.1:5353', '::1', '[::1]:53', '2606:4700:4700::1111'])
      assert.ok(dns.test(ok), ok);
    for (const bad of ['dns.google', '1.1.1.1:', '1.1.1.1:abc', '']) assert.ok(!dns.test(bad), bad);
    const endpoint = new RegExp(props['sesSmtpToolkit.aws.endpoint'].pattern!);
    for (const ok of [
      '',
      'http://127.0.0.1:5000',
      'https://localhost.localstack.cloud:4566',
      'https://ses.example.com/path',
    ])
      assert.ok(endpoint.test(ok), ok);
    for (const bad of ['127.0.0.1:5000', 'ftp://x', 'http://']) assert.ok(!endpoint.test(bad), bad);
  });

  test('the walkthrough: each step has media that exists and completes when its task worked', () => {
    const ids = new Set(commands.map((c) => c.command));
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.equal(walkthrough.id, 'gettingStarted');
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['chooseProfile', 'getCredentials', 'checkLogin', 'sendTestEmail', 'writeEnv'],
    );
    for (const step of walkthrough.steps) {
      const media = step.media.markdown ?? step.media.image ?? step.media.svg;
      assert.ok(media, `${step.id} has media`);
      const files = typeof media === 'string' ? [media] : Object.values<string>(media);
      for (const f of files) assert.ok(existsSync(path.join(ROOT, f)), `${step.id}: ${f} exists`);
      if (step.media.image) assert.ok(step.media.altText, `${step.id}: altText`);
      assert.ok(step.completionEvents.length > 0, `${step.id} completes on something`);
      // A step completes on a context key the extension sets when the step's task has worked (issue #31
      // item 2), not when a command starts: each key is set somewhere in src.
      for (const ev of step.completionEvents) {
        const m = /^onContext:(sesSmtpToolkit\.[\w.]+)$/.exec(ev);
        assert.ok(m, `${step.id}: ${ev} is an onContext event of the extension's own key`);
        const key = m[1];
        const setIn = srcTexts.some(
          (t) =>
            t.includes(`'${key}'`) ||
            (key.startsWith('sesSmtpToolkit.walkthrough.') &&
              t.includes(`walkthroughStepDone('${key.slice('sesSmtpToolkit.walkthrough.'.length)}')`)),
        );
        assert.ok(setIn, `${step.id}: ${key} is set by the extension`);
      }
      // Step descriptions render links only: a `code span` would show its backticks.
      assert.ok(!text(step.description).includes('`') && !text(step.title).includes('`'), `${step.id}: no backticks`);
      assert.ok(text(step.title).length <= 32, `${step.id}: the title fits the step list`);
      // Each step offers a contributed command as a button (a line that is only a command link).
      const button = /^\[[^\]]+\]\(command:([\w.]+)\)$/m.exec(text(step.description));
      assert.ok(button && ids.has(button[1]), `${step.id}: a button runs a contributed command`);
    }
    // The credentials view's welcome links to it.
    const welcome = pkg.contributes.viewsWelcome.find((w: { view: string }) => w.view === 'sesSmtpToolkit.credentials');
    const link = /command:workbench\.action\.openWalkthrough\?([^)\s]+)/.exec(text(welcome.contents));
    assert.ok(link, 'the credentials welcome view opens the walkthrough');
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [
      `${pkg.publisher}.${pkg.name}#${walkthrough.id}`,
      false,
    ]);
  });

  test('activation: on .env files and the views, never on startup', () => {
    const events: string[] = pkg.activationEvents;
    for (const e of [
      'onLanguage:dotenv',
      'workspaceContains:**/.env*',
      'onView:sesSmtpToolkit.explorer',
      'onView:sesSmtpToolkit.credentials',
      'onWebviewPanel:sesSmtpToolkit.testSend',
      // A terminal opened activates it, so SES SMTP errors there are underlined from the first line (#33).
      'onTerminal:*',
    ])
      assert.ok(events.includes(e), e);
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
    // onCommand is implied for contributed commands from VS Code 1.74 on.
    assert.ok(!events.some((e) => e.startsWith('onCommand:')));
    assert.match(pkg.engines.vscode, /^\^1\.(7[4-9]|[89]\d|\d{3})\./);
  });

  test('release conventions: prepublish builds the bundles, no placeholder repository, fitting categories', () => {
    assert.equal(pkg.scripts['vscode:prepublish'], 'npm run build:release');
    assert.ok(!pkg.repository || !/example\.invalid/.test(JSON.stringify(pkg.repository)));
    assert.match(pkg.scripts.package, /--no-rewrite-relative-links/);
    if (!pkg.repository) assert.match(pkg.scripts.package, /--allow-missing-repository/);
    assert.ok(!pkg.categories.includes('Debuggers'));
    const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!package\.nls\.json$/m, 'package.nls.json goes into the .vsix');
    // The dependency the profile list reads the AWS files with is pinned to what is installed.
    const installed = JSON.parse(
      readFileSync(path.join(ROOT, 'node_modules', '@smithy', 'core', 'package.json'), 'utf8'),
    ).version;
    assert.equal(pkg.dependencies['@smithy/core'], installed);
  });
});
