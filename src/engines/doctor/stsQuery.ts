// STS calls the bundled SDK has no client for (@aws-sdk/client-sts is not a dependency, and the
// SDK's nested STS client only knows AssumeRole*): a Query-protocol POST signed with the SDK's own
// SignatureV4, sent with node:http(s). Used only from the AWS bundle (src/engines/bundles/aws.ts).
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { expectObject } from '../../base/guards';

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): Buffer =>
  typeof d === 'string'
    ? Buffer.from(d, 'utf8')
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

/** SHA-256 (and HMAC-SHA-256 with a key) in the shape SignatureV4 wants, over node:crypto. */
export class Sha256 {
  private hash!: Hash | Hmac;
  constructor(private readonly secret?: Data) {
    this.reset();
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.secret ? createHmac('sha256', bytes(this.secret)) : createHash('sha256');
  }
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export class StsError extends Error {
  constructor(
    readonly name: string,
    message: string,
    readonly $metadata: { httpStatusCode: number },
  ) {
    super(message);
  }
}

/**
 * One POST signed with the SDK's SignatureV4 and sent with node:http(s), with a 10 s timeout and the
 * caller's signal: the STS Query calls here and Mail Manager's JSON calls (mailManagerApi.ts).
 */
export async function signedPost(opts: {
  url: URL;
  region: string;
  service: string;
  credentials: () => Promise<Credentials>;
  headers: Record<string, string>;
  body: string;
  /** Who did not answer, for the timeout's message: "STS". */
  what: string;
  signal?: AbortSignal;
}): Promise<{ status: number; text: string }> {
  expectObject(opts, 'signedPost', 'opts');
  const { url, body } = opts;
  const signer = new SignatureV4({
    credentials: opts.credentials,
    region: opts.region,
    service: opts.service,
    sha256: Sha256 as never,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname || '/',
    query: {},
    headers: { host: url.host, ...opts.headers },
    body,
  });
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = transport.request(
      url,
      { method: 'POST', headers: signed.headers, signal: opts.signal, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`${opts.what} did not answer in time`), { name: 'TimeoutError' })),
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function stsQuery(opts: {
  region: string;
  endpoint?: string;
  credentials: () => Promise<Credentials>;
  action: string;
  params?: Record<string, string>;
  signal?: AbortSignal;
}): Promise<string> {
  expectObject(opts, 'stsQuery', 'opts');
  const { status, text } = await signedPost({
    url: new URL(opts.endpoint || `https://sts.${opts.region}.amazonaws.com`),
    region: opts.region,
    service: 'sts',
    credentials: opts.credentials,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Action: opts.action, Version: '2011-06-15', ...opts.params }).toString(),
    what: 'STS',
    signal: opts.signal,
  });
  if (status >= 300) {
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? `HTTP${status}`;
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200);
    throw new StsError(code, message, { httpStatusCode: status });
  }
  return text;
}

export function xmlValue(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}
