/**
 * JR/T 0171-2020 classes of the party fields, the split of a party into its clear (C1) and encrypted
 * (C2) parts, and the refusal of C3 authentication data.
 *
 * C2 (encrypted at rest, masked in answers): names, date of birth, gender, ID documents, addresses,
 * phones, bank cards. C1 (clear, needed to rate and route without decrypting): kind, external id,
 * nationality and residence country codes, occupation category, PEP flag, products, channel, owner
 * references, transaction profile. C3 (passwords, PINs, CVV, one-time codes, security answers,
 * biometric templates): never accepted.
 */
import type { PartyInput } from '../schemas.ts';

export type C2Part = Pick<
  PartyInput,
  'names' | 'dateOfBirth' | 'gender' | 'idDocuments' | 'addresses' | 'phones' | 'bankCards'
>;
export type C1Part = Omit<PartyInput, keyof C2Part>;

export const c2Keys = ['names', 'dateOfBirth', 'gender', 'idDocuments', 'addresses', 'phones', 'bankCards'] as const;

export function splitClasses(p: PartyInput): { c1: C1Part; c2: C2Part } {
  const c1: Record<string, unknown> = {};
  const c2: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined) continue;
    if ((c2Keys as readonly string[]).includes(k)) c2[k] = v;
    else c1[k] = v;
  }
  return { c1: c1 as C1Part, c2: c2 as unknown as C2Part };
}

/** Keys whose values are authentication data (C3), compared without case, `_` or `-`. */
const c3Keys = new Set([
  'password',
  'passwd',
  'passcode',
  'pin',
  'pincode',
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'cvn',
  'otp',
  'smscode',
  'verificationcode',
  'securityanswer',
  'securityquestionanswer',
  'biometric',
  'biometrictemplate',
  'fingerprint',
  'facetemplate',
  'track2',
  'magstripe',
  'privatekey',
  'secret',
]);

/** JSON pointers of C3 fields anywhere in a body (empty: none). */
export function findC3(value: unknown, pointer = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    const here = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!Array.isArray(value) && c3Keys.has(k.toLowerCase().replace(/[_-]/g, ''))) out.push(here);
    else out.push(...findC3(v, here));
  }
  return out;
}
