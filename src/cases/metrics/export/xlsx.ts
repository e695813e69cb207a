import { writeZip } from '../../reports/zip.ts';
import type { Cell, CellKind, MetricsTable } from '../core/tables.ts';

const esc = (s: string) =>
  s
    // XML 1.0 forbids most control characters even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const enc = (s: string) => new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// Style ids in styles.xml: 0 plain, 1 bold header, 2 percentage (0.00%), 3 one decimal.
const styleOf: Record<CellKind, number> = { text: 0, int: 0, rate: 2, hours: 3 };

function cellXml(ref: string, v: Cell, style: number): string {
  if (v === null) return '';
  if (typeof v === 'number') return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
}

function sheetXml(t: MetricsTable, note: string): string {
  const rows: string[] = [];
  rows.push(`<row r="1">${cellXml('A1', t.title, 1)}</row>`, `<row r="2">${cellXml('A2', note, 0)}</row>`);
  rows.push(`<row r="4">${t.columns.map((c, i) => cellXml(`${columnName(i)}4`, c.label, 1)).join('')}</row>`);
  t.rows.forEach((r, j) => {
    const n = j + 5;
    rows.push(
      `<row r="${n}">${r.map((v, i) => cellXml(`${columnName(i)}${n}`, v, styleOf[t.columns[i]?.kind ?? 'text'])).join('')}</row>`,
    );
  });
  const cols = t.columns.map(
    (_, i) => `<col min="${i + 1}" max="${i + 1}" width="${i === 0 ? 40 : 18}" customWidth="1"/>`,
  );
  return `<worksheet xmlns="${ns}"><cols>${cols.join('')}</cols><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(s: string, used: Set<string>): string {
  const base = s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * An Office Open XML workbook (ECMA-376 SpreadsheetML), one sheet per table, strings inline: the few
 * parts Excel, LibreOffice and WPS need, zipped by our own writer (no spreadsheet dependency).
 */
export function toXlsx(tables: readonly MetricsTable[], note: string): Uint8Array {
  const used = new Set<string>();
  const names = tables.map((t) => sheetName(t.title, used));
  const sheets = tables.map((t, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: enc(sheetXml(t, note)) }));
  const contentTypes =
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    tables
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    `</Types>`;
  const rootRels =
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets>` +
    names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets></workbook>`;
  const workbookRels =
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    tables
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('') +
    `<Relationship Id="rId${tables.length + 1}" Type="${rel}/styles" Target="styles.xml"/></Relationships>`;
  const styles =
    `<styleSheet xmlns="${ns}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>` +
    `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
    `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
    `<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
    `</styleSheet>`;
  return writeZip([
    { name: '[Content_Types].xml', data: enc(contentTypes) },
    { name: '_rels/.rels', data: enc(rootRels) },
    { name: 'xl/workbook.xml', data: enc(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: enc(workbookRels) },
    { name: 'xl/styles.xml', data: enc(styles) },
    ...sheets,
  ]);
}
