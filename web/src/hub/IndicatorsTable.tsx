import type { ReactNode } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Indicators, PlatformRow } from '../api/hub-client.ts';
import { tone } from '../lib/tone.ts';
import { byConcern, flagsOn, percent, type IndicatorKey } from './logic.ts';
import { StatusTag } from './StatusTag.tsx';
import { useHubFormat } from './use-hub-format.ts';

/** One figure, marked with the severity of the flag it raised (the text says it, not only the colour). */
function Figure({ row, k, children }: { row: PlatformRow; k: IndicatorKey; children: ReactNode }) {
  const { t } = useTranslation();
  const f = flagsOn(row.flags, k)[0];
  return (
    <Space size={4} wrap data-indicator={k} data-flagged={f ? f.severity : undefined}>
      <span>{children}</span>
      {f && <Tag color={f.severity === 'critical' ? tone.red : tone.orange}>{t(`hub.severity.${f.severity}`)}</Tag>}
    </Space>
  );
}

/** The figures of one indicator for one platform, as the dashboard and the platform page show them. */
export function useIndicatorText() {
  const { t } = useTranslation();
  const f = useHubFormat();
  const n = (x: number | null) => (x === null ? t('hub.ind.notSent') : String(x));
  return (ind: Indicators, k: IndicatorKey): string => {
    switch (k) {
      case 'alertBacklog':
      case 'caseBacklog':
      case 'slaBreaches':
        return n(ind[k]);
      // No rate without a denominator: the count alone (0) rather than "— · 0 of 0".
      case 'reports':
        return ind.reports.submitted === 0
          ? '0'
          : `${percent(ind.reports.lateRate)} · ${t('hub.ind.reportsOf', ind.reports)}`;
      case 'complaints':
        return ind.complaints.received === 0
          ? '0'
          : `${percent(ind.complaints.breachRate)} · ${t('hub.ind.complaintsOf', ind.complaints)}`;
      case 'overdue':
        return ind.overdue.length === 0
          ? t('hub.ind.notSent')
          : ind.overdue.map((o) => `${o.currency} ${percent(o.rate)}`).join(' · ');
      case 'disclosures':
        return `${ind.disclosures.late} / ${ind.disclosures.mismatched} · ${t('hub.ind.verified', ind.disclosures)}`;
      case 'ledger':
        return `${f.hours(ind.ledger.ageHours)} · ${t('hub.ind.alerts', { n: ind.ledger.openAlerts })}`;
      case 'sync':
        return f.hours(ind.syncAgeHours);
      case 'incidents':
        return String(ind.incidentsOpen);
    }
  };
}

export const indicatorKeys: readonly IndicatorKey[] = [
  'alertBacklog',
  'caseBacklog',
  'slaBreaches',
  'reports',
  'complaints',
  'overdue',
  'disclosures',
  'ledger',
  'sync',
  'incidents',
];

/** Every platform's indicators, most concerning first; each platform links to its page (drill-down). */
export function IndicatorsTable({ rows }: { rows: readonly PlatformRow[] }) {
  const { t } = useTranslation();
  const text = useIndicatorText();
  return (
    <Table<PlatformRow>
      rowKey={(r) => r.platform.id}
      dataSource={byConcern(rows)}
      pagination={false}
      size="small"
      scroll={{ x: 1400 }}
      aria-label={t('hub.dashboard.table')}
      columns={[
        {
          key: 'platform',
          title: t('hub.dashboard.platform'),
          fixed: 'left',
          width: 180,
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              <Link to={`/platforms/${encodeURIComponent(r.platform.id)}`}>{r.platform.name}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.platform.licenceType}
              </Typography.Text>
            </Space>
          ),
        },
        { key: 'status', title: t('hub.dashboard.status'), render: (_, r) => <StatusTag status={r.platform.status} /> },
        {
          key: 'flags',
          title: t('hub.dashboard.flags'),
          render: (_, r) =>
            r.flags.length === 0 ? (
              <Typography.Text type="secondary">{t('hub.dashboard.noFlags')}</Typography.Text>
            ) : (
              <Tag color={r.flags.some((x) => x.severity === 'critical') ? tone.red : tone.orange}>
                {r.flags.length}
              </Tag>
            ),
        },
        ...indicatorKeys.map((k) => ({
          key: k,
          title: t(`hub.ind.${k}`),
          render: (_: unknown, r: PlatformRow) => (
            <Figure row={r} k={k}>
              {text(r.indicators, k)}
            </Figure>
          ),
        })),
      ]}
    />
  );
}
