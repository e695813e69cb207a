// The hub ledger's latest entries for its card: which indices to read (newest first), and one entry's
// row, checked field by field (the entry is the ledger's JSON, not trusted as a type).

/** The newest `n` indices of a tree of `size` leaves, newest first. */
export const latestIndices = (size: number, n: number): number[] =>
  Array.from({ length: Math.max(0, Math.min(n, size)) }, (_, i) => size - 1 - i);

export interface LedgerRow {
  index: number;
  /** Epoch ms, or null when the entry has none. */
  at: number | null;
  /** 'audit' (a supervisor's or the hub's action) or another entry kind. */
  kind: string;
  actor: string;
  action: string;
  subject: string;
}

/** One entry as a table row; anything missing or of the wrong type shows as '—'. */
export function ledgerRow(index: number, entry: unknown): LedgerRow {
  const o = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  const text = (k: string): string => (typeof o[k] === 'string' && o[k] !== '' ? o[k] : '—');
  return {
    index,
    at: typeof o.at === 'number' && Number.isFinite(o.at) ? o.at : null,
    kind: text('kind'),
    actor: text('actorId'),
    action: text('action'),
    subject: text('subjectId'),
  };
}
