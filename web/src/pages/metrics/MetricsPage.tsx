import './i18n.ts';
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Select, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { EChart } from '../../lib/EChart.tsx';
import { useFormat } from '../../lib/use-format.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { CloseTable, CoverageCard, EffectivenessTable } from './MetricTables.tsx';
import { MetricDefinitions } from './MetricDefinitions.tsx';
import { agingOption, funnelOption, percent } from './metrics-charts.ts';

const DAY = 86_400_000;

/** What examiners ask for: the funnel, case aging, time to close, rule effectiveness and coverage, each exportable. */
export default function MetricsPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [days, setDays] = useState(90);
  const [to] = useState(() => Date.now());
  const range = useMemo(
    () => ({ from: new Date(to - days * DAY).toISOString(), to: new Date(to).toISOString() }),
    [days, to],
  );
  const q = useQuery({
    queryKey: ['metrics', range],
    queryFn: async () => ok(await api.GET('/v1/metrics/compliance', { params: { query: range } })),
  });
  const m = q.data;
  const funnel = useMemo(
    () => (m ? funnelOption(m, (k) => t(`metrics.stage.${k}`)) : undefined),
    [m, t, i18n.language],
  );
  const aging = useMemo(
    () =>
      m
        ? agingOption(m, { open: t('metrics.openCases'), overdue: t('metrics.overdue'), days: t('metrics.days') })
        : undefined,
    [m, t, i18n.language],
  );

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('menu.metrics')}
        </Typography.Title>
        <Space wrap>
          <Select
            aria-label={t('metrics.period')}
            value={days}
            onChange={setDays}
            style={{ width: 160 }}
            options={[30, 90, 365].map((d) => ({ value: d, label: t('metrics.lastDays', { n: d }) }))}
          />
          <ExportButtons table="all" range={range} />
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('metrics.periodLine', { from: f.dateTime(Date.parse(range.from)), to: f.dateTime(to), tz: f.timeZone })}
      </Typography.Paragraph>
      {q.isError && <Alert type="error" role="alert" title={t('common.networkError')} />}
      {m && (
        <>
          {!m.strVisible && <Alert type="info" showIcon title={t('metrics.strHidden')} style={{ marginBottom: 16 }} />}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={t('metrics.tables.funnel')}
                extra={<ExportButtons table="funnel" range={range} />}
              >
                <Row gutter={8} style={{ marginBottom: 8 }}>
                  <Col span={8}>
                    <Statistic title={t('metrics.alertToCase')} value={percent(m.funnel.alertToCase, i18n.language)} />
                  </Col>
                  {m.strVisible && (
                    <>
                      <Col span={8}>
                        <Statistic
                          title={t('metrics.caseToReport')}
                          value={percent(m.funnel.caseToReport, i18n.language)}
                        />
                      </Col>
                      <Col span={8}>
                        <Statistic title={t('metrics.reportsFiled')} value={m.funnel.reportsFiled ?? '—'} />
                      </Col>
                    </>
                  )}
                </Row>
                {funnel && <EChart option={funnel} label={t('metrics.tables.funnel')} height={260} />}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                size="small"
                title={t('metrics.tables.aging')}
                extra={<ExportButtons table="aging" range={range} />}
              >
                {aging && <EChart option={aging} label={t('metrics.tables.aging')} height={330} />}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <CloseTable m={m} by="queue" range={range} />
            </Col>
            <Col xs={24} xl={12}>
              <CloseTable m={m} by="assignee" range={range} />
            </Col>
            <Col xs={24}>
              <EffectivenessTable m={m} by="rules" range={range} />
            </Col>
            <Col xs={24}>
              <EffectivenessTable m={m} by="typologies" range={range} />
            </Col>
            <Col xs={24}>
              <CoverageCard m={m} range={range} />
            </Col>
          </Row>
          <MetricDefinitions />
        </>
      )}
    </>
  );
}
