// README's argument objects against the code: the "Argument objects" table lists every command of
// the schema table with its schema's example (test/e2e/contracts.e2e.test.ts runs those), and the
// code blocks' examples are exactly the list test/support/readmeExamples.ts gives the contract
// test to run. Each example passes its command's argument check as written.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMAND_SCHEMAS, validateCommandArgs } from '../../../src/commandArgs';
import { README_EXAMPLES, type ReadmeExample } from '../../support/readmeExamples';

const README = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');

/** The rows between the table's markers: command id, example text, what it returns. */
export function tableRows(readme: string): Array<{ command: string; example: string; returns: string }> {
  const start = readme.indexOf('<!-- argument-objects:start -->');
  const end = readme.indexOf('<!-- argument-objects:end -->');
  assert.ok(start >= 0 && end > start, 'README has the argument-objects table markers');
  return readme
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const m = /^\| `([^`]+)` \| `([^`]+)` \| (.+) \|$/.exec(line);
      assert.ok(m, `a table row README cannot be read from: ${line}`);
      return { command: m[1], example: m[2], returns: m[3] };
    });
}

/** Each ```jsonc block: a keybinding {command, args}, or an object after a comment naming the command. */
export function codeBlockExamples(readme: string): ReadmeExample[] {
  return [...readme.matchAll(/```jsonc\n([\s\S]*?)```/g)].map(([, body]) => {
    const comments = body.split('\n').filter((l) => l.trim().startsWith('//'));
    const json = JSON.parse(
      body
        .split('\n')
        .filter((l) => !l.trim().startsWith('//'))
        .join('\n'),
    ) as Record<string, unknown>;
    if (typeof json.command === 'string' && json.args)
      return { command: json.command, args: json.args as Record<string, unknown> };
    const named = comments.map((c) => /sesSmtpToolkit\.[\w.]+/.exec(c)?.[0]).find(Boolean);
    assert.ok(named, `a README example whose command is not named: ${body}`);
    return { command: named, args: json };
  });
}

const exampleOf = (command: string): string => COMMAND_SCHEMAS[command].example.replace(/\s+\(.*\)$/, '');

describe("README's argument objects", () => {
  test('the table lists every command of the schema table once, with its schema example', () => {
    const rows = tableRows(README);
    assert.deepEqual(
      rows.map((r) => r.command),
      Object.keys(COMMAND_SCHEMAS).sort(),
    );
    for (const r of rows) {
      assert.equal(r.example, exampleOf(r.command), `${r.command}: README's example differs from the schema's`);
      assert.ok(r.returns.trim(), `${r.command}: README says what it returns`);
    }
  });

  test('every example in the table passes its command check as written', () => {
    for (const r of tableRows(README)) {
      const checked = validateCommandArgs(r.command, JSON.parse(r.example), {});
      assert.ok(checked.ok, `${r.command}: ${checked.ok ? '' : checked.message}`);
    }
  });

  test("the code blocks' examples are the list the contract test runs, and pass their checks", () => {
    const found = codeBlockExamples(README);
    assert.deepEqual(found, README_EXAMPLES);
    for (const e of found) {
      const checked = validateCommandArgs(e.command, e.args, {});
      assert.ok(checked.ok, `${e.command}: ${checked.ok ? '' : checked.message}`);
    }
  });

  test('the readers find a changed table row and a changed code-block example', () => {
    // A near miss for each reader: one changed character must show up.
    const row = tableRows(README)[0];
    const changedTable = README.replace(
      `| \`${row.command}\` | \`${row.example}\``,
      `| \`${row.command}\` | \`${row.example.replace('eu-west-1', 'eu-west-2')}\``,
    );
    assert.notEqual(tableRows(changedTable)[0].example, exampleOf(row.command));
    const changedBlock = README.replace('"configurationSet": "events"', '"configurationSet": "event"');
    assert.notDeepEqual(codeBlockExamples(changedBlock), README_EXAMPLES);
    assert.throws(() => tableRows('no table here'), /argument-objects table markers/);
  });
});
