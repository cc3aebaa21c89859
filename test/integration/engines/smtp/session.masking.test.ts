// The SMTP transcript masks every form of the password a peer could echo back (a real SMTP session
// against a scripted peer on 127.0.0.1): each planted form on its own greeting line and in the
// failing reply, form by form. The other outputs are in test/unit/project/masking.test.ts.
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { checkSmtpLogin } from '../../../../src/engines/smtp/session';
import { startScriptedServer, write, type ScriptedServer } from '../../../support/faultyServers';
import { leaks, plantedForms } from '../../../support/plantedForms';

const USER = 'AKIAIOSFODNN7EXAMPLE';
const SECRETS = {
  'a v4-shaped password': 'BP+9x/Qm3Kz7aLw0v/Yt+Rk2sD8eHn1cJu5fGi4oTq6=',
  'a password with quotes and symbols': `it's "pa$$" \\w(o)r*d! é+/=`,
};

for (const [secretName, secret] of Object.entries(SECRETS)) {
  describe(`the SMTP transcript masks ${secretName}`, () => {
    const forms = plantedForms(secret, USER);
    let server: ScriptedServer;
    let transcript = '';
    let failure = '';
    before(async () => {
      server = await startScriptedServer(async (socket, lines) => {
        const it = lines[Symbol.asyncIterator]();
        write(socket, [...forms.map((f, i) => `220-[${i}] ${f.text}`), '220 ready'].join('\r\n'));
        await it.next();
        write(socket, [...forms.map((f, i) => `554-[${i}] ${f.text}`), '554 refused'].join('\r\n'));
        await it.next();
        write(socket, [...forms.map((f, i) => `554-[${i}] ${f.text}`), '554 refused'].join('\r\n'));
        socket.end();
      });
      const result = await checkSmtpLogin({
        host: '127.0.0.1',
        port: server.port,
        tls: 'starttls',
        username: USER,
        password: secret,
        phaseTimeoutMs: 5000,
      });
      assert.equal(result.ok, false);
      transcript = result.transcript.map((l) => l.text).join('\n');
      failure = `${result.failure?.message}\n${result.failure?.reply ?? ''}`;
    });
    after(() => server.stop());

    test('the peer really sent every form (the check can fail)', () => {
      const sent = forms.map((f, i) => `[${i}] ${f.text}`).join('\n');
      assert.ok(leaks(sent, secret));
      assert.ok(transcript.includes(`[${forms.length - 1}]`), transcript);
    });

    forms.forEach((form, i) => {
      test(form.name, () => {
        const line = new RegExp(`\\[${i}\\] ([^\\n]*)`).exec(transcript)?.[1];
        assert.ok(line !== undefined, `line [${i}] is in the transcript`);
        assert.ok(!leaks(line, secret), `leaked in the transcript: ${line}`);
        const inFailure = new RegExp(`\\[${i}\\] ([^\\n]*)`).exec(failure)?.[1];
        if (inFailure !== undefined) assert.ok(!leaks(inFailure, secret), `leaked in the failure: ${inFailure}`);
      });
    });
  });
}
