/**
 * A correction's difference from the version it replaces: every leaf that changed, by path. Currency
 * sections are matched by currency and complaint categories by code (not by position), so a new
 * currency reads as added fields rather than every later field moving.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DisclosureDocument } from './document.ts';

const LeafValue = Type.Union([Type.String(), Type.Number(), Type.Null()]);
/** One changed leaf; `before` or `after` is absent where the field was added or removed. */
export const FieldChangeSchema = Type.Object({
  path: Type.String(),
  before: Type.Optional(LeafValue),
  after: Type.Optional(LeafValue),
});
export type FieldChange = Static<typeof FieldChangeSchema>;

type Leaf = string | number | null;

function flatten(v: unknown, prefix: string, out: Map<string, Leaf>): void {
  if (v === null || typeof v === 'string' || typeof v === 'number') {
    out.set(prefix, v);
    return;
  }
  if (Array.isArray(v)) {
    for (const item of v as Record<string, unknown>[]) {
      const id = item.currency ?? item.code;
      const key = typeof id === 'string' ? id : '';
      flatten(item, `${prefix}[${key}]`, out);
    }
    return;
  }
  if (typeof v === 'object')
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
}

/** Fields that differ (the version number itself excluded), in path order. */
export function diffDocuments(before: DisclosureDocument, after: DisclosureDocument): FieldChange[] {
  const a = new Map<string, Leaf>();
  const b = new Map<string, Leaf>();
  flatten({ ...before, version: 0 }, '', a);
  flatten({ ...after, version: 0 }, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => ({ path: p, before: a.get(p), after: b.get(p) }));
}
