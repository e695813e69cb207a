/**
 * A disclosure's life: computed as a draft, submitted, approved by a second operator (four eyes: never
 * the one who computed or submitted it), published. A published version never changes; a correction is
 * a new version of the period with its reason and the field-by-field difference from the last published.
 */
import { Type, type Static } from '@sinclair/typebox';
import { FieldChangeSchema } from './diff.ts';
import { DisclosureDocumentSchema } from './document.ts';

export const disclosureStates = ['draft', 'submitted', 'approved', 'published', 'discarded'] as const;
export type DisclosureState = (typeof disclosureStates)[number];
export const disclosureActions = ['submit', 'approve', 'reject', 'publish', 'discard'] as const;
export type DisclosureAction = (typeof disclosureActions)[number];

const Ms = Type.Integer({ description: 'Epoch milliseconds' });

/** A version as stored (the `doc` column): read back only through this schema. */
export const DisclosureSchema = Type.Object(
  {
    tenantId: Type.String(),
    id: Type.String(),
    period: Type.String(),
    version: Type.Integer({ minimum: 1 }),
    state: Type.Union(disclosureStates.map((x) => Type.Literal(x))),
    doc: DisclosureDocumentSchema,
    /** SHA-256 hex of the document's canonical JSON. */
    hash: Type.String(),
    /** The published version this one corrects, its reason and what changed. */
    corrects: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
    diff: Type.Optional(Type.Array(FieldChangeSchema)),
    computedBy: Type.String(),
    computedAt: Ms,
    submittedBy: Type.Optional(Type.String()),
    submittedAt: Type.Optional(Ms),
    approvedBy: Type.Optional(Type.String()),
    approvedAt: Type.Optional(Ms),
    publishedBy: Type.Optional(Type.String()),
    publishedAt: Type.Optional(Ms),
    /** Optimistic concurrency: each stored change increments it. */
    rev: Type.Integer({ minimum: 1 }),
  },
  { $id: 'Disclosure' },
);
export type Disclosure = Static<typeof DisclosureSchema>;

export type StepError = { kind: 'transition'; from: DisclosureState; action: DisclosureAction } | { kind: 'four_eyes' };

const from: Record<DisclosureAction, readonly DisclosureState[]> = {
  submit: ['draft'],
  approve: ['submitted'],
  reject: ['submitted', 'approved'],
  publish: ['approved'],
  discard: ['draft', 'submitted', 'approved'],
};

/** The next state of `d` after `action` by `actorId` at `at`, or why it is refused. */
export function step(
  d: Disclosure,
  action: DisclosureAction,
  actorId: string,
  at: number,
): { ok: true; next: Disclosure } | { ok: false; error: StepError } {
  if (!from[action].includes(d.state)) return { ok: false, error: { kind: 'transition', from: d.state, action } };
  const base = { ...d, rev: d.rev + 1 };
  switch (action) {
    case 'submit':
      return { ok: true, next: { ...base, state: 'submitted', submittedBy: actorId, submittedAt: at } };
    case 'approve':
      if (actorId === d.computedBy || actorId === d.submittedBy) return { ok: false, error: { kind: 'four_eyes' } };
      return { ok: true, next: { ...base, state: 'approved', approvedBy: actorId, approvedAt: at } };
    case 'reject':
      return {
        ok: true,
        next: {
          ...base,
          state: 'draft',
          submittedBy: undefined,
          submittedAt: undefined,
          approvedBy: undefined,
          approvedAt: undefined,
        },
      };
    case 'publish':
      return { ok: true, next: { ...base, state: 'published', publishedBy: actorId, publishedAt: at } };
    case 'discard':
      return { ok: true, next: { ...base, state: 'discarded' } };
  }
}

/** Month `YYYY-MM` as its first and last local date. */
export function monthRange(period: string): { from: string; to: string } | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}
