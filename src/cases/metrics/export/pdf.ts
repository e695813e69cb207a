import type { Cell, CellKind, Lang, MetricsTable } from '../core/tables.ts';

/** What the PDF needs of a table (other modules' tables too: the disclosure report uses this writer). */
export type PdfTable = Pick<MetricsTable, 'title' | 'columns' | 'rows'>;

/**
 * A PDF 1.4 of text tables, written by hand (no PDF dependency). English uses the standard Helvetica
 * (WinAnsi). Chinese uses the standard CJK font STSong-Light (Adobe-GB1, UniGB-UCS2-H), which PDF
 * readers supply themselves; it is referenced, not embedded, so the file stays small — an archive that
 * needs embedded fonts (PDF/A) should keep the XLSX or CSV.
 */
export function toPdf(tables: readonly PdfTable[], heading: { title: string; note: string }, lang: Lang): Uint8Array {
  const font = lang === 'en' ? latin : cjk;
  const pages = layout(tables, heading, font);
  return assemble(pages, heading.title, font);
}

interface FontKit {
  /** A PDF string operand for `Tj`. */
  str(s: string): string;
  /** Approximate width of `s` at size 1, in text space units. */
  width(s: string): number;
  /** Font objects after the page tree: their bodies; the first is the /F1 (and /F2 for bold when given). */
  objects: string[];
  bold: boolean;
}

const WIN_ANSI_EXTRA: Record<string, number> = {
  '€': 0x80,
  '–': 0x96,
  '—': 0x97,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '…': 0x85,
};
const latin: FontKit = {
  str: (s) => {
    let out = '';
    for (const ch of s.replace(/→/g, '->')) {
      const c = ch.codePointAt(0) as number;
      const b = WIN_ANSI_EXTRA[ch] ?? ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff) ? c : 0x3f);
      out += b === 0x28 || b === 0x29 || b === 0x5c ? `\\${String.fromCharCode(b)}` : String.fromCharCode(b);
    }
    return `(${out})`;
  },
  width: (s) => s.length * 0.55,
  objects: [
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
  ],
  bold: true,
};

const cjk: FontKit = {
  str: (s) => {
    let hex = '';
    for (const ch of s) {
      const c = ch.codePointAt(0) as number;
      hex += (c > 0xffff || c < 0x20 ? 0x3f : c).toString(16).padStart(4, '0');
    }
    return `<${hex}>`;
  },
  width: (s) => [...s].reduce((w, ch) => w + ((ch.codePointAt(0) as number) < 0x2e80 ? 0.5 : 1), 0),
  // Objects are numbered from 3: the Type0 font (3), its CIDFont (4), the CIDFont's descriptor (5).
  // Half-width Latin: Adobe-GB1's proportional (1–95) and half-width (814–939, 7716–7810) ranges, so
  // ids and numbers are not spread one em apart whichever range the reader's CMap maps ASCII to.
  objects: [
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500 814 939 500 7716 7810 500] >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ],
  bold: false,
};

// A4 landscape, in points.
const W = 842;
const H = 595;
const M = 40;
const SIZE = 9;
const LINE = 14;

function show(font: FontKit, s: string, x: number, y: number, size: number, bold = false): string {
  return `BT /${bold && font.bold ? 'F2' : 'F1'} ${size} Tf ${x.toFixed(1)} ${y.toFixed(1)} Td ${font.str(s)} Tj ET`;
}

/** Cuts text to the width available, with an ellipsis. */
function fit(font: FontKit, s: string, max: number): string {
  if (font.width(s) * SIZE <= max) return s;
  let out = [...s];
  while (out.length > 1 && font.width(`${out.join('')}…`) * SIZE > max) out = out.slice(0, -1);
  return `${out.join('')}${font === latin ? '...' : '…'}`;
}

export function formatCell(v: Cell, kind: CellKind): string {
  if (v === null) return '—';
  if (kind === 'rate' && typeof v === 'number') return `${(v * 100).toFixed(2)}%`;
  if (kind === 'hours' && typeof v === 'number') return v.toFixed(1);
  return String(v);
}

function layout(tables: readonly PdfTable[], heading: { title: string; note: string }, font: FontKit): string[] {
  const pages: string[][] = [[]];
  let y = H - M;
  const page = () => pages[pages.length - 1] as string[];
  const need = (lines: number) => {
    if (y - lines * LINE >= M) return;
    pages.push([]);
    y = H - M;
  };
  page().push(show(font, heading.title, M, y - 14, 16, true));
  y -= 30;
  page().push(show(font, heading.note, M, y, SIZE));
  y -= LINE * 2;
  for (const t of tables) {
    need(4);
    page().push(show(font, t.title, M, y, 12, true));
    y -= LINE + 4;
    const weights = t.columns.map((_, i) => (i === 0 ? 2.5 : 1));
    const unit = (W - 2 * M) / weights.reduce((a, b) => a + b, 0);
    const xs = weights.reduce<number[]>((acc, w, i) => [...acc, (acc[i] as number) + w * unit], [M]);
    const header = () => {
      t.columns.forEach((c, i) =>
        page().push(show(font, fit(font, c.label, weights[i]! * unit - 6), xs[i]!, y, SIZE, true)),
      );
      page().push(`0.5 w ${M} ${(y - 4).toFixed(1)} m ${W - M} ${(y - 4).toFixed(1)} l S`);
      y -= LINE;
    };
    header();
    for (const r of t.rows) {
      if (y - LINE < M) {
        need(2);
        header();
      }
      r.forEach((v, i) =>
        page().push(
          show(font, fit(font, formatCell(v, t.columns[i]?.kind ?? 'text'), weights[i]! * unit - 6), xs[i]!, y, SIZE),
        ),
      );
      y -= LINE;
    }
    y -= LINE;
  }
  return pages.map((p, i) => [...p, show(font, `${i + 1} / ${pages.length}`, W - M - 30, M / 2, 8)].join('\n'));
}

/** Objects, a cross-reference table with each object's byte offset, and the trailer. */
function assemble(contents: readonly string[], title: string, font: FontKit): Uint8Array {
  const fontIds = font.objects.map((_, i) => 3 + i);
  const first = 3 + font.objects.length;
  const pageIds = contents.map((_, i) => first + 2 * i);
  const fonts = `/Font << /F1 ${fontIds[0]} 0 R${font.bold ? ` /F2 ${fontIds[1]} 0 R` : ''} >>`;
  const bodies: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from(
      `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`,
      'latin1',
    ),
    ...font.objects.map((o) => Buffer.from(o, 'latin1')),
  ];
  contents.forEach((c, i) => {
    const stream = Buffer.from(c, 'latin1');
    bodies.push(
      Buffer.from(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W} ${H}] /Resources << ${fonts} >> /Contents ${pageIds[i]! + 1} 0 R >>`,
        'latin1',
      ),
      Buffer.concat([
        Buffer.from(`<< /Length ${stream.length} >>\nstream\n`, 'latin1'),
        stream,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
  });
  const infoId = bodies.length + 1;
  bodies.push(Buffer.from(`<< /Producer (Zhili) /Title ${font.str(title)} >>`, 'latin1'));
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((b, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), b, Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(offset);
    parts.push(obj);
    offset += obj.length;
  });
  const xref = [
    'xref',
    `0 ${bodies.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${bodies.length + 1} /Root 1 0 R /Info ${infoId} 0 R >>`,
    'startxref',
    String(offset),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
