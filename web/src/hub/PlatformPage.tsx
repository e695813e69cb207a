import { Alert, Breadcrumb, Button, Descriptions, Space, Spin, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { hubApi, ok } from '../api/hub-client.ts';
import { FilingsPanel } from './FilingsPanel.tsx';
import { IndicatorsPanel } from './IndicatorsPanel.tsx';
import { LedgerPanel } from './LedgerPanel.tsx';
import { StatusPanel } from './StatusPanel.tsx';
import { StatusTag } from './StatusTag.tsx';
import { useHubFormat } from './use-hub-format.ts';

/** One platform (the dashboard's drill-down): its record, indicators, status under four eyes, ledger, filings. */
export default function PlatformPage() {
  const { t } = useTranslation();
  const f = useHubFormat();
  const id = useParams().id ?? '';
  const q = useQuery({
    queryKey: ['hub', 'platform', id],
    queryFn: async () => ok(await hubApi.GET('/v1/hub/platforms/{id}', { params: { path: { id } } })),
  });
  if (q.isPending) return <Spin aria-label={t('hub.common.loading')} />;
  if (q.isError) return <Alert type="error" role="alert" title={q.error.message} />;
  const { platform: p, witnessed, openAlerts } = q.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/dashboard">{t('hub.menu.dashboard')}</Link> }, { title: p.name }]} />
      <Space align="center" wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {p.name}
        </Typography.Title>
        <StatusTag status={p.status} />
        {(p.status === 'winding_down' || p.status === 'exited') && (
          <Link to={`/platforms/${encodeURIComponent(p.id)}/exit-plan`}>
            <Button>{t('hub.platform.exitPlan')}</Button>
          </Link>
        )}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'id', label: 'ID', children: <code>{p.id}</code> },
          { key: 'licence', label: t('hub.platform.licence'), children: p.licenceType },
          { key: 'scope', label: t('hub.platform.scope'), children: p.businessScope.join(', ') || '—' },
          { key: 'origin', label: t('hub.platform.origin'), children: <code>{p.origin}</code> },
          { key: 'registered', label: t('hub.platform.registered'), children: f.dateTime(p.registeredAt) },
        ]}
      />
      <Tabs
        items={[
          { key: 'indicators', label: t('hub.platform.tabs.indicators'), children: <IndicatorsPanel id={p.id} /> },
          { key: 'status', label: t('hub.platform.tabs.status'), children: <StatusPanel platform={p} /> },
          {
            key: 'ledger',
            label: t('hub.platform.tabs.ledger'),
            children: <LedgerPanel id={p.id} witnessed={witnessed} openAlerts={openAlerts} />,
          },
          { key: 'filings', label: t('hub.platform.tabs.filings'), children: <FilingsPanel id={p.id} /> },
        ]}
      />
    </Space>
  );
}
