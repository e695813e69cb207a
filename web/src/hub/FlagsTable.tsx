import { Descriptions, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Flag, PlatformRow, Thresholds } from '../api/hub-client.ts';
import { tone } from '../lib/tone.ts';
import { flagFigure, percent } from './logic.ts';
import { EmptyText } from './EmptyText.tsx';

interface Row extends Flag {
  platformId: string;
  platformName: string;
}

/** Each early-warning flag with the value, the threshold it crossed and the setting that holds it. */
export function FlagsTable({ rows, showPlatform = true }: { rows: readonly PlatformRow[]; showPlatform?: boolean }) {
  const { t, i18n } = useTranslation();
  const data: Row[] = rows.flatMap((r) =>
    r.flags.map((f) => ({ ...f, platformId: r.platform.id, platformName: r.platform.name })),
  );
  return (
    <Table<Row>
      rowKey={(r) => `${r.platformId}:${r.code}:${r.message}`}
      dataSource={data}
      pagination={false}
      size="small"
      locale={{ emptyText: <EmptyText>{t('hub.dashboard.noWarnings')}</EmptyText> }}
      aria-label={t('hub.dashboard.warnings')}
      columns={[
        ...(showPlatform
          ? [
              {
                key: 'platform',
                title: t('hub.dashboard.platform'),
                render: (_: unknown, r: Row) => (
                  <Link to={`/platforms/${encodeURIComponent(r.platformId)}`}>{r.platformName}</Link>
                ),
              },
            ]
          : []),
        {
          key: 'severity',
          title: t('hub.dashboard.severity'),
          render: (_, r) => (
            <Tag color={r.severity === 'critical' ? tone.red : tone.orange}>{t(`hub.severity.${r.severity}`)}</Tag>
          ),
        },
        {
          key: 'message',
          title: t('hub.dashboard.message'),
          render: (_, r) => (i18n.language.startsWith('zh') ? r.messageZh : r.message),
        },
        { key: 'value', title: t('hub.dashboard.value'), render: (_, r) => flagFigure(r, r.value) },
        { key: 'threshold', title: t('hub.dashboard.threshold'), render: (_, r) => flagFigure(r, r.threshold) },
        {
          key: 'setting',
          title: t('hub.dashboard.setting'),
          render: (_, r) => (r.setting ? <code>{r.setting}</code> : '—'),
        },
      ]}
    />
  );
}

const rateKeys = new Set(['reportLateRate', 'complaintBreachRate', 'overdueRate']);

/** The thresholds in force, by setting name. */
export function ThresholdsList({ thresholds }: { thresholds: Thresholds }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      items={Object.entries(thresholds).map(([k, v]) => ({
        key: k,
        label: t(`hub.th.${k}`),
        children: (
          <span data-threshold={k}>
            {rateKeys.has(k) ? percent(v) : String(v)} <code style={{ fontSize: 12 }}>{k}</code>
          </span>
        ),
      }))}
    />
  );
}
