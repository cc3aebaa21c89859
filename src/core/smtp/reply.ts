// Reading SMTP replies: the reply code, and the SES message id in "250 Ok <id>".

/** The SES message id in a 250 reply ("250 Ok 0100018c…-000000"). */
export function sesMessageIdFromReply(reply: string | undefined): string | undefined {
  return reply ? /^250[ -](?:Ok\s+)?([0-9a-f]{16}-[0-9a-f-]+-000000)\b/i.exec(reply.trim())?.[1] : undefined;
}

/** The three-digit code a reply starts with, if any. */
export function replyCode(reply: string | undefined): number | undefined {
  return reply ? Number(/^\d{3}/.exec(reply)?.[0]) || undefined : undefined;
}
