// Verification and DKIM states in the SES console's words, with the icon that carries the state.
import type { IdentityStatus } from '../../../engines/aws/ses';
import type { ItemIcon } from './types';
import { l10n } from './l10n';

/** The SES console's words for a verification state (built on each call: the language is known at activation). */
function stateWordTable(): Record<IdentityStatus, string> {
  return {
    SUCCESS: l10n.t('Verified'),
    PENDING: l10n.t('Pending'),
    FAILED: l10n.t('Failed'),
    TEMPORARY_FAILURE: l10n.t('Temporary failure'),
    NOT_STARTED: l10n.t('Not started'),
  };
}

export const stateWords = (status: IdentityStatus | undefined): string =>
  stateWordTable()[status ?? 'NOT_STARTED'] ?? String(status);

/** DKIM as its own short word after the identity's state: "Verified · DKIM pending". */
export function dkimWords(status: IdentityStatus | undefined): string {
  const dkim: Record<IdentityStatus, string> = {
    SUCCESS: l10n.t('DKIM verified'),
    PENDING: l10n.t('DKIM pending'),
    FAILED: l10n.t('DKIM failed'),
    TEMPORARY_FAILURE: l10n.t('DKIM temporary failure'),
    NOT_STARTED: l10n.t('DKIM not started'),
  };
  return dkim[status ?? 'NOT_STARTED'] ?? `DKIM ${String(status)}`;
}

export const STATE_ICON: Record<IdentityStatus, ItemIcon> = {
  SUCCESS: { id: 'pass', color: 'testing.iconPassed' },
  PENDING: { id: 'clock', color: 'editorWarning.foreground' },
  FAILED: { id: 'error', color: 'testing.iconFailed' },
  TEMPORARY_FAILURE: { id: 'warning', color: 'editorWarning.foreground' },
  NOT_STARTED: { id: 'circle-outline', color: 'descriptionForeground' },
};

export const stateIcon = (status: IdentityStatus | undefined): ItemIcon =>
  STATE_ICON[status ?? 'NOT_STARTED'] ?? STATE_ICON.NOT_STARTED;

/** What to do in each verification state, for tooltips. */
export function nextStep(status: string | undefined): string {
  const steps: Record<IdentityStatus, string> = {
    SUCCESS: l10n.t('Verified.'),
    PENDING: l10n.t(
      'Waiting for DNS: publish the records below (DKIM CNAMEs) and wait; SES checks for up to 72 hours.',
    ),
    FAILED: l10n.t('SES gave up: check the records, then restart verification (delete and create the identity again).'),
    TEMPORARY_FAILURE: l10n.t(
      'SES could not read the records for a while: check that they are still published; SES retries.',
    ),
    NOT_STARTED: l10n.t('Verification has not started.'),
  };
  return Object.prototype.hasOwnProperty.call(steps, status ?? '') ? steps[status as IdentityStatus] : '';
}
