// GetMessageInsights (SESv2, Virtual Deliverability Manager): a message's events per destination,
// for accounts with VDM. SES allows one call a second; Where Is This SES Email? calls it once.
import { GetMessageInsightsCommand, type EmailInsights, type SESv2Client } from '@aws-sdk/client-sesv2';
import { expectObject, expectOptionalObject, expectString } from '../../base/guards';

/** The message's insights; undefined when SES has none for that id (NotFoundException). */
export async function getMessageInsights(
  ses: Pick<SESv2Client, 'send'>,
  messageId: string,
  options: { signal?: AbortSignal } = {},
): Promise<EmailInsights[] | undefined> {
  expectObject(ses, 'getMessageInsights', 'ses');
  expectString(messageId, 'getMessageInsights', 'messageId');
  expectOptionalObject(options, 'getMessageInsights', 'options');
  try {
    const out = await ses.send(new GetMessageInsightsCommand({ MessageId: messageId }), {
      abortSignal: options.signal,
    });
    return out.Insights ?? [];
  } catch (err) {
    if ((err as Error)?.name === 'NotFoundException') return undefined;
    throw err;
  }
}
