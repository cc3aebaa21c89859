// The protocol between the Doctor's report page and the extension: the messages in both directions.
// Shared by the host (src/features/doctor/panel.ts) and the page script (src/features/doctor/page), so it
// imports neither 'vscode' nor anything Node-only. No message carries report text: the host writes
// the report (masked, escaped) into the page's markup, and the page keeps no state of its own.
// Everything the host receives is checked here; an unknown or malformed message is refused with a
// reason that names its shape, never its content (the caller logs the reason and ignores it).
import { describeArgument } from '../../../base/guards';

/** Page → extension: the page has loaded; Copy as Markdown; Re-run. */
export type FromDoctorPage = { type: 'ready' } | { type: 'copy' } | { type: 'rerun' };

/** Extension → page: what the buttons may do now (sent on `ready` and whenever it changes). */
export interface DoctorPageState {
  type: 'state';
  /** A run is under way: Re-run is off and the "re-running…" note shows. */
  running: boolean;
  /** A report is shown, so Copy as Markdown has something to copy. */
  hasReport: boolean;
}
export type ToDoctorPage = DoctorPageState;

export type DoctorParsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const FROM_PAGE_TYPES: ReadonlySet<string> = new Set<FromDoctorPage['type']>(['ready', 'copy', 'rerun']);

function plainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields of `m` other than `allowed`, as a short list for a reason (names only, cut to 3). */
function extraFields(m: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const extra = Object.keys(m).filter((k) => !allowed.includes(k));
  if (!extra.length) return undefined;
  const names = extra.slice(0, 3).map((k) => (/^[A-Za-z][\w-]{0,30}$/.test(k) ? k : '(an odd name)'));
  return names.join(', ') + (extra.length > 3 ? ', …' : '');
}

/**
 * A message from the Doctor page, checked: an object whose `type` is one of FromDoctorPage's and
 * that has no other field. Anything else is refused with a reason that quotes no value.
 */
export function parseFromDoctorPage(message: unknown): DoctorParsed<FromDoctorPage> {
  if (!plainObject(message)) return { ok: false, reason: `not a message object but ${describeArgument(message)}` };
  const type = message.type;
  if (typeof type !== 'string') return { ok: false, reason: `its type is ${describeArgument(type)}, not text` };
  if (!FROM_PAGE_TYPES.has(type))
    return { ok: false, reason: `an unknown type, ${describeArgument(type)}; known: ready, copy, rerun` };
  const extra = extraFields(message, ['type']);
  if (extra) return { ok: false, reason: `"${type}" with fields it does not take (${extra})` };
  return { ok: true, value: { type } as FromDoctorPage };
}

/** A message from the host, checked on the page: a `state` with two booleans, or undefined. */
export function parseToDoctorPage(message: unknown): ToDoctorPage | undefined {
  if (!plainObject(message) || message.type !== 'state') return undefined;
  const { running, hasReport } = message;
  if (typeof running !== 'boolean' || typeof hasReport !== 'boolean') return undefined;
  if (extraFields(message, ['type', 'running', 'hasReport'])) return undefined;
  return { type: 'state', running, hasReport };
}
