import { Alert, Card, Col, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hubApi, ok } from '../api/hub-client.ts';
import { FlagsTable, ThresholdsList } from './FlagsTable.tsx';
import { IndicatorsTable } from './IndicatorsTable.tsx';
import { summary } from './logic.ts';

/** Across platforms: counts, every platform's indicators with their flags, the flags, the thresholds. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['hub', 'dashboard'],
    queryFn: async () => ok(await hubApi.GET('/v1/hub/dashboard')),
  });
  if (q.isPending) return <Spin aria-label={t('hub.common.loading')} />;
  if (q.isError) return <Alert type="error" role="alert" title={q.error.message} />;
  const d = q.data;
  const s = summary(d.platforms);
  const openAlerts = d.platforms.reduce((n, r) => n + r.indicators.ledger.openAlerts, 0);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('hub.dashboard.title')}
      </Typography.Title>
      <Row gutter={16}>
        {(
          [
            ['platforms', s.platforms],
            ['flagged', s.flagged],
            ['critical', s.critical],
            ['openAlerts', openAlerts],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} lg={6}>
            <Card size="small">
              <Statistic title={t(`hub.dashboard.${k}`)} value={v} data-testid={`hub-stat-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('hub.dashboard.table')}</h2>} size="small">
        <IndicatorsTable rows={d.platforms} />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('hub.dashboard.warnings')}</h2>} size="small">
        <FlagsTable rows={d.platforms} />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('hub.dashboard.thresholds')}</h2>} size="small">
        <ThresholdsList thresholds={d.thresholds} />
      </Card>
    </Space>
  );
}
