// SNS and SQS of the AWS API peer (test/support/awsPeer.ts), per region, as the SDK's current
// clients speak them:
//   SNS: the Query protocol (form body, Action=…, XML answers and SNS's ErrorResponse): CreateTopic,
//        DeleteTopic, GetTopicAttributes, SetTopicAttributes, Subscribe, Unsubscribe,
//        ListSubscriptionsByTopic, Publish.
//   SQS: AWS JSON 1.0 (X-Amz-Target: AmazonSQS.<Op>, errors as {__type, message} with the
//        x-amzn-query-error header the awsQueryCompatible client reads): CreateQueue, DeleteQueue,
//        GetQueueUrl, GetQueueAttributes, SetQueueAttributes, SendMessage, ReceiveMessage (long
//        polling: WaitTimeSeconds 0–20 waits until a message arrives or the time is up),
//        DeleteMessage.
// A publish to a topic fans out to its SQS subscriptions as SNS does: the notification envelope
// (Type, MessageId, TopicArn, Subject, Message, Timestamp, SignatureVersion, Signature,
// SigningCertURL, UnsubscribeURL) as the message body, only when the queue's policy allows
// sns.amazonaws.com to sqs:SendMessage for that topic (aws:SourceArn); otherwise SNS's delivery
// fails quietly, as it does in AWS. publishAsSes is SES's event publishing: the topic's policy, when
// it has one, must allow ses.amazonaws.com to sns:Publish.
import { createHash, randomUUID } from 'node:crypto';
import { esc, type QueryAnswer } from './awsPeerIam';

const SNS_NS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;

interface Topic {
  arn: string;
  attributes: Record<string, string>;
}
interface Subscription {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
}
interface QueueMessage {
  id: string;
  body: string;
  receipt?: string;
  invisibleUntil: number;
}
interface Queue {
  name: string;
  arn: string;
  attributes: Record<string, string>;
  messages: QueueMessage[];
  waiters: Set<() => void>;
}
interface RegionState {
  topics: Map<string, Topic>;
  subscriptions: Map<string, Subscription>;
  queues: Map<string, Queue>;
}

export interface SqsAnswer {
  status: number;
  body: unknown;
  /** x-amzn-query-error, for errors. */
  queryError?: string;
}

/** What the tests compare before and after: names and ARNs, per region. */
export interface SnsSqsSnapshot {
  topics: string[];
  subscriptions: string[];
  queues: string[];
}

function snsOk(action: string, inner = ''): QueryAnswer {
  return {
    status: 200,
    xml:
      `<${action}Response xmlns="${SNS_NS}">${inner ? `<${action}Result>${inner}</${action}Result>` : ''}` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export function snsError(status: number, code: string, message: string): QueryAnswer {
  return {
    status,
    xml:
      `<ErrorResponse xmlns="${SNS_NS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${esc(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

export function sqsError(code: string, queryCode: string, message: string, status = 400): SqsAnswer {
  return { status, body: { __type: `com.amazonaws.sqs#${code}`, message }, queryError: `${queryCode};Sender` };
}

const NO_QUEUE = (): SqsAnswer =>
  sqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');

interface Statement {
  Effect?: string;
  Principal?: { Service?: string | string[] } | string;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Whether a resource policy allows the service principal the action, given the request's source ARN. */
export function policyAllows(policy: string | undefined, service: string, action: string, sourceArn: string): boolean {
  if (!policy) return false;
  let statements: Statement[];
  try {
    const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
    statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  } catch {
    return false;
  }
  return statements.some((s) => {
    if (s.Effect !== 'Allow') return false;
    const principal = typeof s.Principal === 'object' ? asList(s.Principal.Service) : [];
    if (!principal.includes(service)) return false;
    const [prefix] = action.split(':');
    if (!asList(s.Action).some((a) => a === action || a === `${prefix}:*` || a === '*')) return false;
    for (const [op, conds] of Object.entries(s.Condition ?? {})) {
      for (const [key, value] of Object.entries(conds)) {
        if (key.toLowerCase() !== 'aws:sourcearn') continue;
        const allowed = asList(value);
        const match =
          op === 'ArnEquals' || op === 'StringEquals'
            ? allowed.includes(sourceArn)
            : op === 'ArnLike' || op === 'StringLike'
              ? allowed.some((p) => new RegExp(`^${p.split('*').map(escapeRe).join('.*')}$`).test(sourceArn))
              : false;
        if (!match) return false;
      }
    }
    return true;
  });
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class SnsSqsState {
  private readonly regions = new Map<string, RegionState>();
  /** Injected faults: "sns:Subscribe" → the error the next such call gets (removed once used). */
  readonly faults = new Map<string, { status: number; code: string; message: string }>();

  constructor(private readonly account: string) {}

  private region(name: string): RegionState {
    let r = this.regions.get(name);
    if (!r) this.regions.set(name, (r = { topics: new Map(), subscriptions: new Map(), queues: new Map() }));
    return r;
  }

  snapshot(region: string): SnsSqsSnapshot {
    const r = this.region(region);
    return {
      topics: [...r.topics.keys()].sort(),
      subscriptions: [...r.subscriptions.values()].map((s) => `${s.topicArn} → ${s.endpoint}`).sort(),
      queues: [...r.queues.keys()].sort(),
    };
  }

  /** The messages waiting in a queue (bodies), for tests. */
  queueBodies(region: string, name: string): string[] {
    return (this.region(region).queues.get(name)?.messages ?? []).map((m) => m.body);
  }

  private fault(key: string): { status: number; code: string; message: string } | undefined {
    const f = this.faults.get(key);
    if (f) this.faults.delete(key);
    return f;
  }

  sns(action: string, params: URLSearchParams, regionName: string): QueryAnswer {
    const f = this.fault(`sns:${action}`);
    if (f) return snsError(f.status, f.code, f.message);
    const r = this.region(regionName);
    const topicOf = (): Topic | undefined => r.topics.get(params.get('TopicArn') ?? '');
    switch (action) {
      case 'CreateTopic': {
        const name = params.get('Name') ?? '';
        if (!TOPIC_NAME.test(name))
          return snsError(
            400,
            'InvalidParameter',
            'Invalid parameter: Topic Name must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
          );
        const arn = `arn:aws:sns:${regionName}:${this.account}:${name}`;
        if (!r.topics.has(arn)) r.topics.set(arn, { arn, attributes: {} });
        return snsOk('CreateTopic', `<TopicArn>${esc(arn)}</TopicArn>`);
      }
      case 'DeleteTopic': {
        const arn = params.get('TopicArn') ?? '';
        // SNS answers success for a topic that does not exist.
        r.topics.delete(arn);
        for (const [k, s] of r.subscriptions) if (s.topicArn === arn) r.subscriptions.delete(k);
        return snsOk('DeleteTopic');
      }
      case 'GetTopicAttributes': {
        const t = topicOf();
        if (!t) return snsError(404, 'NotFound', 'Topic does not exist');
        const attrs: Record<string, string> = {
          TopicArn: t.arn,
          Owner: this.account,
          SubscriptionsConfirmed: String([...r.subscriptions.values()].filter((s) => s.topicArn === t.arn).length),
          ...t.attributes,
        };
        const entries = Object.entries(attrs)
          .map(([k, v]) => `<entry><key>${esc(k)}</key><value>${esc(v)}</value></entry>`)
          .join('');
        return snsOk('GetTopicAttributes', `<Attributes>${entries}</Attributes>`);
      }
      case 'SetTopicAttributes': {
        const t = topicOf();
        if (!t) return snsError(404, 'NotFound', 'Topic does not exist');
        const name = params.get('AttributeName') ?? '';
        if (!['Policy', 'DisplayName', 'DeliveryPolicy', 'KmsMasterKeyId'].includes(name))
          return snsError(400, 'InvalidParameter', 'Invalid parameter: AttributeName');
        const value = params.get('AttributeValue') ?? '';
        if (name === 'Policy') {
          try {
            JSON.parse(value);
          } catch {
            return snsError(400, 'InvalidParameter', 'Invalid parameter: Policy Error: null');
          }
        }
        t.attributes[name] = value;
        return snsOk('SetTopicAttributes');
      }
      case 'Subscribe': {
        const t = topicOf();
        if (!t) return snsError(404, 'NotFound', 'Topic does not exist');
        const protocol = params.get('Protocol') ?? '';
        const endpoint = params.get('Endpoint') ?? '';
        if (protocol !== 'sqs')
          return snsError(400, 'InvalidParameter', 'Invalid parameter: this peer serves sqs only');
        if (!/^arn:aws:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/.test(endpoint))
          return snsError(400, 'InvalidParameter', 'Invalid parameter: SQS endpoint ARN');
        const existing = [...r.subscriptions.values()].find((s) => s.topicArn === t.arn && s.endpoint === endpoint);
        const arn = existing?.arn ?? `${t.arn}:${randomUUID()}`;
        if (!existing) r.subscriptions.set(arn, { arn, topicArn: t.arn, protocol, endpoint });
        return snsOk('Subscribe', `<SubscriptionArn>${esc(arn)}</SubscriptionArn>`);
      }
      case 'Unsubscribe': {
        const arn = params.get('SubscriptionArn') ?? '';
        if (!r.subscriptions.delete(arn)) return snsError(404, 'NotFound', 'Subscription does not exist');
        return snsOk('Unsubscribe');
      }
      case 'ListSubscriptionsByTopic': {
        const t = topicOf();
        if (!t) return snsError(404, 'NotFound', 'Topic does not exist');
        const members = [...r.subscriptions.values()]
          .filter((s) => s.topicArn === t.arn)
          .map(
            (s) =>
              `<member><SubscriptionArn>${esc(s.arn)}</SubscriptionArn><TopicArn>${esc(s.topicArn)}</TopicArn>` +
              `<Protocol>${s.protocol}</Protocol><Endpoint>${esc(s.endpoint)}</Endpoint><Owner>${this.account}</Owner></member>`,
          )
          .join('');
        return snsOk('ListSubscriptionsByTopic', `<Subscriptions>${members}</Subscriptions>`);
      }
      case 'Publish': {
        const t = topicOf();
        if (!t) return snsError(404, 'NotFound', 'Topic does not exist');
        const message = params.get('Message');
        if (!message) return snsError(400, 'InvalidParameter', 'Invalid parameter: Empty message');
        const id = this.fanOut(r, t, message, params.get('Subject') ?? undefined);
        return snsOk('Publish', `<MessageId>${id}</MessageId>`);
      }
      default:
        return snsError(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
    }
  }

  /**
   * SES's event publishing to a topic: delivered when the topic exists and its policy (when set)
   * allows ses.amazonaws.com; false otherwise (SES drops the event, as it does in AWS).
   */
  publishAsSes(regionName: string, topicArn: string, message: string, sourceArn: string): boolean {
    const r = this.region(regionName);
    const t = r.topics.get(topicArn);
    if (!t) return false;
    if (
      t.attributes.Policy !== undefined &&
      !policyAllows(t.attributes.Policy, 'ses.amazonaws.com', 'sns:Publish', sourceArn)
    )
      return false;
    this.fanOut(r, t, message);
    return true;
  }

  private fanOut(r: RegionState, t: Topic, message: string, subject?: string): string {
    const id = randomUUID();
    const region = t.arn.split(':')[3];
    for (const s of r.subscriptions.values()) {
      if (s.topicArn !== t.arn) continue;
      const queue = [...r.queues.values()].find((q) => q.arn === s.endpoint);
      if (!queue) continue;
      if (!policyAllows(queue.attributes.Policy, 'sns.amazonaws.com', 'sqs:SendMessage', t.arn)) continue;
      const envelope = {
        Type: 'Notification',
        MessageId: id,
        TopicArn: t.arn,
        ...(subject ? { Subject: subject } : {}),
        Message: message,
        Timestamp: new Date().toISOString(),
        SignatureVersion: '1',
        Signature: Buffer.from(createHash('sha256').update(message).digest()).toString('base64'),
        SigningCertURL: `https://sns.${region}.amazonaws.com/SimpleNotificationService-peer.pem`,
        UnsubscribeURL: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${s.arn}`,
      };
      this.enqueue(queue, JSON.stringify(envelope));
    }
    return id;
  }

  private enqueue(queue: Queue, body: string): string {
    const id = randomUUID();
    queue.messages.push({ id, body, invisibleUntil: 0 });
    for (const wake of [...queue.waiters]) wake();
    return id;
  }

  private queueOf(r: RegionState, url: unknown): Queue | undefined {
    const name = typeof url === 'string' ? (url.split('/').pop() ?? '') : '';
    const q = r.queues.get(name);
    return q && typeof url === 'string' && url.includes(`/${this.account}/`) ? q : undefined;
  }

  async sqs(action: string, regionName: string, body: Record<string, unknown>, host: string): Promise<SqsAnswer> {
    const f = this.fault(`sqs:${action}`);
    if (f) return sqsError(f.code, f.code, f.message, f.status);
    const r = this.region(regionName);
    const urlOf = (q: Queue): string => `http://${host}/${this.account}/${q.name}`;
    switch (action) {
      case 'CreateQueue': {
        const name = typeof body.QueueName === 'string' ? body.QueueName : '';
        if (!QUEUE_NAME.test(name))
          return sqsError(
            'InvalidParameterValue',
            'InvalidParameterValue',
            'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
          );
        const attributes = (body.Attributes ?? {}) as Record<string, string>;
        const existing = r.queues.get(name);
        if (existing) {
          if (JSON.stringify(existing.attributes) !== JSON.stringify(attributes) && Object.keys(attributes).length)
            return sqsError(
              'QueueNameExists',
              'QueueAlreadyExists',
              'A queue already exists with the same name and a different value for attribute(s)',
            );
          return { status: 200, body: { QueueUrl: urlOf(existing) } };
        }
        const q: Queue = {
          name,
          arn: `arn:aws:sqs:${regionName}:${this.account}:${name}`,
          attributes: { ...attributes },
          messages: [],
          waiters: new Set(),
        };
        r.queues.set(name, q);
        return { status: 200, body: { QueueUrl: urlOf(q) } };
      }
      case 'GetQueueUrl': {
        const q = r.queues.get(String(body.QueueName ?? ''));
        return q ? { status: 200, body: { QueueUrl: urlOf(q) } } : NO_QUEUE();
      }
      case 'DeleteQueue': {
        const q = this.queueOf(r, body.QueueUrl);
        if (!q) return NO_QUEUE();
        r.queues.delete(q.name);
        for (const wake of [...q.waiters]) wake();
        return { status: 200, body: {} };
      }
      case 'GetQueueAttributes': {
        const q = this.queueOf(r, body.QueueUrl);
        if (!q) return NO_QUEUE();
        const names = asList(body.AttributeNames);
        const all: Record<string, string> = {
          QueueArn: q.arn,
          ApproximateNumberOfMessages: String(q.messages.length),
          ...q.attributes,
        };
        const picked = names.includes('All')
          ? all
          : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k)));
        return { status: 200, body: { Attributes: picked } };
      }
      case 'SetQueueAttributes': {
        const q = this.queueOf(r, body.QueueUrl);
        if (!q) return NO_QUEUE();
        const attributes = (body.Attributes ?? {}) as Record<string, string>;
        if (attributes.Policy !== undefined) {
          try {
            JSON.parse(attributes.Policy);
          } catch {
            return sqsError(
              'InvalidAttributeValue',
              'InvalidAttributeValue',
              'Invalid value for the parameter Policy.',
            );
          }
        }
        Object.assign(q.attributes, attributes);
        return { status: 200, body: {} };
      }
      case 'SendMessage': {
        const q = this.queueOf(r, body.QueueUrl);
        if (!q) return NO_QUEUE();
        const id = this.enqueue(q, String(body.MessageBody ?? ''));
        return {
          status: 200,
          body: {
            MessageId: id,
            MD5OfMessageBody: createHash('md5')
              .update(String(body.MessageBody ?? ''))
              .digest('hex'),
          },
        };
      }
      case 'ReceiveMessage': {
        const q = this.queueOf(r, body.QueueUrl);
        if (!q) return NO_QUEUE();
        const wait = body.WaitTimeSeconds === undefined ? 0 : Number(body.WaitTimeSeconds);
        const max = body.MaxNumberOfMessages === undefined ? 1 : Number(body.MaxNumberOfMessages);
        if (!Number.isInteger(wait) || wait < 0 || wait > 20)
          return sqsError(
            'InvalidParameterValue',
            'InvalidParameterValue',
            `Value ${String(body.WaitTimeSeconds)} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`,
          );
        if (!Number.isInteger(max) || max < 1 || max > 10)
          return sqsError(
            'InvalidParameterValue',
            'InvalidParameterValue',
            `Value ${String(body.MaxNumberOfMessages)} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
          );
        const visibility = body.VisibilityTimeout === undefined ? 30 : Number(body.VisibilityTimeout);
        const take = (): QueueMessage[] => {
          const now = Date.now();
          const ready = q.messages.filter((m) => m.invisibleUntil <= now).slice(0, max);
          for (const m of ready) {
            m.receipt = randomUUID();
            m.invisibleUntil = now + visibility * 1000;
          }
          return ready;
        };
        let got = take();
        if (!got.length && wait > 0) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              clearTimeout(timer);
              q.waiters.delete(done);
              resolve();
            };
            const timer = setTimeout(done, wait * 1000);
            q.waiters.add(done);
          });
          got = take();
        }
        return {
          status: 200,
          body: got.length
            ? {
                Messages: got.map((m) => ({
                  MessageId: m.id,
                  ReceiptHandle: m.receipt,
                  MD5OfBody: createHash('md5').update(m.body).digest('hex'),
                  Body: m.body,
                })),
              }
            : {},
        };
      }
      case 'DeleteMessage': {
        const q = this.queueOf(r, body.QueueUrl);
        if (!q) return NO_QUEUE();
        const i = q.messages.findIndex((m) => m.receipt !== undefined && m.receipt === body.ReceiptHandle);
        if (i === -1)
          return sqsError('ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', 'The input receipt handle is invalid.');
        q.messages.splice(i, 1);
        return { status: 200, body: {} };
      }
      default:
        return sqsError(
          'UnsupportedOperation',
          'AWS.SimpleQueueService.UnsupportedOperation',
          `${action} is not served by this peer.`,
        );
    }
  }

  /** Wakes every long poll (the peer is stopping). */
  wakeAll(): void {
    for (const r of this.regions.values()) for (const q of r.queues.values()) for (const wake of [...q.waiters]) wake();
  }
}
