// Reading SMTP replies: the reply code, and the SES message id in "250 Ok <id>".

/**
 * What an SES message id may look like, loosely: SES has used several shapes
 * ("0100018c…-…-000000", "010701…", other group lengths), so any token of id characters with a
 * digit in it, 8 to 255 long, counts. Anything else (a word, an empty token) is not an id.
 */
const MESSAGE_ID = /^(?=[^\d]*\d)[A-Za-z0-9][A-Za-z0-9._@+=-]{7,254}$/;

/** The id SES returned in its 250 reply ("250 Ok 0100018c…-000000"), or undefined when there is none. */
export function sesMessageIdFromReply(reply: unknown): string | undefined {
  if (typeof reply !== 'string') return undefined;
  const last = reply.trim().split(/\r?\n/).pop()?.trim() ?? '';
  // "250 Ok <id>", optionally with an enhanced status code ("250 2.0.0 Ok <id>") or brackets.
  const afterOk = /^250[ -](?:[245]\.\d{1,3}\.\d{1,3}\s+)?Ok\s+<?([^\s<>]+)>?(?:\s|$)/i.exec(last)?.[1];
  if (afterOk !== undefined) return MESSAGE_ID.test(afterOk) ? afterOk : undefined;
  // Without "Ok", only the classic SES shape, so "250 2.0.0 queued" is not taken for an id.
  return /^250[ -]([0-9a-f]{16}-[0-9a-f-]+-000000)\b/i.exec(last)?.[1];
}

/** The three-digit code a reply starts with, if any. */
export function replyCode(reply: unknown): number | undefined {
  return typeof reply === 'string' ? Number(/^\d{3}/.exec(reply)?.[0]) || undefined : undefined;
}
