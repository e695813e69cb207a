/**
 * Masking of C2 fields for answers (JR/T 0171 display rules as the issue gives them) and the
 * normalisation of identifiers before they are blind-indexed.
 */
import type { C2Part } from './classes.ts';

const stars = (n: number): string => '*'.repeat(Math.max(n, 0));

/** `13812345678` → `138****5678`; a leading country code is kept out of the count. */
export function maskPhone(phone: string): string {
  const d = normalisePhone(phone);
  if (d.length <= 7) return stars(d.length);
  return `${d.slice(0, 3)}****${d.slice(-4)}`;
}

/** First 3 and last 4 characters, the rest starred (the length is kept). */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 7) return stars(s.length);
  return `${s.slice(0, 3)}${stars(s.length - 7)}${s.slice(-4)}`;
}

/** First 6 and last 4 digits, the rest starred. */
export function maskCard(card: string): string {
  const d = card.replace(/\D/g, '');
  if (d.length <= 10) return stars(d.length);
  return `${d.slice(0, 6)}${stars(d.length - 10)}${d.slice(-4)}`;
}

/** The first character (a whole code point: 张, not half a surrogate pair) and `**`. */
export function maskName(name: string): string {
  const first = [...name.trim()][0] ?? '';
  return `${first}**`;
}

/** Only the region part of an address: its first 6 characters, then `****`. */
export function maskAddress(line: string): string {
  const cps = [...line.trim()];
  return `${cps.slice(0, Math.min(6, Math.floor(cps.length / 2))).join('')}****`;
}

/** Only the year of a date of birth. */
export function maskDate(d: string): string {
  return d.length > 4 ? `${d.slice(0, 4)}${d.slice(4).replace(/[0-9]/g, '*')}` : d;
}

export function maskC2(c2: C2Part): C2Part {
  return {
    names: c2.names.map((n) => ({ ...n, full: maskName(n.full) })),
    ...(c2.dateOfBirth ? { dateOfBirth: maskDate(c2.dateOfBirth) } : {}),
    ...(c2.gender ? { gender: c2.gender } : {}),
    ...(c2.idDocuments ? { idDocuments: c2.idDocuments.map((d) => ({ ...d, number: maskIdNumber(d.number) })) } : {}),
    ...(c2.addresses ? { addresses: c2.addresses.map((a) => ({ ...a, line: maskAddress(a.line) })) } : {}),
    ...(c2.phones ? { phones: c2.phones.map(maskPhone) } : {}),
    ...(c2.bankCards ? { bankCards: c2.bankCards.map((c) => ({ number: maskCard(c.number) })) } : {}),
  };
}

/** Digits only, a mainland `+86`/`0086` prefix dropped: `+86 138-1234-5678` → `13812345678`. */
export function normalisePhone(p: string): string {
  const d = p.replace(/\D/g, '');
  if (d.length === 13 && d.startsWith('86')) return d.slice(2);
  if (d.length === 15 && d.startsWith('0086')) return d.slice(4);
  return d;
}

/** Upper case, no spaces or hyphens: `11010119900101123x` and `110101 19900101 123X` index alike. */
export function normaliseIdNumber(id: string): string {
  return id.replace(/[\s-]/g, '').toUpperCase();
}

export function normaliseCard(c: string): string {
  return c.replace(/\D/g, '');
}

export type IndexKind = 'id' | 'phone' | 'card';

/** The (kind, normalised value) pairs of a party to blind-index, without duplicates. */
export function indexTerms(c2: C2Part): { kind: IndexKind; value: string }[] {
  const out = new Map<string, { kind: IndexKind; value: string }>();
  const add = (kind: IndexKind, value: string): void => {
    if (value) out.set(`${kind}\u0000${value}`, { kind, value });
  };
  for (const d of c2.idDocuments ?? []) add('id', normaliseIdNumber(d.number));
  for (const p of c2.phones ?? []) add('phone', normalisePhone(p));
  for (const c of c2.bankCards ?? []) add('card', normaliseCard(c.number));
  return [...out.values()];
}
