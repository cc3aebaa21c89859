// The attachment paths the host accepts from the Send Test Email page
// (src/features/testMail/logic/pickedFiles.ts): only those the host's own dialog picked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PickedFiles } from '../../../../../src/features/testMail/logic/pickedFiles';

describe('PickedFiles: attachments only as the host picked them', () => {
  test('a path the dialog returned is allowed', () => {
    const picked = new PickedFiles();
    picked.add('/home/me/project/report.pdf');
    assert.equal(picked.allows('/home/me/project/report.pdf'), true);
  });

  test('a path never picked is refused, even inside the workspace', () => {
    const picked = new PickedFiles();
    picked.add('/home/me/project/report.pdf');
    assert.equal(picked.allows('/home/me/project/.env'), false);
    assert.equal(picked.allows('/home/me/.ssh/id_ed25519'), false);
  });

  test('near miss: the same file spelled another way is refused', () => {
    const picked = new PickedFiles();
    picked.add('/home/me/project/report.pdf');
    assert.equal(picked.allows('/home/me/project/./report.pdf'), false);
    assert.equal(picked.allows('/home/me/other/../project/report.pdf'), false);
    assert.equal(picked.allows('/home/me/project/report.pdf '), false);
  });

  test('anything but a string is refused', () => {
    const picked = new PickedFiles();
    picked.add('/a');
    assert.equal(picked.allows(undefined), false);
    assert.equal(picked.allows({ toString: () => '/a' }), false);
  });
});
