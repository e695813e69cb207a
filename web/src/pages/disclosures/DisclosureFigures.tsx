import { Card, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/use-format.ts';
import { diffRows, figureRows, ratio, type DiffRow, type FigureRow } from './figures.ts';
import type { Definition, DisclosureView } from './types.ts';

function useValue() {
  const f = useFormat();
  return (kind: Definition['kind'] | undefined, v: string | number | null | undefined, currency?: string) => {
    if (v === null || v === undefined) return '—';
    if (kind === 'ratio' && typeof v === 'number') return ratio(v);
    if (kind === 'amount' && typeof v === 'string' && currency) return f.money(v, currency);
    return typeof v === 'number' ? new Intl.NumberFormat(f.lang).format(v) : v;
  };
}

/** Every figure of the version with its name and definition (hover), per currency where it applies. */
export function DisclosureFigures({ d, defs }: { d: DisclosureView; defs: readonly Definition[] }) {
  const { t, i18n } = useTranslation();
  const value = useValue();
  const zh = !i18n.language.startsWith('en');
  return (
    <Card title={t('disclosures.figures', { asOf: d.doc.asOf })} size="small" style={{ marginBottom: 16 }}>
      <Table<FigureRow>
        rowKey={(r) => `${r.currency ?? ''}:${r.key}`}
        size="small"
        pagination={false}
        dataSource={figureRows(d.doc, defs)}
        columns={[
          {
            title: t('disclosures.figure'),
            key: 'name',
            render: (_: unknown, r) => (
              <Tooltip title={zh ? r.def.definitionZh : r.def.definitionEn}>
                <span>{zh ? r.def.zh : r.def.en}</span>
              </Tooltip>
            ),
          },
          { title: t('disclosures.currency'), dataIndex: 'currency', render: (v?: string) => v ?? '—' },
          {
            title: t('disclosures.value'),
            key: 'value',
            align: 'right',
            render: (_: unknown, r) => value(r.kind, r.value, r.currency),
          },
          {
            title: t('disclosures.source'),
            key: 'source',
            render: (_: unknown, r) => <Typography.Text type="secondary">{r.def.source}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

/** A correction: what changed from the published version it replaces, field by field. */
export function DisclosureDiff({ d, defs }: { d: DisclosureView; defs: readonly Definition[] }) {
  const { t, i18n } = useTranslation();
  const value = useValue();
  const zh = !i18n.language.startsWith('en');
  if (!d.diff) return null;
  return (
    <Card
      title={t('disclosures.diff', { n: d.diff.length })}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="dsc-diff"
    >
      {d.reason && (
        <Typography.Paragraph>{t('disclosures.correctionReason', { reason: d.reason })}</Typography.Paragraph>
      )}
      <Table<DiffRow>
        rowKey="path"
        size="small"
        pagination={false}
        dataSource={diffRows(d.diff, defs)}
        columns={[
          {
            title: t('disclosures.figure'),
            key: 'name',
            render: (_: unknown, r) => (r.def ? zh ? r.def.zh : r.def.en : <code>{r.path}</code>),
          },
          { title: t('disclosures.currency'), dataIndex: 'currency', render: (v?: string) => v ?? '—' },
          {
            title: t('disclosures.before'),
            key: 'before',
            align: 'right',
            render: (_: unknown, r) => value(r.def?.kind, r.before, r.currency),
          },
          {
            title: t('disclosures.after'),
            key: 'after',
            align: 'right',
            render: (_: unknown, r) => <strong>{value(r.def?.kind, r.after, r.currency)}</strong>,
          },
        ]}
      />
    </Card>
  );
}
