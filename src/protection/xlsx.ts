/**
 * The quarterly statistics file as an Office Open XML workbook (one sheet, strings inline), zipped by
 * the cases module's writer: the same rows as the CSV, readable by Excel, WPS and LibreOffice.
 */
import { writeZip } from '../cases/index.ts';
import type { StatisticsRow } from './core/csv.ts';

const esc = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
const enc = (s: string) => new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`);
const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const pkg = 'http://schemas.openxmlformats.org/package/2006';
const col = (i: number) => String.fromCharCode(65 + i); // five columns: A–E

function cell(ref: string, v: string | number): string {
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
}

export function statisticsXlsx(rows: readonly StatisticsRow[], sheet: string): Uint8Array {
  const data = rows
    .map((r, j) => `<row r="${j + 1}">${r.map((v, i) => cell(`${col(i)}${j + 1}`, v)).join('')}</row>`)
    .join('');
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return writeZip([
    {
      name: '[Content_Types].xml',
      data: enc(
        `<Types xmlns="${pkg}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
          `<Default Extension="xml" ContentType="application/xml"/>` +
          `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
          `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: enc(
        `<Relationships xmlns="${pkg}/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: enc(
        `<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="${esc(sheet.slice(0, 31))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: enc(
        `<Relationships xmlns="${pkg}/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: enc(`<worksheet xmlns="${ns}"><sheetData>${data}</sheetData></worksheet>`),
    },
  ]);
}
