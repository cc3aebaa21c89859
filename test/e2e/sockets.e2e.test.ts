// Runs after the other main-phase suites: once the commands are done, the extension host holds no
// connection to the SMTP server, the AWS API peer or the SES API peer (SMTP sessions quit, pools closed, AWS
// clients destroyed). Counted from the host's live handles, by the servers' ports.
import assert from 'node:assert/strict';
import net from 'node:net';
import { waitUntil } from './support';

function openSocketsTo(ports: Set<number>): string[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles
    .filter((h): h is net.Socket => typeof (h as net.Socket)?.remotePort === 'number' && !(h as net.Socket).destroyed)
    .filter((s) => s.remoteAddress === '127.0.0.1' && ports.has(s.remotePort!))
    .map((s) => `${s.localPort} → ${s.remotePort}`);
}

describe('no connection left open in the extension host', () => {
  it('after every suite: no socket to the SMTP server, the AWS API peer or the SES API peer', async () => {
    const env = process.env;
    const ports = new Set([
      Number(env.SES_E2E_SMTP_PORT),
      ...[env.SES_E2E_AWS_URL, env.SES_E2E_SESAPI_URL].map((u) => Number(new URL(u ?? 'http://x:1').port)),
    ]);
    assert.equal(ports.size, 3, 'three fixture servers');
    // The probe sees a connection that is open: one of its own, closed again.
    const probe = net.connect(Number(env.SES_E2E_SMTP_PORT), '127.0.0.1');
    await new Promise((r) => probe.once('connect', r));
    assert.equal(openSocketsTo(ports).length, 1, 'the probe finds an open socket');
    probe.destroy();
    // Sockets close asynchronously after QUIT or destroy(); give them a moment, not an open end.
    const left = await waitUntil(
      () => {
        const open = openSocketsTo(ports);
        return open.length === 0 ? ['none'] : undefined;
      },
      'the connections to close',
      10_000,
    ).catch(() => openSocketsTo(ports));
    assert.deepEqual(left, ['none'], `open sockets: ${left.join(', ')}`);
  });
});
