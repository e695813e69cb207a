// The figures of a disclosure document as rows for the console, driven by the server's definitions so a
// figure added to the document shows with its name and definition without a console change.
import type { Definition, DisclosureDoc, FieldChange } from './types.ts';

export interface FigureRow {
  key: string;
  /** Set for per-currency figures. */
  currency?: string;
  kind: Definition['kind'];
  value: string | number | null;
  def: Definition;
}

function at(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

const leaf = (v: unknown): v is string | number | null => v === null || typeof v === 'string' || typeof v === 'number';

/** Tenant-wide figures first (participants, complaints), then each currency's, in the definitions' order. */
export function figureRows(doc: DisclosureDoc, defs: readonly Definition[]): FigureRow[] {
  const rows: FigureRow[] = [];
  for (const def of defs) {
    const v = at(doc, def.key);
    if (leaf(v)) rows.push({ key: def.key, kind: def.kind, value: v, def });
  }
  for (const section of doc.currencies)
    for (const def of defs) {
      const v = at(section, def.key);
      if (leaf(v)) rows.push({ key: def.key, currency: section.currency, kind: def.kind, value: v, def });
    }
  return rows;
}

export interface DiffRow extends FieldChange {
  currency?: string;
  def?: Definition;
}

/** A correction's changes with each path's figure: `currencies[CNY].outstanding.amount` → outstanding, CNY. */
export function diffRows(diff: readonly FieldChange[], defs: readonly Definition[]): DiffRow[] {
  return diff.map((c) => {
    const m = /^currencies\[([A-Z]{3})\]\.(.+)$/.exec(c.path);
    const key = m ? (m[2] ?? '') : c.path;
    const def = defs.find((d) => d.key === key);
    return { ...c, ...(m?.[1] ? { currency: m[1] } : {}), ...(def ? { def } : {}) };
  });
}

/** A ratio 0–1 as a percentage with two decimals; null as a dash. */
export const ratio = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${(Math.round(v * 10_000) / 100).toFixed(2)}%`;
