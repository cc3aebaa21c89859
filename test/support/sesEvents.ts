// The events SES publishes for a mail sent with a configuration set, in SES's event publishing JSON
// (AWS: "Contents of event data that Amazon SES publishes to Amazon SNS"): eventType, the mail
// object (messageId = the id of the 250 reply, destination, tags with ses:configuration-set) and the
// event's own object. The mailbox simulator's documented outcomes:
//   success@simulator.amazonses.com          Delivery
//   bounce@…                                 Bounce, Permanent / General, 550 5.1.1 user unknown
//   ooto@…                                   Delivery (the auto-reply is mail, not an event)
//   complaint@…                              Delivery, then Complaint (abuse)
//   suppressionlist@…                        Bounce, Permanent / OnAccountSuppressionList
// Labels work (bounce+label@…). Any other recipient gets Delivery. A Send event comes first.

export interface SesMailFacts {
  messageId: string;
  source: string;
  destination: string[];
  configurationSet: string;
  region: string;
  account: string;
  subject?: string;
  from?: string;
}

export interface SesEventOut {
  eventType: string;
  event: Record<string, unknown>;
}

const SUPPRESSED =
  'Amazon SES did not send the message to this address because it is on the suppression list for your ' +
  'account. For more information about removing addresses from the suppression list, see the Amazon SES ' +
  'Developer Guide at https://docs.aws.amazon.com/ses/latest/DeveloperGuide/sending-email-suppression-list.html';

function simulatorBox(address: string): string | undefined {
  const m = /^([a-z]+)(?:\+[^@]*)?@simulator\.amazonses\.com$/i.exec(address);
  return m?.[1].toLowerCase();
}

export function sesEventsFor(mail: SesMailFacts, now = new Date()): SesEventOut[] {
  const ts = (ms: number): string => new Date(now.getTime() + ms).toISOString();
  const mailObject = {
    timestamp: now.toISOString(),
    source: mail.source,
    sourceArn: `arn:aws:ses:${mail.region}:${mail.account}:identity/${mail.source.split('@')[1] ?? mail.source}`,
    sendingAccountId: mail.account,
    messageId: mail.messageId,
    destination: [...mail.destination],
    headersTruncated: false,
    headers: [
      ...(mail.from ? [{ name: 'From', value: mail.from }] : []),
      ...(mail.subject ? [{ name: 'Subject', value: mail.subject }] : []),
    ],
    commonHeaders: {
      from: mail.from ? [mail.from] : [mail.source],
      to: [...mail.destination],
      messageId: mail.messageId,
      ...(mail.subject ? { subject: mail.subject } : {}),
    },
    tags: {
      'ses:configuration-set': [mail.configurationSet],
      'ses:source-ip': ['127.0.0.1'],
      'ses:from-domain': [mail.source.split('@')[1] ?? ''],
      'ses:caller-identity': ['smtp-user'],
    },
  };
  const out: SesEventOut[] = [{ eventType: 'Send', event: { eventType: 'Send', mail: mailObject, send: {} } }];
  const feedbackId = (n: number): string => `${mail.messageId.replace(/-000000$/, '')}-${n}-000000`;
  mail.destination.forEach((rcpt, i) => {
    const box = simulatorBox(rcpt);
    const delivery = (): SesEventOut => ({
      eventType: 'Delivery',
      event: {
        eventType: 'Delivery',
        mail: mailObject,
        delivery: {
          timestamp: ts(600 + i),
          processingTimeMillis: 600 + i,
          recipients: [rcpt],
          smtpResponse: '250 2.6.0 Message received',
          reportingMTA: `a8-70.smtp-out.${mail.region}.amazonses.com`,
          remoteMtaIp: '127.0.0.1',
        },
      },
    });
    if (box === 'bounce' || box === 'suppressionlist') {
      const suppressed = box === 'suppressionlist';
      out.push({
        eventType: 'Bounce',
        event: {
          eventType: 'Bounce',
          mail: mailObject,
          bounce: {
            feedbackId: feedbackId(i),
            bounceType: 'Permanent',
            bounceSubType: suppressed ? 'OnAccountSuppressionList' : 'General',
            bouncedRecipients: [
              suppressed
                ? { emailAddress: rcpt, action: 'failed', diagnosticCode: SUPPRESSED }
                : {
                    emailAddress: rcpt,
                    action: 'failed',
                    status: '5.1.1',
                    diagnosticCode: 'smtp; 550 5.1.1 user unknown',
                  },
            ],
            timestamp: ts(500 + i),
            ...(suppressed ? {} : { reportingMTA: `dsn; a8-70.smtp-out.${mail.region}.amazonses.com` }),
          },
        },
      });
      return;
    }
    out.push(delivery());
    if (box === 'complaint') {
      out.push({
        eventType: 'Complaint',
        event: {
          eventType: 'Complaint',
          mail: mailObject,
          complaint: {
            feedbackId: feedbackId(100 + i),
            complaintSubType: null,
            complainedRecipients: [{ emailAddress: rcpt }],
            timestamp: ts(2000 + i),
            userAgent: 'Amazon SES Mailbox Simulator',
            complaintFeedbackType: 'abuse',
            arrivalDate: ts(1500 + i),
          },
        },
      });
    }
  });
  return out;
}
