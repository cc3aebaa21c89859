// Docker Compose (issue #28): add the SMTP env file to a service's `env_file` in the user's own
// Compose file. The edit is made in the text, at the one place it belongs, so comments, quoting,
// anchors and the order of everything else stay exactly as the user wrote them; the result is read
// back and must equal the original with only that one entry added, else nothing is changed and the
// reason is given (the push then shows the lines to add by hand). vscode-free.
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, parseDocument, type Node, type YAMLMap } from 'yaml';
import { expectString } from '../../base/guards';

/** The names Compose looks for in a project folder, in its order. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

/** The Compose file cannot be edited safely; the message says why and what to do. */
export class ComposeEditError extends Error {}

export interface ComposeEdit {
  /** The new text (the same as the old when `changed` is false). */
  text: string;
  /** False when the service already lists the env file. */
  changed: boolean;
  /** The 1-based line of the new entry (or of the one already there). */
  line: number;
  /** What was done, in words. */
  what: string;
}

/** The service names of a Compose file, in its order (empty when it has none or cannot be read). */
export function composeServices(text: string): string[] {
  expectString(text, 'composeServices', 'text');
  try {
    const doc = parseDocument(text);
    if (doc.errors.length || !isMap(doc.contents)) return [];
    const services = doc.contents.get('services', true);
    if (!isMap(services)) return [];
    return services.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
  } catch {
    return [];
  }
}

const lineStart = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;
const lineOf = (text: string, at: number): number => text.slice(0, at).split('\n').length;

/** The end of the line holding the last non-blank character before `at` (before its newline). */
function endOfLineBefore(text: string, at: number): number {
  let pos = at;
  while (pos > 0 && /\s/.test(text[pos - 1])) pos--;
  const newline = text.indexOf('\n', pos);
  const end = newline < 0 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** The env file's name as a YAML scalar that reads back as that exact string. */
function scalarText(name: string): string {
  try {
    const back = parseDocument(`- ${name}\n`).toJS() as unknown[];
    if (Array.isArray(back) && back[0] === name && !name.includes('#')) return name;
  } catch {
    // quoted below
  }
  return JSON.stringify(name);
}

function entryPath(item: unknown): string | undefined {
  if (isScalar(item)) return typeof item.value === 'string' ? item.value : String(item.value);
  if (isMap(item)) {
    const p = item.get('path');
    return typeof p === 'string' ? p : undefined;
  }
  return undefined;
}

/** JSON with each mapping's keys sorted: the order of keys is not what is compared. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

const samePath = (a: string, b: string): boolean => a.replace(/^\.\//, '') === b.replace(/^\.\//, '');

/**
 * Adds `envFile` to the `env_file` of `service` in the Compose file `text` (`file` names it in
 * messages). Throws ComposeEditError when the file is not a Compose file that can be edited safely.
 */
export function addEnvFileToCompose(
  text: string,
  service: string,
  envFile: string,
  file = 'the Compose file',
): ComposeEdit {
  expectString(text, 'addEnvFileToCompose', 'text');
  expectString(service, 'addEnvFileToCompose', 'service');
  expectString(envFile, 'addEnvFileToCompose', 'envFile');
  const refuse = (why: string): never => {
    throw new ComposeEditError(`${file} was not changed: ${why}`);
  };
  if (parseAllDocuments(text).length > 1) refuse('it holds more than one YAML document.');
  // Merge keys (<<) read as Compose reads them, so a setting shared through an anchor is seen.
  const doc = parseDocument(text, { merge: true });
  if (doc.errors.length) {
    const first = doc.errors[0];
    refuse(`it is not valid YAML (${first.message.split('\n')[0].replace(/:$/, '')}). Fix it, then push again.`);
  }
  if (!isMap(doc.contents)) refuse('its top level is not a mapping of keys such as "services:".');
  const root = doc.contents as unknown as YAMLMap;
  const services = root.get('services', true);
  if (!isMap(services)) refuse('it has no "services:" mapping.');
  const servicesMap = services as unknown as YAMLMap;
  if (servicesMap.flow) refuse('its services are written in flow style ({ … }); add the entry by hand.');
  const pair = servicesMap.items.find((p) => isScalar(p.key) && String(p.key.value) === service);
  if (!pair) {
    const names = composeServices(text);
    refuse(
      `it has no service "${service}"${names.length ? `; its services are ${names.join(', ')}` : ''}. Say which service runs the app.`,
    );
  }
  const svc = pair!.value as Node | null;
  if (isAlias(svc)) refuse(`the service "${service}" is an alias of another; add the entry where it is defined.`);
  if (!isMap(svc)) refuse(`the service "${service}" is not a mapping of settings.`);
  const svcMap = svc as unknown as YAMLMap;
  if (svcMap.flow) refuse(`the service "${service}" is written in flow style ({ … }); add the entry by hand.`);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const name = scalarText(envFile);

  let next: string;
  let at: number;
  let what: string;
  const envPair = svcMap.items.find((p) => isScalar(p.key) && p.key.value === 'env_file');
  if (!envPair) {
    // A new key at the service's indentation, as its first setting: right after the service's line,
    // so a comment above the first setting stays with it.
    const first = svcMap.items[0];
    if (!first || !isScalar(first.key) || !first.key.range)
      refuse(`the service "${service}" has no settings to place the entry among.`);
    const keyStart = (first!.key as Node).range![0];
    const indent = text.slice(lineStart(text, keyStart), keyStart);
    if (!/^ *$/.test(indent))
      refuse(`the settings of "${service}" do not start on their own line; add the entry by hand.`);
    const serviceKey = pair!.key as Node;
    at = endOfLineBefore(text, serviceKey.range![1] + 1);
    const lines = `${eol}${indent}env_file:${eol}${indent}  - ${name}`;
    next = text.slice(0, at) + lines + text.slice(at);
    // The line of the entry itself, below the new key.
    at += eol.length + `${indent}env_file:${eol}`.length;
    what = `added env_file with ${envFile} to the service "${service}"`;
  } else {
    const value = envPair.value as Node | null;
    if (isSeq(value)) {
      const existing = value.items.find((i) => {
        const p = entryPath(i);
        return p !== undefined && samePath(p, envFile);
      });
      if (existing) {
        const line = lineOf(text, (existing as Node).range?.[0] ?? 0);
        return { text, changed: false, line, what: `the service "${service}" already lists ${envFile}` };
      }
      if (value.flow) {
        const close = text.lastIndexOf(']', value.range![1]);
        if (close < value.range![0]) refuse('its env_file list could not be read back; add the entry by hand.');
        const empty = value.items.length === 0;
        at = close;
        next = text.slice(0, close) + (empty ? name : `, ${name}`) + text.slice(close);
      } else {
        const last = value.items[value.items.length - 1] as Node;
        const firstItem = value.items[0] as Node;
        const dash = /^( *)- /.exec(text.slice(lineStart(text, firstItem.range![0])));
        if (!dash) refuse('its env_file list is not one entry per line; add the entry by hand.');
        at = endOfLineBefore(text, last.range![1]);
        next = text.slice(0, at) + `${eol}${dash![1]}- ${name}` + text.slice(at);
        at += eol.length;
      }
      what = `added ${envFile} to the env_file of the service "${service}"`;
    } else if (isScalar(value) && typeof value.value === 'string' && value.range) {
      if (samePath(value.value, envFile))
        return {
          text,
          changed: false,
          line: lineOf(text, value.range[0]),
          what: `the service "${service}" already uses ${envFile}`,
        };
      // One file becomes a list of two, the first exactly as written.
      const [start, end] = value.range;
      at = start;
      next = text.slice(0, start) + `[${text.slice(start, end)}, ${name}]` + text.slice(end);
      what = `made the env_file of the service "${service}" a list and added ${envFile}`;
    } else {
      return refuse(`the env_file of "${service}" is neither a file name nor a list of them.`);
    }
  }

  // Read back: the same document with only the one entry added.
  const after = parseDocument(next, { merge: true });
  if (after.errors.length) refuse('the edited file would not read back as YAML; add the entry by hand.');
  const before = doc.toJS() as Record<string, unknown>;
  // Through JSON, so that an alias's object is a copy here: a change it would share shows.
  const expected = JSON.parse(JSON.stringify(before)) as { services: Record<string, Record<string, unknown>> };
  const target = expected.services[service];
  const old = target.env_file;
  target.env_file = old === undefined ? [envFile] : Array.isArray(old) ? [...old, envFile] : [old, envFile];
  if (canonical(after.toJS()) !== canonical(expected))
    refuse(
      `adding the entry would change more than the service "${service}" (an anchor or a merge key shares its settings); add it by hand.`,
    );
  return { text: next, changed: true, line: lineOf(next, at), what };
}
