// The AWS endpoint setting (core/aws/endpoint.ts): from the user's settings only, https, or plain
// http to loopback for a local emulator; every other value refused with the reason.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  awsDestination,
  checkAwsEndpoint,
  isLoopbackHost,
  userAwsEndpoint,
} from '../../../../src/engines/aws/endpoint';

const refused = (value: unknown, why: RegExp): void => {
  const r = checkAwsEndpoint(value);
  assert.equal(r.ok, false, `${String(value)} must be refused`);
  if (!r.ok) {
    assert.match(r.reason, why);
    assert.match(r.reason, /sesSmtpToolkit\.aws\.endpoint in your user settings/, 'the fix is named');
  }
};

describe('checkAwsEndpoint', () => {
  test('empty (or only spaces, or unset) is AWS itself', () => {
    for (const v of [undefined, null, '', '   ']) assert.deepEqual(checkAwsEndpoint(v), { ok: true, url: undefined });
  });
  test('https to any host is accepted', () => {
    for (const v of [
      'https://localstack.internal:4566',
      'https://secretsmanager.eu-west-1.amazonaws.com',
      'https://10.0.0.5',
    ])
      assert.deepEqual(checkAwsEndpoint(v), { ok: true, url: v });
  });
  test('http to loopback is accepted: 127.0.0.0/8, ::1, localhost', () => {
    for (const v of [
      'http://127.0.0.1:5000',
      'http://127.8.9.10:4566/',
      'http://[::1]:5000',
      'http://localhost:4566',
      'http://LOCALHOST.:4566',
    ])
      assert.equal(checkAwsEndpoint(v).ok, true, v);
  });
  test('http to any other machine is refused, near misses included', () => {
    for (const v of [
      'http://10.0.0.5:4566',
      'http://128.0.0.1:5000',
      'http://0.0.0.0:5000',
      'http://127.0.0.1.nip.io:5000',
      'http://localhost.evil.example:5000',
      'http://evil.example',
      'http://[::2]:5000',
      'http://[::ffff:10.0.0.1]:5000',
    ])
      refused(v, /plain http to another machine/);
  });
  test('other schemes, non-URLs, credentials in the URL and non-strings are refused', () => {
    refused('ftp://127.0.0.1', /not an http\(s\) URL/);
    refused('file:///etc/passwd', /not an http\(s\) URL/);
    refused('127.0.0.1:5000', /not an http\(s\) URL|not a URL/);
    refused('not a url', /not a URL/);
    refused('https://user:pw@example.com', /user name or password/);
    refused(5000, /must be a URL, not number/);
  });
});

describe('isLoopbackHost', () => {
  test('loopback and not', () => {
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('127.255.255.254'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('localhost'), true);
    assert.equal(isLoopbackHost('126.0.0.1'), false);
    assert.equal(isLoopbackHost('localhostx'), false);
    assert.equal(isLoopbackHost('::'), false);
  });
});

describe('userAwsEndpoint: the user settings only', () => {
  test('a workspace or folder value is ignored even when present; the user value counts', () => {
    assert.deepEqual(
      userAwsEndpoint({ workspaceValue: 'https://attacker.example', workspaceFolderValue: 'http://10.1.1.1' } as {
        globalValue?: unknown;
      }),
      { ok: true, url: undefined },
    );
    assert.deepEqual(
      userAwsEndpoint({ globalValue: 'http://127.0.0.1:5000', workspaceValue: 'https://attacker.example' } as {
        globalValue?: unknown;
      }),
      { ok: true, url: 'http://127.0.0.1:5000' },
    );
    assert.deepEqual(userAwsEndpoint(undefined), { ok: true, url: undefined });
  });
  test('an invalid user value is refused, not ignored', () => {
    assert.equal(userAwsEndpoint({ globalValue: 'http://10.0.0.1' }).ok, false);
  });
});

describe('awsDestination', () => {
  test('AWS, or the custom endpoint origin', () => {
    assert.equal(awsDestination(undefined), 'AWS');
    assert.equal(awsDestination('http://127.0.0.1:5000/path'), 'http://127.0.0.1:5000');
  });
});
