import { Alert, Descriptions, Space, Spin, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hubApi, ok, type Checkpoint, type HubAlert } from '../api/hub-client.ts';
import { AlertsTable } from './AlertsTable.tsx';
import { useHubFormat } from './use-hub-format.ts';
import { EmptyText } from './EmptyText.tsx';

/** The platform's ledger as the hub witnessed it: the latest cosigned checkpoint, the ones before, open alerts. */
export function LedgerPanel({
  id,
  witnessed,
  openAlerts,
}: {
  id: string;
  witnessed: Checkpoint | null;
  openAlerts: readonly HubAlert[];
}) {
  const { t } = useTranslation();
  const f = useHubFormat();
  const q = useQuery({
    queryKey: ['hub', 'platform', id, 'checkpoints'],
    queryFn: async () =>
      ok(await hubApi.GET('/v1/hub/platforms/{id}/checkpoints', { params: { path: { id } } })).checkpoints,
  });
  const h2 = (k: string) => (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {t(k)}
    </Typography.Title>
  );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {h2('hub.ledger.witnessed')}
      {witnessed ? (
        <Descriptions
          size="small"
          bordered
          column={1}
          items={[
            {
              key: 'size',
              label: t('hub.ledger.size'),
              children: <span data-testid="witnessed-size">{witnessed.size}</span>,
            },
            {
              key: 'root',
              label: t('hub.ledger.root'),
              children: <code style={{ wordBreak: 'break-all' }}>{witnessed.rootHash}</code>,
            },
            { key: 'at', label: t('hub.ledger.at'), children: f.dateTime(witnessed.at) },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('hub.ledger.none')}</Typography.Text>
      )}
      {h2('hub.alerts.title')}
      <AlertsTable alerts={openAlerts} />
      {h2('hub.ledger.checkpoints')}
      {q.isError ? (
        <Alert type="error" role="alert" title={q.error.message} />
      ) : q.isPending ? (
        <Spin aria-label={t('hub.common.loading')} />
      ) : (
        <Table<Checkpoint>
          rowKey={(c) => `${c.size}:${c.rootHash}`}
          dataSource={q.data}
          size="small"
          pagination={q.data.length > 20 ? { pageSize: 20 } : false}
          aria-label={t('hub.ledger.checkpoints')}
          locale={{ emptyText: <EmptyText>{t('hub.common.none')}</EmptyText> }}
          columns={[
            { key: 'size', title: t('hub.ledger.size'), dataIndex: 'size' },
            { key: 'root', title: t('hub.ledger.root'), render: (_, c) => <code>{c.rootHash}</code> },
            { key: 'at', title: t('hub.ledger.at'), render: (_, c) => f.dateTime(c.at) },
          ]}
        />
      )}
    </Space>
  );
}
