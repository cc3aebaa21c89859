// How an error from nodemailer's SMTP connection is named: one case per branch of toFailure, with
// the near misses that must land elsewhere.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { timeoutFailure, toFailure, type FailureContext, type SmtpError } from '../../../../src/engines/smtp/failure';
import type { SmtpPhase } from '../../../../src/engines/smtp/phases';

const PASSWORD = 'BP+9x/Qm3Kz7aLw0v/Yt+Rk2sD8eHn1cJu5fGi4oTq6=';
const context: FailureContext = {
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  username: 'AKIAX',
  password: PASSWORD,
};

function error(message: string, fields: Partial<SmtpError> = {}): SmtpError {
  return Object.assign(new Error(message), fields);
}

interface Case {
  name: string;
  err: SmtpError;
  phase?: SmtpPhase;
  ctx?: Partial<FailureContext>;
  code: string;
  failedIn?: SmtpPhase;
  message?: RegExp;
}

const starttlsRefused = (reply: string): SmtpError =>
  error('Error upgrading connection with STARTTLS', { code: 'ETLS', response: reply, command: 'STARTTLS' });

const cases: Case[] = [
  {
    name: 'ENOTFOUND',
    err: error('getaddrinfo ENOTFOUND x', { code: 'EDNS', originalCode: 'ENOTFOUND' }),
    code: 'DNS',
    failedIn: 'connect',
    message: /could not be resolved \(ENOTFOUND\)/,
  },
  {
    name: 'EAI_AGAIN',
    err: error('getaddrinfo EAI_AGAIN x', { originalCode: 'EAI_AGAIN' }),
    phase: 'greeting',
    code: 'DNS',
    failedIn: 'connect',
  },
  {
    name: 'ECONNREFUSED',
    err: error('connect ECONNREFUSED', { code: 'ESOCKET', originalCode: 'ECONNREFUSED' }),
    code: 'REFUSED',
    failedIn: 'connect',
    message: /eu-west-1\.amazonaws\.com:587/,
  },
  {
    name: 'ETIMEDOUT',
    err: error('Timeout', { code: 'ETIMEDOUT' }),
    phase: 'ehlo-tls',
    code: 'TIMEOUT',
    failedIn: 'ehlo-tls',
    message: /EHLO after STARTTLS timed out/,
  },
  {
    name: 'self-signed certificate (before the TLS branch)',
    err: error('Error initiating TLS - self-signed certificate', { code: 'ETLS' }),
    phase: 'starttls',
    code: 'TLS_CERT',
    message: /certificate was not accepted \(self-signed certificate\)/,
  },
  {
    name: 'expired certificate by system code',
    err: error('x', { code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' }),
    phase: 'greeting',
    code: 'TLS_CERT',
  },
  {
    name: 'TLS handshake failure',
    err: error('Error initiating TLS - wrong version number', { code: 'ETLS' }),
    phase: 'starttls',
    code: 'TLS',
    message: /^TLS failed: wrong version number\.$/,
  },
  {
    name: 'OpenSSL error by system code',
    err: error('x', { code: 'ESOCKET', originalCode: 'ERR_SSL_WRONG_VERSION_NUMBER' }),
    phase: 'greeting',
    code: 'TLS',
  },
  // No STARTTLS: the refusal of the command, before the handshake branch.
  {
    name: 'STARTTLS refused with 502, not listed in EHLO',
    err: starttlsRefused('502 5.5.1 Unrecognized command'),
    phase: 'starttls',
    ctx: { starttlsAdvertised: false },
    code: 'TLS_NOT_OFFERED',
    failedIn: 'starttls',
    message:
      /offers no STARTTLS: its EHLO reply does not list it and it refused the STARTTLS command \(502 5\.5\.1 Unrecognized command\)/,
  },
  {
    name: 'STARTTLS refused with 502 though listed',
    err: starttlsRefused('502 5.5.1 Unrecognized command'),
    phase: 'starttls',
    ctx: { starttlsAdvertised: true },
    code: 'TLS_NOT_OFFERED',
    message: /^The server offers no STARTTLS: it refused/,
  },
  {
    name: 'STARTTLS answered 454, not listed',
    err: starttlsRefused('454 4.7.0 TLS not available'),
    phase: 'starttls',
    ctx: { starttlsAdvertised: false },
    code: 'TLS_NOT_OFFERED',
  },
  {
    name: 'near miss: STARTTLS answered 454 though listed is temporary',
    err: starttlsRefused('454 4.7.0 TLS not available'),
    phase: 'starttls',
    ctx: { starttlsAdvertised: true },
    code: 'TEMPORARY',
    message: /Temporary failure: 454/,
  },
  {
    name: 'near miss: STARTTLS answered 454, EHLO unknown, is temporary',
    err: starttlsRefused('454 4.7.0 TLS not available'),
    phase: 'starttls',
    code: 'TEMPORARY',
  },
  {
    name: 'near miss: a handshake failure after 220 is TLS, even unlisted',
    err: error('Error initiating TLS - wrong version number', { code: 'ETLS', command: 'STARTTLS' }),
    phase: 'starttls',
    ctx: { starttlsAdvertised: false },
    code: 'TLS',
  },
  {
    name: 'near miss: a 530 STARTTLS-first reply to AUTH is AUTH_REQUIRED',
    err: error('Invalid login: 530 Must issue a STARTTLS command first', {
      code: 'EAUTH',
      response: '530 Must issue a STARTTLS command first',
      command: 'AUTH PLAIN',
    }),
    phase: 'auth',
    code: 'AUTH_REQUIRED',
  },
  {
    name: 'nodemailer words the absence itself',
    err: error('EHLO failed but HELO does not support required STARTTLS', { code: 'ECONNECTION' }),
    phase: 'ehlo',
    code: 'TLS_NOT_OFFERED',
  },
  {
    name: '535',
    err: error('Invalid login: 535 Authentication Credentials Invalid', {
      code: 'EAUTH',
      response: '535 Authentication Credentials Invalid',
      responseCode: 535,
    }),
    phase: 'ehlo-tls',
    code: 'AUTH_FAILED',
    failedIn: 'auth',
    message: /^Login refused: 535/,
  },
  {
    name: '454 during DATA',
    err: error('x', { code: 'EMESSAGE', response: '454 Throttling failure: Maximum sending rate exceeded.' }),
    phase: 'data',
    code: 'TEMPORARY',
  },
  {
    name: '554',
    err: error('x', { code: 'EMESSAGE', response: '554 Message rejected', responseCode: 554 }),
    phase: 'data',
    code: 'REJECTED',
    message: /^Rejected: 554 Message rejected$/,
  },
  {
    name: 'closed connection',
    err: error('Connection closed unexpectedly', { code: 'ECONNECTION' }),
    phase: 'data',
    code: 'CLOSED',
    message: /during sending the message/,
  },
  {
    name: 'reset',
    err: error('read ECONNRESET', { code: 'ESOCKET', originalCode: 'ECONNRESET' }),
    phase: 'auth',
    code: 'CLOSED',
  },
  {
    name: 'unexpected reply',
    err: error('Invalid greeting', { code: 'EPROTOCOL', response: '500 what' }),
    phase: 'greeting',
    code: 'REJECTED',
  },
  {
    name: 'protocol error without a reply',
    err: error('Invalid greeting.', { code: 'EPROTOCOL' }),
    phase: 'greeting',
    code: 'PROTOCOL',
    message: /^Unexpected reply from the server: Invalid greeting$/,
  },
  { name: 'anything else', err: error('something odd.'), phase: 'mail', code: 'PROTOCOL', message: /^something odd$/ },
];

describe('toFailure names each failure', () => {
  for (const c of cases) {
    test(c.name, () => {
      const failure = toFailure(c.err, c.phase ?? 'connect', { ...context, ...c.ctx });
      assert.equal(failure.code, c.code, failure.message);
      if (c.failedIn) assert.equal(failure.phase, c.failedIn);
      if (c.message) assert.match(failure.message, c.message);
    });
  }

  test('the password is masked in the message and the reply', () => {
    const base64 = Buffer.from(PASSWORD).toString('base64');
    const failure = toFailure(error(`weird ${PASSWORD}`, { response: `500 echo ${base64}` }), 'auth', context);
    assert.ok(!JSON.stringify(failure).includes(PASSWORD));
    assert.ok(!JSON.stringify(failure).includes(base64));
    assert.equal(failure.reply, '500 echo ********');
  });

  test('timeoutFailure words the phase and the limit', () => {
    assert.deepEqual(timeoutFailure('greeting', 2500), {
      phase: 'greeting',
      code: 'TIMEOUT',
      message:
        'Waiting for the server greeting took longer than 2.5 s: the connection opened but the server never said ' +
        'hello. On port 465/2465 the server expects TLS first; on 587/2587 plain SMTP.',
    });
  });
});
