import type { Cell, MetricsTable } from '../core/tables.ts';

/**
 * RFC 4180 CSV (CRLF, quotes doubled) with a UTF-8 byte order mark so spreadsheet programs read the
 * Chinese labels. Text that a spreadsheet would run as a formula (= + - @ at the start) gets a leading
 * apostrophe: rule ids and queue names come from users.
 */
export function toCsv(t: MetricsTable): Uint8Array {
  const lines = [
    t.columns.map((c) => cell(c.label, 'text')),
    ...t.rows.map((r) => r.map((v, i) => cell(v, t.columns[i]?.kind ?? 'text'))),
  ];
  return new TextEncoder().encode(`\uFEFF${lines.map((l) => l.join(',')).join('\r\n')}\r\n`);
}

function cell(v: Cell, kind: string): string {
  if (v === null) return '';
  let s = String(v);
  if (kind === 'text' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
