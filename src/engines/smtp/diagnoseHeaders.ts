// Diagnosis of SES's replies to the X-SES-* headers of a message: a configuration set that does
// not exist in the region, a message tag SES refuses, and a sending-authorization ARN for another
// region or for an identity that does not cover the From address. Each rule names the cause and
// the fix; returns true when one matched.
import type { Cause } from './diagnose';

export function sesHeaderCauses(reply: string, region: string | undefined, add: (c: Cause) => void): boolean {
  const where = region ?? 'this region';
  const set = /Configuration set <?([^<>\s]+?)>? does not exist/i.exec(reply);
  if (set || /Configuration ?Set ?does ?not ?exist/i.test(reply)) {
    const name = set?.[1];
    add({
      id: 'configuration-set-missing',
      confidence: 'certain',
      title: `Configuration set ${name ? `"${name}" ` : ''}does not exist in ${where}.`,
      fix:
        `Configuration sets are per region: create "${name ?? 'the set'}" in the SES console (Configuration sets) in ` +
        `${where}, pick one that exists there, or send without X-SES-CONFIGURATION-SET. A default configuration set ` +
        'on the identity that was deleted fails the same way: remove it from the identity.',
    });
    return true;
  }
  const tag = /Invalid tag (name|value) <([^>]*)>/i.exec(reply);
  if (tag) {
    add({
      id: 'message-tag-invalid',
      confidence: 'certain',
      title: `SES refused the message tag ${tag[1].toLowerCase()} "${tag[2]}" in X-SES-MESSAGE-TAGS.`,
      fix:
        'Tag names and values may contain only ASCII letters, digits, "_" and "-" (at most 256 characters each), ' +
        'written as "name1=value1, name2=value2": replace dots, colons, @ and spaces (for example order_id=A-42).',
    });
    return true;
  }
  if (/ARN/.test(reply) && /Transaction failed/i.test(reply)) {
    const arn = /<(arn:[^>]+)>/.exec(reply)?.[1];
    const arnRegion = arn?.split(':')[3];
    if (/\bregion\b/i.test(reply) || (arnRegion && region && arnRegion !== region)) {
      add({
        id: 'arn-region',
        confidence: 'certain',
        title:
          `The sending-authorization ARN ${arn ?? ''} is for ${arnRegion ?? 'another region'}, not ${where}.`.replace(
            '  ',
            ' ',
          ),
        fix:
          `Sending authorization works only in the identity's region: use the identity owner's ARN in ${where}, ` +
          `or send with credentials (and the SMTP endpoint) of ${arnRegion ?? "the identity's region"}.`,
      });
      return true;
    }
    add({
      id: 'arn-identity',
      confidence: 'certain',
      title: `The sending-authorization ARN${arn ? ` ${arn}` : ''} does not cover the From address.`,
      fix:
        'The source and From ARNs must name the From address or its domain: use the ARN of that identity ' +
        '(the owner shares it with its sending authorization policy), or change From to an address it covers.',
    });
    return true;
  }
  return false;
}
