// Verification and DKIM states in the SES console's words, with the icon that carries the state.
import type { IdentityStatus } from '../../../core/aws/ses';
import type { ItemIcon } from './types';

/** The SES console's words for a verification state. */
export const STATE_WORDS: Record<IdentityStatus, string> = {
  SUCCESS: 'Verified',
  PENDING: 'Pending',
  FAILED: 'Failed',
  TEMPORARY_FAILURE: 'Temporary failure',
  NOT_STARTED: 'Not started',
};

export const stateWords = (status: IdentityStatus | undefined): string =>
  STATE_WORDS[status ?? 'NOT_STARTED'] ?? String(status);

/** DKIM as its own short word after the identity's state: "Verified · DKIM pending". */
export const dkimWords = (status: IdentityStatus | undefined): string => `DKIM ${stateWords(status).toLowerCase()}`;

export const STATE_ICON: Record<IdentityStatus, ItemIcon> = {
  SUCCESS: { id: 'pass', color: 'testing.iconPassed' },
  PENDING: { id: 'clock', color: 'editorWarning.foreground' },
  FAILED: { id: 'error', color: 'testing.iconFailed' },
  TEMPORARY_FAILURE: { id: 'warning', color: 'editorWarning.foreground' },
  NOT_STARTED: { id: 'circle-outline', color: 'descriptionForeground' },
};

export const stateIcon = (status: IdentityStatus | undefined): ItemIcon =>
  STATE_ICON[status ?? 'NOT_STARTED'] ?? STATE_ICON.NOT_STARTED;

export const NEXT_STEP: Record<IdentityStatus, string> = {
  SUCCESS: 'Verified.',
  PENDING: 'Waiting for DNS: publish the records below (DKIM CNAMEs) and wait; SES checks for up to 72 hours.',
  FAILED: 'SES gave up: check the records, then restart verification (delete and create the identity again).',
  TEMPORARY_FAILURE: 'SES could not read the records for a while: check that they are still published; SES retries.',
  NOT_STARTED: 'Verification has not started.',
};
