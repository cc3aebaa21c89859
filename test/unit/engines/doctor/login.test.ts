// The doctor's login check (src/engines/doctor/login.ts): each verdict branch, over a fake SMTP result.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkLogin } from '../../../../src/engines/doctor/login';
import type { DoctorInput } from '../../../../src/engines/doctor/types';
import type { SmtpCheckResult } from '../../../../src/engines/smtp/types';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const input: DoctorInput = {
  username: KEY,
  password: 'BLtADuBsekVOPzU8qxsZ9RUJq9VOImHlGTS3HByTctp5',
  region: 'eu-west-1',
  host: 'email-smtp.eu-west-1.amazonaws.com',
  port: 587,
  tls: 'starttls',
  from: 'app@example.com',
  aws: true,
};
const signal = new AbortController().signal;
const smtp = (over: Partial<SmtpCheckResult>): SmtpCheckResult => ({
  ok: true,
  host: input.host,
  port: 587,
  tls: 'starttls',
  phaseReached: 'quit',
  phases: [],
  totalMs: 5,
  transcript: [],
  ...over,
});

describe('login', () => {
  test('accepted: a pass', async () => {
    assert.equal((await checkLogin(input, { login: async () => smtp({}) }, signal))[0].verdict, 'pass');
  });
  test('an IAM user name as username: certain, named, weighted over everything else', async () => {
    const failed = smtp({
      ok: false,
      phaseReached: 'auth',
      failure: {
        phase: 'auth',
        code: 'AUTH_FAILED',
        message: 'Login refused',
        reply: '535 Authentication Credentials Invalid',
        responseCode: 535,
      },
    });
    const [x] = await checkLogin({ ...input, username: 'nabavkidata-smtp' }, { login: async () => failed }, signal);
    assert.equal(x.cause, 'username-not-access-key');
    assert.equal(x.weight, 97);
    assert.match(x.title, /\(535 Authentication Credentials Invalid\): The username is an IAM user name/);
  });
});
