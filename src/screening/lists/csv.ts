/** CSV through csv-parse (RFC 4180: quoted fields, doubled quotes, CRLF, newlines inside quotes). */
import { parse } from 'csv-parse/sync';

/**
 * Rows of a CSV text, blank lines skipped. OFAC's legacy files end with a DOS end-of-file byte and
 * carry the odd stray quote inside an unquoted field; both are tolerated rather than failing the list.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = parse(text.replace(/\x1a/gu, ''), {
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  return rows;
}
