import { useState } from 'react';
import { Alert, Card, Segmented, Space, Spin, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hubApi, ok, type PlatformRow } from '../api/hub-client.ts';
import { AlertsTable } from './AlertsTable.tsx';
import { HubLedgerCard } from './HubLedgerCard.tsx';
import { flagsOn } from './logic.ts';
import { StatusTag } from './StatusTag.tsx';
import { useHubFormat } from './use-hub-format.ts';

/**
 * Witness and ledger health across platforms, the hub's own ledger, and the hub's alerts (rewritten
 * history, unknown key, staleness) with their handling.
 */
export default function AlertsPage() {
  const { t } = useTranslation();
  const f = useHubFormat();
  const [open, setOpen] = useState<'true' | 'false'>('true');
  const dash = useQuery({
    queryKey: ['hub', 'dashboard'],
    queryFn: async () => ok(await hubApi.GET('/v1/hub/dashboard')),
  });
  const alerts = useQuery({
    queryKey: ['hub', 'alerts', open],
    queryFn: async () =>
      ok(
        await hubApi.GET('/v1/hub/alerts', {
          params: { query: open === 'true' ? { open, limit: '500' } : { limit: '500' } },
        }),
      ).alerts,
  });
  const names = new Map((dash.data?.platforms ?? []).map((r) => [r.platform.id, r.platform.name]));
  const h2 = (k: string) => <h2 style={{ fontSize: 16, margin: 0 }}>{t(k)}</h2>;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('hub.menu.alerts')}
      </Typography.Title>
      <Card size="small" title={h2('hub.ledger.health')}>
        {dash.isError ? (
          <Alert type="error" role="alert" title={dash.error.message} />
        ) : dash.isPending ? (
          <Spin aria-label={t('hub.common.loading')} />
        ) : (
          <Table<PlatformRow>
            rowKey={(r) => r.platform.id}
            dataSource={dash.data.platforms}
            size="small"
            pagination={false}
            aria-label={t('hub.ledger.health')}
            columns={[
              {
                key: 'platform',
                title: t('hub.dashboard.platform'),
                render: (_, r) => <Link to={`/platforms/${encodeURIComponent(r.platform.id)}`}>{r.platform.name}</Link>,
              },
              {
                key: 'status',
                title: t('hub.dashboard.status'),
                render: (_, r) => <StatusTag status={r.platform.status} />,
              },
              {
                key: 'last',
                title: t('hub.ledger.lastCosigned'),
                render: (_, r) => f.dateTime(r.indicators.ledger.lastCosignedAt),
              },
              { key: 'age', title: t('hub.ledger.age'), render: (_, r) => f.hours(r.indicators.ledger.ageHours) },
              { key: 'alerts', title: t('hub.ledger.openAlerts'), render: (_, r) => r.indicators.ledger.openAlerts },
              {
                key: 'flags',
                title: t('hub.dashboard.flags'),
                render: (_, r) =>
                  flagsOn(r.flags, 'ledger')
                    .map((x) => (f.zh ? x.messageZh : x.message))
                    .join(' ') || t('hub.dashboard.noFlags'),
              },
            ]}
          />
        )}
      </Card>
      <HubLedgerCard />
      <Card
        size="small"
        title={h2('hub.alerts.title')}
        extra={
          <Segmented<'true' | 'false'>
            aria-label={t('hub.alerts.title')}
            size="small"
            value={open}
            onChange={setOpen}
            options={[
              { label: t('hub.alerts.open'), value: 'true' },
              { label: t('hub.alerts.all'), value: 'false' },
            ]}
          />
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('hub.alerts.ackNote')}</Typography.Text>
          {alerts.isError ? (
            <Alert type="error" role="alert" title={alerts.error.message} />
          ) : alerts.isPending ? (
            <Spin aria-label={t('hub.common.loading')} />
          ) : (
            <AlertsTable alerts={alerts.data} names={names} />
          )}
        </Space>
      </Card>
    </Space>
  );
}
