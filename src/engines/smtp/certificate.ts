// A certificate's SHA-256 fingerprint, computed over its DER bytes as openssl and browsers do.
import { createHash } from 'node:crypto';
import { CoreArgumentError, describeArgument } from '../../base/guards';

/** "AB:CD:…" (32 upper-case hex pairs) of the DER certificate. */
export function sha256Fingerprint(der: Uint8Array): string {
  if (!(der instanceof Uint8Array))
    throw new CoreArgumentError(`sha256Fingerprint: der must be bytes, not ${describeArgument(der)}.`);
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(':');
}
