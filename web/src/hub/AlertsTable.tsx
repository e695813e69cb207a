import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { HubAlert } from '../api/hub-client.ts';
import { tone } from '../lib/tone.ts';
import { useHubFormat } from './use-hub-format.ts';
import { EmptyText } from './EmptyText.tsx';
import { AlertActions } from './AlertActions.tsx';

const kindTone = {
  inconsistent: tone.red,
  unknown_key: tone.red,
  stale: tone.orange,
  disclosure_mismatch: tone.volcano,
};

const stateTone = {
  open: tone.red,
  acknowledged: tone.orange,
  resolving: tone.purple,
  resolved: tone.green,
  closed: tone.gray,
};

/** Hub alerts with their handling (acknowledge, resolve, four-eyes confirm); a row opens to the two checkpoints a rewritten history or an unknown key names. */
export function AlertsTable({ alerts, names }: { alerts: readonly HubAlert[]; names?: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const f = useHubFormat();
  return (
    <Table<HubAlert>
      rowKey="id"
      dataSource={[...alerts]}
      pagination={alerts.length > 50 ? { pageSize: 50 } : false}
      size="small"
      aria-label={t('hub.alerts.title')}
      locale={{ emptyText: <EmptyText>{t('hub.alerts.none')}</EmptyText> }}
      expandable={{
        rowExpandable: (a) => a.acceptedCheckpoint !== null || a.submittedCheckpoint !== null,
        expandedRowRender: (a) => (
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: 16 }}>
            {(
              [
                ['accepted', a.acceptedCheckpoint],
                ['submitted', a.submittedCheckpoint],
              ] as const
            ).map(([k, cp]) => (
              <div key={k}>
                <Typography.Text strong>{t(`hub.alerts.${k}`)}</Typography.Text>
                <pre style={{ fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }}>
                  {cp ?? '—'}
                </pre>
              </div>
            ))}
          </div>
        ),
      }}
      columns={[
        {
          key: 'kind',
          title: t('hub.alerts.kind'),
          render: (_, a) => (
            <Tag color={kindTone[a.kind]} data-kind={a.kind}>
              {t(`hub.alerts.k.${a.kind}`)}
            </Tag>
          ),
        },
        ...(names
          ? [
              {
                key: 'platform',
                title: t('hub.alerts.platform'),
                render: (_: unknown, a: HubAlert) => (
                  <Link to={`/platforms/${encodeURIComponent(a.platformId)}`}>
                    {names.get(a.platformId) ?? a.platformId}
                  </Link>
                ),
              },
            ]
          : []),
        { key: 'message', title: t('hub.alerts.message'), render: (_, a) => (f.zh ? a.messageZh : a.message) },
        { key: 'raised', title: t('hub.alerts.raised'), render: (_, a) => f.dateTime(a.raisedAt) },
        {
          key: 'state',
          title: t('hub.alerts.state'),
          render: (_, a) => (
            <Space direction="vertical" size={0}>
              <Tag color={stateTone[a.state]} data-alert-state={a.state}>
                {t(`hub.alerts.s.${a.state}`)}
              </Tag>
              {a.closedAt !== null && <Typography.Text type="secondary">{f.dateTime(a.closedAt)}</Typography.Text>}
            </Space>
          ),
        },
        { key: 'handling', title: t('hub.alerts.handling'), render: (_, a) => <AlertActions alert={a} /> },
      ]}
    />
  );
}
