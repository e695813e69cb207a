/**
 * A disclosure's life: computed as a draft, submitted, approved by a second operator (four eyes: never
 * the one who computed or submitted it), published. A published version never changes; a correction is
 * a new version of the period with its reason and the field-by-field difference from the last published.
 */
import type { FieldChange } from './diff.ts';
import type { DisclosureDocument } from './document.ts';

export const disclosureStates = ['draft', 'submitted', 'approved', 'published', 'discarded'] as const;
export type DisclosureState = (typeof disclosureStates)[number];
export const disclosureActions = ['submit', 'approve', 'reject', 'publish', 'discard'] as const;
export type DisclosureAction = (typeof disclosureActions)[number];

export interface Disclosure {
  tenantId: string;
  id: string;
  period: string;
  version: number;
  state: DisclosureState;
  doc: DisclosureDocument;
  /** SHA-256 hex of the document's canonical JSON. */
  hash: string;
  /** The published version this one corrects, its reason and what changed. */
  corrects?: string | undefined;
  reason?: string | undefined;
  diff?: FieldChange[] | undefined;
  computedBy: string;
  computedAt: number;
  submittedBy?: string | undefined;
  submittedAt?: number | undefined;
  approvedBy?: string | undefined;
  approvedAt?: number | undefined;
  publishedBy?: string | undefined;
  publishedAt?: number | undefined;
  /** Optimistic concurrency: each stored change increments it. */
  rev: number;
}

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
