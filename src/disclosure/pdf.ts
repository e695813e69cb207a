/** The month's disclosure as a PDF, written by the cases module's table writer (no second PDF writer). */
import { tablesPdf, type PdfTable } from '../cases/index.ts';
import { standard } from './core/definitions.ts';
import type { Disclosure } from './core/workflow.ts';
import { t, type Lang } from './labels.ts';
import { currencyRows, formatValue } from './pages.ts';
import { definitionOf } from './core/definitions.ts';

const label = (key: string, lang: Lang) => {
  const d = definitionOf(key);
  return d ? (lang === 'en' ? d.en : d.zh) : key;
};

export function disclosurePdf(d: Disclosure, tenantName: string, lang: Lang): Uint8Array {
  const cols = [
    { label: t(lang, 'figure'), kind: 'text' as const },
    { label: t(lang, 'value'), kind: 'text' as const },
  ];
  const rows = (pairs: [string, unknown][]) => pairs.map(([k, v]) => [label(k, lang), formatValue(v, k)]);
  const tables: PdfTable[] = [
    {
      title: t(lang, 'participants'),
      columns: cols,
      rows: rows(Object.entries(d.doc.participants).map(([k, v]): [string, unknown] => [`participants.${k}`, v])),
    },
    ...d.doc.currencies.map((c) => ({
      title: `${t(lang, 'lending')} · ${c.currency}`,
      columns: cols,
      rows: rows(currencyRows(c)),
    })),
    {
      title: t(lang, 'complaints'),
      columns: [
        { label: t(lang, 'category'), kind: 'text' as const },
        { label: t(lang, 'count'), kind: 'int' as const },
      ],
      rows: [
        ...d.doc.complaints.byCategory.map((c) => [c.code, c.count]),
        [label('complaints.received', lang), d.doc.complaints.received],
        [
          label('complaints.resolutionRate', lang),
          formatValue(d.doc.complaints.resolutionRate, 'complaints.resolutionRate'),
        ],
      ],
    },
  ];
  if (d.diff)
    tables.push({
      title: `${t(lang, 'correction')}: ${d.reason ?? ''}`,
      columns: [
        { label: t(lang, 'field'), kind: 'text' },
        { label: t(lang, 'before'), kind: 'text' },
        { label: t(lang, 'after'), kind: 'text' },
      ],
      rows: d.diff.map((c) => [c.path, c.before ?? null, c.after ?? null]),
    });
  return tablesPdf(
    tables,
    {
      title: `${t(lang, 'title')} ${d.period} · ${tenantName}`,
      note: `${t(lang, 'version')} ${d.version} · ${t(lang, 'asOf')} ${d.doc.asOf} · SHA-256 ${d.hash} · ${standard.code}`,
    },
    lang,
  );
}
