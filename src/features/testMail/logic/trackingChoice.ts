// Whether a test send is followed by delivery tracking (#26): the region's tracking configuration
// set is used when the mail names no set of its own. A mail for an SES tenant (X-SES-TENANT) is not
// given the tracking set: SES sends a tenant's mail only with a configuration set associated with
// the tenant, so adding ours would turn a good send into a refusal (#27). vscode-free.
import { expectObject, expectOptionalString } from '../../../base/guards';

export type TrackingChoice =
  | { follow: true; configurationSet: string }
  | { follow: false; reason: 'not-set-up' }
  | { follow: false; reason: 'other-set'; configurationSet: string; trackingSet: string }
  | { follow: false; reason: 'tenant-without-set'; tenant: string; trackingSet: string };

export function trackingChoice(
  trackingSet: string | undefined,
  mail: { configurationSet?: string; tenant?: string },
): TrackingChoice {
  expectOptionalString(trackingSet, 'trackingChoice', 'trackingSet');
  expectObject(mail, 'trackingChoice', 'mail');
  if (!trackingSet) return { follow: false, reason: 'not-set-up' };
  if (mail.configurationSet === trackingSet) return { follow: true, configurationSet: trackingSet };
  if (mail.configurationSet)
    return { follow: false, reason: 'other-set', configurationSet: mail.configurationSet, trackingSet };
  if (mail.tenant) return { follow: false, reason: 'tenant-without-set', tenant: mail.tenant, trackingSet };
  return { follow: true, configurationSet: trackingSet };
}
