import { Alert, Breadcrumb, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { hubApi, ok, type ExitPlanView } from '../api/hub-client.ts';
import { tone } from '../lib/tone.ts';
import { useHubFormat } from './use-hub-format.ts';

type Item = NonNullable<ExitPlanView['plan']>['items'][number];

/** A winding-down platform's exit plan: each item from wind-down to now, closed or open, and whether exit may go. */
export default function ExitPlanPage() {
  const { t } = useTranslation();
  const f = useHubFormat();
  const id = useParams().id ?? '';
  const platform = useQuery({
    queryKey: ['hub', 'platform', id],
    queryFn: async () => ok(await hubApi.GET('/v1/hub/platforms/{id}', { params: { path: { id } } })),
  });
  const q = useQuery({
    queryKey: ['hub', 'platform', id, 'exit-plan'],
    queryFn: async () => ok(await hubApi.GET('/v1/hub/platforms/{id}/exit-plan', { params: { path: { id } } })),
  });
  if (q.isPending) return <Spin aria-label={t('hub.common.loading')} />;
  if (q.isError) return <Alert type="error" role="alert" title={q.error.message} />;
  const { plan, ready, reason, reasonZh } = q.data;
  const name = platform.data?.platform.name ?? id;
  const figure = (i: Item, x: number) => (i.unit === 'minor' && i.currency ? f.minor(x, i.currency) : String(x));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/dashboard">{t('hub.menu.dashboard')}</Link> },
          { title: <Link to={`/platforms/${encodeURIComponent(id)}`}>{name}</Link> },
          { title: t('hub.exit.title') },
        ]}
      />
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('hub.exit.title')} · {name}
      </Typography.Title>
      {!plan ? (
        <Typography.Text type="secondary">{t('hub.exit.none')}</Typography.Text>
      ) : (
        <>
          <Alert
            type={ready ? 'success' : 'warning'}
            data-testid="exit-verdict"
            title={ready ? t('hub.exit.ready') : t('hub.exit.notReady')}
            description={ready ? undefined : f.zh ? reasonZh : reason}
          />
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'opened', label: t('hub.exit.opened'), children: f.dateTime(plan.openedAt) },
              { key: 'updated', label: t('hub.exit.updated'), children: f.dateTime(plan.dataAt) },
            ]}
          />
          <Table<Item>
            rowKey="key"
            dataSource={plan.items}
            size="small"
            pagination={false}
            aria-label={t('hub.exit.title')}
            onRow={(i) => ({ 'data-item': i.key }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: 'item', title: t('hub.exit.item'), render: (_, i) => (f.zh ? i.labelZh : i.label) },
              { key: 'initial', title: t('hub.exit.initial'), render: (_, i) => figure(i, i.initial) },
              { key: 'current', title: t('hub.exit.current'), render: (_, i) => figure(i, i.current) },
              {
                key: 'state',
                title: t('hub.exit.state'),
                render: (_, i) =>
                  i.closedAt === null ? (
                    <Tag color={tone.orange}>{t('hub.exit.open')}</Tag>
                  ) : (
                    <Tag color={tone.green}>{t('hub.exit.closedAt', { at: f.dateTime(i.closedAt) })}</Tag>
                  ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
