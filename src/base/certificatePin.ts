// A credential set may pin one TLS certificate (a relay or test server with a self-signed
// certificate): its SHA-256 fingerprint. Verification stays on: a connection is accepted when the
// chain and the host name verify as usual, or when the server's own certificate is exactly the
// pinned one. Nothing else is accepted. Pure: the fingerprint's text form and the verdict.
import { expectObject, expectOptionalString, expectString } from './guards';

/** 32 bytes as upper-case hex pairs joined by colons ("AB:CD:…"), the form browsers and openssl show. */
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/**
 * The canonical form of a SHA-256 fingerprint typed or pasted in any usual form (colons, spaces or
 * none, either case, an optional "sha256:" / "SHA256 Fingerprint=" prefix); undefined when it is not one.
 */
export function normalizeFingerprint(text: string): string | undefined {
  expectString(text, 'normalizeFingerprint', 'text');
  const bare = text
    .trim()
    .replace(/^sha-?256(\s*fingerprint)?\s*[:=]?\s*/i, '')
    .replace(/[\s:]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(bare)) return undefined;
  return bare.match(/../g)!.join(':');
}

/** True for the canonical form normalizeFingerprint returns. */
export function isFingerprint(text: unknown): text is string {
  return typeof text === 'string' && FINGERPRINT.test(text);
}

/** "AB:CD:EF:…:12:34" shortened for a row or a toast: the first and last four bytes. */
export function shortFingerprint(fingerprint: string): string {
  expectString(fingerprint, 'shortFingerprint', 'fingerprint');
  const parts = fingerprint.split(':');
  return parts.length > 8 ? `${parts.slice(0, 4).join(':')}…${parts.slice(-4).join(':')}` : fingerprint;
}

/** What the TLS handshake showed: Node's own verdict (chain and host name) and the leaf's fingerprint. */
export interface PresentedCertificate {
  /** Node verified the chain and the host name (TLSSocket.authorized). */
  authorized: boolean;
  /** Node's reason when not authorized (e.g. DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID). */
  authorizationError?: string;
  /** SHA-256 fingerprint of the server's certificate, canonical form; undefined when none was sent. */
  sha256?: string;
}

export type PinVerdict =
  | { ok: true; via: 'chain' | 'pin' }
  | { ok: false; reason: 'changed' | 'untrusted'; message: string; presented?: string; pinned?: string };

/**
 * Accepts the server when its certificate verifies normally (chain and host name) or when it is
 * exactly the pinned certificate; refuses everything else, naming both fingerprints when a pinned
 * certificate changed.
 */
export function judgeCertificate(presented: PresentedCertificate, pinned: string | undefined): PinVerdict {
  expectObject(presented, 'judgeCertificate', 'presented');
  expectOptionalString(pinned, 'judgeCertificate', 'pinned');
  if (presented.authorized === true) return { ok: true, via: 'chain' };
  const pin = pinned === undefined ? undefined : normalizeFingerprint(pinned);
  if (pinned !== undefined && !pin)
    return {
      ok: false,
      reason: 'untrusted',
      message: `The pinned fingerprint "${pinned.slice(0, 100)}" is not a SHA-256 fingerprint; trust the certificate again.`,
      pinned,
    };
  const shown = presented.sha256 === undefined ? undefined : normalizeFingerprint(presented.sha256);
  if (pin && shown === pin) return { ok: true, via: 'pin' };
  const why = presented.authorizationError ? ` (${presented.authorizationError})` : '';
  if (pin)
    return {
      ok: false,
      reason: 'changed',
      message:
        `The server's certificate changed: it is not the one trusted for these credentials${why}. ` +
        `Pinned SHA-256 ${pin}; presented SHA-256 ${shown ?? 'none'}.`,
      presented: shown,
      pinned: pin,
    };
  return {
    ok: false,
    reason: 'untrusted',
    message: `The server's certificate is not trusted${why}.`,
    presented: shown,
  };
}
