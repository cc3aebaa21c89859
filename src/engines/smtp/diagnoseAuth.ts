// Diagnosis rules for a refused login (535): what the username, the password and, when given, the
// IAM secret key say about why SES refused it.
import { classifySmtpPassword, classifySmtpUsername, findPasswordRegion } from '../../base/password';
import { regionFromHost, SES_REGIONS } from '../../base/regions';
import type { Cause, KnownFacts } from './diagnose';
import { expectFunction, expectObject, expectOptionalString } from '../../base/guards';

type Add = (cause: Cause) => void;

const USERNAME_KIND: Partial<Record<string, string>> = {
  email: 'an email address',
  'iam-user-name': 'an IAM user name',
};
type PasswordInfo = ReturnType<typeof classifySmtpPassword>;

/** 535 Account not subscribed to SES. */
export function notSubscribed(region: string | undefined): Cause {
  return {
    id: 'not-subscribed',
    confidence: 'certain',
    title: `The AWS account has no SES in ${region ?? 'this region'} ("Account not subscribed to SES").`,
    fix:
      `Open the SES console in ${region ?? 'that region'} once to set SES up there, or send through a region where ` +
      'SES is already in use. If this is a new opt-in region, enable the region for the account first.',
  };
}

/** 535 Authentication Credentials Invalid: the causes, from what is certain to what is possible. */
export function authCauses(known: KnownFacts, region: string | undefined, host: string | undefined, add: Add): void {
  expectObject(known, 'authCauses', 'known');
  expectOptionalString(region, 'authCauses', 'region');
  expectOptionalString(host, 'authCauses', 'host');
  expectFunction(add, 'authCauses', 'add');
  const password = known.password ?? '';
  const pw = classifySmtpPassword(password);
  const user = known.username !== undefined ? classifySmtpUsername(known.username) : undefined;
  const secret = known.secretAccessKey?.trim();
  const usernameExplains = usernameCauses(user, add);
  passwordProblemCauses(pw, add);
  if (passwordShapeCauses(password, pw, secret, region, add)) return;
  // A well-formed v4 password that was refused.
  const hostRegion = host ? regionFromHost(host)?.region : undefined;
  if (hostRegion && known.region && hostRegion !== known.region) {
    add({
      id: 'host-region-mismatch',
      confidence: 'likely',
      title: `The host is in ${hostRegion} but the credentials are for ${known.region}.`,
      fix: `Use email-smtp.${known.region}.amazonaws.com, or derive the password for ${hostRegion}.`,
    });
  }
  if (secret) secretCauses(secret, pw, known, region, add, usernameExplains);
  else unknownSecretCauses(region, add);
}

/** Adds what is wrong with the username; true when something certain was found. */
function usernameCauses(user: ReturnType<typeof classifySmtpUsername> | undefined, add: Add): boolean {
  if (!user) return false;
  const found =
    user.kind !== 'access-key' || user.problems.includes('whitespace-outside') || user.problems.includes('quoted');
  if (user?.kind === 'temporary-key') {
    add({
      id: 'temporary-key',
      confidence: 'certain',
      title: 'The username is a temporary access key (ASIA…), which SES SMTP never accepts.',
      fix:
        'Create a long-term access key for an IAM user (or use "Create SMTP credentials") and derive the SMTP ' +
        'password from its secret.',
    });
  } else if (
    user &&
    (user.kind === 'iam-user-name' || user.kind === 'email' || user.kind === 'malformed' || user.kind === 'empty')
  ) {
    add({
      id: 'username-not-access-key',
      confidence: 'certain',
      title: `The username is ${USERNAME_KIND[user.kind] ?? 'not an access key id'}, not the access key id.`,
      fix: 'Use the IAM access key id (AKIA…, 20 characters) as the SMTP username.',
    });
  }
  if (user && (user.problems.includes('whitespace-outside') || user.problems.includes('quoted'))) {
    add({
      id: 'whitespace-or-quotes',
      confidence: 'certain',
      title: 'The username has spaces, a line break or quotes around it.',
      fix: 'Remove them; in .env files write the value without stray quotes or trailing spaces.',
    });
  }
  return found;
}

function passwordProblemCauses(pw: PasswordInfo, add: Add): void {
  if (pw.problems.includes('url-encoded')) {
    add({
      id: 'url-encoded',
      confidence: 'certain',
      title: 'The password is URL-encoded (%2B, %2F or %3D) where the raw value is expected.',
      fix: 'Use the raw password. Encode + / = only inside smtp:// URLs, and there always.',
    });
  }
  if (pw.problems.some((p) => p === 'whitespace-outside' || p === 'whitespace-inside' || p === 'quoted')) {
    add({
      id: 'whitespace-or-quotes',
      confidence: 'certain',
      title: 'The password carries spaces, line breaks or quotes that became part of it.',
      fix:
        'Paste the password again without them; in .env files quote it with plain double quotes only if your loader ' +
        'needs it.',
    });
  }
}

/** Causes the password's shape settles alone; true when one did. */
function passwordShapeCauses(
  password: string,
  pw: PasswordInfo,
  secret: string | undefined,
  region: string | undefined,
  add: Add,
): boolean {
  const effective = pw.cleanedKind ?? pw.kind;
  if (effective === 'iam-secret' || (secret && password.trim() === secret)) {
    add({
      id: 'secret-key-as-password',
      confidence: 'certain',
      title: 'The password is an IAM secret access key, not an SMTP password.',
      fix:
        `Derive the SMTP password from that secret for ${region ?? 'your region'} with "SES SMTP: Generate SMTP ` +
        `Password from IAM Secret Key" and use the result (44 characters).`,
    });
    return true;
  }
  if (effective === 'v2') {
    add({
      id: 'legacy-v2',
      confidence: 'certain',
      title: 'The password is a legacy version 2 SMTP password, which SES no longer accepts.',
      fix: `Derive a version 4 password for ${region ?? 'your region'} from the same IAM secret key.`,
    });
    return true;
  }
  if (effective === 'malformed' || effective === 'empty') {
    add({
      id: 'malformed-password',
      confidence: 'certain',
      title: `The password is not an SES SMTP password: ${pw.summary}`,
      fix:
        'SES SMTP passwords are 44 characters and start with "B". ' +
        'Derive one from the IAM secret key for your region.',
    });
    return true;
  }

  return false;
}

/** With the secret key known, the password can be checked against every region. */
function secretCauses(
  secret: string,
  pw: PasswordInfo,
  known: KnownFacts,
  region: string | undefined,
  add: Add,
  usernameExplains: boolean,
): void {
  const match = findPasswordRegion(secret, pw.cleaned, [
    ...new Set([...(region ? [region] : []), ...SES_REGIONS.map((r) => r.id)]),
  ]);
  if (match.kind === 'region' && match.region !== region) {
    add({
      id: 'wrong-region',
      confidence: 'certain',
      title: `The password was derived for ${match.region}, not ${region ?? 'the region of this endpoint'}.`,
      fix:
        `Derive the password again for ${region ?? 'the region you send through'}, or send through ` +
        `email-smtp.${match.region}.amazonaws.com.`,
    });
    return;
  }
  if (match.kind === 'v2') {
    add({
      id: 'legacy-v2',
      confidence: 'certain',
      title: 'The password is the legacy version 2 password for this secret.',
      fix: `Derive a version 4 password for ${region ?? 'your region'}.`,
    });
    return;
  }
  if (match.kind === 'none') {
    add({
      id: 'password-not-from-secret',
      confidence: 'certain',
      title: 'The password was not derived from this secret access key (for any known region).',
      fix:
        'It belongs to another access key, or was mistyped. Derive it again from the secret of the access key used ' +
        'as username.',
    });
    return;
  }
  // Correct password for the region: the username already explains the 535 (it names no key, or
  // carries quotes), or else the key itself must be the problem.
  if (usernameExplains) return;
  add({
    id: 'key-inactive',
    confidence: known.keyStatus === 'inactive' || known.keyStatus === 'not-found' ? 'certain' : 'likely',
    title:
      'The password matches the secret and region, so the access key itself is refused: ' +
      'it was deleted, deactivated or rotated, or belongs to another account.',
    fix:
      'Check the key in IAM (Users → Security credentials). Create a new access key if needed and derive the ' +
      'password again.',
  });
  return;
}

function unknownSecretCauses(region: string | undefined, add: Add): void {
  add({
    id: 'wrong-region',
    confidence: 'likely',
    title: `The password may have been derived for another region than ${region ?? "this endpoint's"}.`,
    fix:
      'v4 SMTP passwords work in one region only. Give the IAM secret key to "Check SMTP Login" to find the region ' +
      'it was made for, or derive it again for this region.',
  });
  add({
    id: 'key-inactive',
    confidence: 'possible',
    title: 'The access key may have been deleted, deactivated or rotated since the password was made.',
    fix: 'Check the key in IAM; create a new one and derive the password again if needed.',
  });
  add({
    id: 'password-not-from-secret',
    confidence: 'possible',
    title: 'The password may belong to a different access key than the username.',
    fix: 'Use the username and password from the same credentials (the SES console shows them together once).',
  });
}
