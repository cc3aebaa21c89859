// The live check of a region's SMTP endpoint with an injected resolver: found, missing (NXDOMAIN),
// unknown (timeout, refused), cancelled, and the session cache.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { noEndpointMessage, SmtpEndpointChecker, type ResolveHost } from '../../../../src/engines/smtp/endpointCheck';

function dnsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`query ${code}`), { code });
}

/** A resolver answering from a table; every call is recorded. */
function fakeResolver(answers: Record<string, string[] | string>): { resolve: ResolveHost; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (host) => {
      asked.push(host);
      const a = answers[host];
      if (a === undefined) throw dnsError('ENOTFOUND');
      if (typeof a === 'string') throw dnsError(a);
      return a;
    },
  };
}

describe('SMTP endpoint check', () => {
  test('a region whose host resolves is found; the answer is cached for the session', async () => {
    const fake = fakeResolver({ 'email-smtp.eu-west-1.amazonaws.com': ['192.0.2.1'] });
    const checker = new SmtpEndpointChecker({ resolve: fake.resolve });
    const first = await checker.check('eu-west-1');
    assert.deepEqual(first, {
      kind: 'found',
      region: 'eu-west-1',
      host: 'email-smtp.eu-west-1.amazonaws.com',
      addresses: ['192.0.2.1'],
    });
    await checker.check(' EU-WEST-1 ');
    assert.deepEqual(fake.asked, ['email-smtp.eu-west-1.amazonaws.com']);
    checker.clear();
    await checker.check('eu-west-1');
    assert.equal(fake.asked.length, 2);
  });

  test('NXDOMAIN: "SES has no SMTP endpoint in <region>", naming regions that have one (and the setting\'s)', async () => {
    const fake = fakeResolver({});
    const checker = new SmtpEndpointChecker({ resolve: fake.resolve, extraRegions: () => ['me-central-1'] });
    const result = await checker.check('ap-south-2');
    assert.equal(result.kind, 'missing');
    const message = (result as { message: string }).message;
    assert.match(
      message,
      /^SES has no SMTP endpoint in ap-south-2: email-smtp\.ap-south-2\.amazonaws\.com does not exist/,
    );
    assert.match(message, /no SMTP password was derived or written/);
    assert.match(message, /eu-west-1/);
    assert.match(message, /me-central-1/);
    const offered = /that has an endpoint: ([^.]+)\./.exec(message)?.[1].split(', ') ?? [];
    assert.ok(offered.includes('eu-west-1') && offered.includes('me-central-1'), offered.join());
    assert.ok(!offered.includes('ap-south-2'), 'the refused region is not offered');
    // Cached too: a missing endpoint is not asked again.
    await checker.check('ap-south-2');
    assert.equal(fake.asked.length, 1);
  });

  test('a resolver that does not answer proves nothing: unknown, asked again next time', async () => {
    for (const code of ['ETIMEOUT', 'ECONNREFUSED', 'EREFUSED', 'ESERVFAIL']) {
      const fake = fakeResolver({ 'email-smtp.eu-west-1.amazonaws.com': code });
      const checker = new SmtpEndpointChecker({ resolve: fake.resolve });
      const result = await checker.check('eu-west-1');
      assert.equal(result.kind, 'unknown', code);
      assert.match((result as { reason: string }).reason, new RegExp(code));
      await checker.check('eu-west-1');
      assert.equal(fake.asked.length, 2, `${code} is not cached`);
    }
  });

  test('cancelled: before the lookup, and while it runs', async () => {
    const fake = fakeResolver({ 'email-smtp.eu-west-1.amazonaws.com': ['192.0.2.1'] });
    const checker = new SmtpEndpointChecker({ resolve: fake.resolve });
    const done = new AbortController();
    done.abort();
    assert.equal((await checker.check('eu-west-1', done.signal)).kind, 'cancelled');
    assert.equal(fake.asked.length, 0);

    let release: (() => void) | undefined;
    const slow = new SmtpEndpointChecker({
      resolve: (_host, signal) =>
        new Promise<string[]>((resolve, reject) => {
          release = () => resolve(['192.0.2.1']);
          signal?.addEventListener('abort', () => reject(dnsError('ECANCELLED')));
        }),
    });
    const controller = new AbortController();
    const running = slow.check('eu-west-1', controller.signal);
    controller.abort();
    assert.equal((await running).kind, 'cancelled');
    release?.();
    // The cancelled lookup is not remembered: the next check asks again.
    const again = slow.check('eu-west-1');
    release?.();
    assert.equal((await again).kind, 'found');
  });

  test('concurrent checks of a region share one lookup', async () => {
    const fake = fakeResolver({ 'email-smtp.eu-west-1.amazonaws.com': ['192.0.2.1'] });
    const checker = new SmtpEndpointChecker({ resolve: fake.resolve });
    const [a, b] = await Promise.all([checker.check('eu-west-1'), checker.check('eu-west-1')]);
    assert.equal(a.kind, 'found');
    assert.equal(b.kind, 'found');
    assert.equal(fake.asked.length, 1);
  });

  test('bad input is refused with a clear message', async () => {
    assert.throws(() => new SmtpEndpointChecker(undefined as never), /needs \{resolve\}/);
    const checker = new SmtpEndpointChecker({ resolve: fakeResolver({}).resolve });
    await assert.rejects(checker.check(undefined as unknown as string), /region must be text/);
    await assert.rejects(checker.check(''), /region must be text/);
  });

  test('the message names the table regions and leaves the refused one out', () => {
    const message = noEndpointMessage('eu-west-1');
    assert.match(message, /^SES has no SMTP endpoint in eu-west-1/);
    const offered = /that has an endpoint: ([^.]+)\./.exec(message)?.[1].split(', ') ?? [];
    assert.ok(offered.includes('us-east-1'));
    assert.ok(!offered.includes('eu-west-1'));
  });
});
