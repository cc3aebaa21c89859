// The functions features offer one another. One FeatureCalls is created in extension.ts and passed
// to the features; the feature that owns a command fills in its function when it registers it (the
// very function the command runs: its argument checked, its errors reported). A caller gets types
// and a link it can follow, instead of an executeCommand string.
import type { CredentialSet } from '../base/credentialSets';

export type Call<A, R> = (args?: A) => Promise<R | undefined>;

function notRegistered(name: string): Call<unknown, never> {
  return () => Promise.reject(new Error(`${name} is called before its feature registered it.`));
}

/** A message's delivery timeline, as the delivery feature builds it (features/delivery/logic/timeline.ts). */
export interface DeliveryTimelineView {
  messageId: string;
  message: string[];
  recipients: Array<{ recipient: string; outcome: string; lines: string[] }>;
  settled: boolean;
}

export interface FollowDeliveryRequest {
  region: string;
  messageId: string;
  /** The sender's address, kept with the events (the Doctor's last bounce or complaint for it). */
  from?: string;
  recipients: string[];
  signal?: AbortSignal;
  onUpdate?: (timeline: DeliveryTimelineView) => void;
}

export interface FollowDeliveryReport {
  timeline: DeliveryTimelineView;
  stopped: 'settled' | 'time is up' | 'cancelled';
}

export interface FollowDeliveriesRequest {
  region: string;
  /** The messages of a burst, all sent to `recipients`. */
  messageIds: string[];
  from?: string;
  recipients: string[];
  signal?: AbortSignal;
  /** How many recipients of the messages reached each outcome so far. */
  onUpdate?: (counts: DeliveryCounts) => void;
}

/** Recipients (of all the messages) per outcome: delivered, bounced, complained, delayed, rejected, accepted, no event yet. */
export type DeliveryCounts = Record<
  'accepted' | 'delivered' | 'bounced' | 'complained' | 'delayed' | 'rejected' | 'no event yet',
  number
>;

export interface FollowDeliveriesReport {
  counts: DeliveryCounts;
  stopped: FollowDeliveryReport['stopped'];
}

/** The login an SMTP block of a .env file describes, as the framework reads it (for Push SMTP Settings To…). */
export interface EnvBlockLogin {
  file: string;
  /** The id of the .env convention the block is written in (its key names). */
  convention: string;
  /** The block's From address, when it has one. */
  from?: string;
  host?: string;
  region?: string;
  port: number;
  tls: 'starttls' | 'implicit';
  username: string;
  password: string;
}

export class FeatureCalls {
  /** Add SMTP Credentials (prompts for what the argument object lacks). */
  addCredentials: Call<object, CredentialSet> = notRegistered('addCredentials');
  /** Check Login of a saved credential set. */
  checkCredentialSet: Call<{ credentialSet: string }, unknown> = notRegistered('checkCredentialSet');
  /** The login of a .env file's SMTP block (the file picked or the active editor's when not given). */
  envBlockLogin: (args: { uri?: string; file?: string; block?: number }) => Promise<EnvBlockLogin> = () =>
    Promise.reject(new Error('envBlockLogin is called before its feature registered it.'));
  /** Check SMTP Login with the given fields. */
  checkLogin: Call<object, unknown> = notRegistered('checkLogin');
  /** Opens the Send Test Email form, or sends with the given fields. */
  sendTestEmail: Call<{ credentialSet?: string }, unknown> = notRegistered('sendTestEmail');
  /** Trust TLS Certificate of SMTP Relay: shows the server's certificate and pins it for the set. */
  trustCertificate: Call<{ credentialSet: string }, CredentialSet> = notRegistered('trustCertificate');
  /** Generate SMTP Password from IAM Secret Key (asks for what the argument object lacks). */
  generatePassword: Call<{ accessKeyId?: string; region?: string }, unknown> = notRegistered('generatePassword');
  /** Run SMTP Doctor (prompts for what the argument object lacks). */
  runDoctor: Call<{ credentialSet?: string }, unknown> = notRegistered('runDoctor');
  /** Filter Identities of the SES Explorer: shows the region's identities whose name contains `filter`. */
  filterIdentities: Call<{ region: string; filter: string }, unknown> = notRegistered('filterIdentities');
  /** Where Is This SES Email?: a message's delivery timeline (asks for what the argument lacks). */
  whereIsMessage: Call<{ messageId?: string; region?: string }, unknown> = notRegistered('whereIsMessage');
  /**
   * For the Doctor: whether delivery tracking is set up in the region and the last bounce or
   * complaint kept for mail from `from` there (in words).
   */
  trackingSummary: (region: string, from?: string) => Promise<{ configurationSet?: string; lastIssue?: string }> =
    async () => ({});
  /** The tracking configuration set of the region, when delivery tracking is set up there. */
  trackingConfigurationSet: (region: string) => string | undefined = () => undefined;
  /**
   * Follows a sent message on the region's tracking queue (long polls, bounded, cancellable) and
   * keeps its events; undefined when tracking is not set up there. Rejects with a readable error.
   */
  followDelivery: (request: FollowDeliveryRequest) => Promise<FollowDeliveryReport | undefined> = () =>
    Promise.resolve(undefined);
  /** The same for the messages of a burst, counted per outcome; undefined when tracking is not set up. */
  followDeliveries: (request: FollowDeliveriesRequest) => Promise<FollowDeliveriesReport | undefined> = () =>
    Promise.resolve(undefined);
}
