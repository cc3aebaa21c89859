// The modal dialogs of the credentials feature (src/features/credentials/logic/dialogs.ts): the
// detail says what each button does.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  deleteDialog,
  forgetAllDialog,
  passwordProblemDialog,
  trustDialog,
} from '../../../../../src/features/credentials/logic/dialogs';

describe('modals: the detail says what each button does', () => {
  test('a pasted secret key: derive for the region, or save as typed', () => {
    const d = passwordProblemDialog({
      summary: 'This is an IAM secret.',
      effective: 'iam-secret',
      cleanable: false,
      region: 'eu-west-1',
    });
    assert.deepEqual(
      d.buttons.map((b) => b.label),
      ['Derive the SMTP Password for eu-west-1', 'Save As Typed'],
    );
    assert.match(d.detail, /^This is an IAM secret\.\n/);
    assert.match(d.detail, /Derive: saves the SMTP password made from this secret key for eu-west-1/);
    assert.match(d.detail, /Save As Typed: saves exactly what was pasted/);
    assert.match(d.detail, /Cancel: back to the password/);
  });

  test('a pasted secret key without a region: Derive is not offered (it would fail), the detail says why', () => {
    const d = passwordProblemDialog({ summary: 'This is an IAM secret.', effective: 'iam-secret', cleanable: false });
    assert.deepEqual(
      d.buttons.map((b) => b.choice),
      ['as-typed'],
    );
    assert.match(d.detail, /give the SES region too/);
    assert.doesNotMatch(d.detail, /Derive:/);
  });

  test('a padded v4 password can be cleaned', () => {
    const d = passwordProblemDialog({ summary: 'Quotes around it.', effective: 'v4', cleanable: true });
    assert.deepEqual(
      d.buttons.map((b) => b.choice),
      ['clean', 'as-typed'],
    );
    assert.match(d.detail, /Save Cleaned Value: saves it without the spaces, quotes or URL encoding/);
  });

  test('delete, forget all and certificate trust put their consequences in the detail', () => {
    assert.equal(deleteDialog('prod').message, 'Delete the credential set "prod"?');
    assert.match(deleteDialog('prod').detail, /IAM user and its access key are not touched/);
    assert.equal(forgetAllDialog(1).message, 'Forget all 1 SMTP credential set and their passwords?');
    assert.equal(forgetAllDialog(3).message, 'Forget all 3 SMTP credential sets and their passwords?');
    assert.match(trustDialog('relay', true).detail, /can read the SMTP password/);
    assert.equal(trustDialog('relay', false).buttons[0].label, 'Verify Certificates');
  });
});
