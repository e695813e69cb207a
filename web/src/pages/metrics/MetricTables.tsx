import { Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from './ExportButtons.tsx';
import { duration, percent, type Metrics } from './metrics-charts.ts';

type CloseStat = Metrics['timeToClose']['byQueue'][number];
type Effectiveness = Metrics['effectiveness']['byRule'][number];
type Range = { from: string; to: string };

/** Time to close (median and 90th percentile) per queue or per assignee. */
export function CloseTable(props: { m: Metrics; by: 'queue' | 'assignee'; range: Range }) {
  const { t, i18n } = useTranslation();
  const unit = { hours: t('metrics.hours'), days: t('metrics.days') };
  const id = props.by === 'queue' ? 'time-to-close-queue' : 'time-to-close-assignee';
  const rows = props.by === 'queue' ? props.m.timeToClose.byQueue : props.m.timeToClose.byAssignee;
  return (
    <Card size="small" title={t(`metrics.tables.${id}`)} extra={<ExportButtons table={id} range={props.range} />}>
      <Table<CloseStat>
        rowKey={(r) => r.key ?? ''}
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: <span style={{ color: '#595959' }}>{t('metrics.noClosed')}</span> }}
        columns={[
          {
            title: t(props.by === 'queue' ? 'metrics.queue' : 'metrics.assignee'),
            dataIndex: 'key',
            render: (v: string | null) => v ?? t('metrics.unassigned'),
          },
          { title: t('metrics.closed'), dataIndex: 'closed', align: 'right' },
          {
            title: t('metrics.median'),
            dataIndex: 'medianMs',
            align: 'right',
            render: (v: number) => duration(v, i18n.language, unit),
          },
          {
            title: t('metrics.p90'),
            dataIndex: 'p90Ms',
            align: 'right',
            render: (v: number) => duration(v, i18n.language, unit),
          },
        ]}
      />
    </Card>
  );
}

/** What each rule's (or typology's) alerts became: cases, filed reports, false positives. */
export function EffectivenessTable(props: { m: Metrics; by: 'rules' | 'typologies'; range: Range }) {
  const { t, i18n } = useTranslation();
  const rows = props.by === 'rules' ? props.m.effectiveness.byRule : props.m.effectiveness.byTypology;
  return (
    <Card
      size="small"
      title={t(`metrics.tables.${props.by}`)}
      extra={<ExportButtons table={props.by} range={props.range} />}
    >
      <Table<Effectiveness>
        rowKey="key"
        locale={{ emptyText: <span style={{ color: '#595959' }}>{t('common.none')}</span> }}
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        dataSource={rows}
        columns={[
          { title: t(props.by === 'rules' ? 'metrics.rule' : 'metrics.typology'), dataIndex: 'key' },
          { title: t('metrics.alerts'), dataIndex: 'alerts', align: 'right' },
          { title: t('metrics.cases'), dataIndex: 'cases', align: 'right' },
          ...(props.m.strVisible
            ? [{ title: t('metrics.reportsFiled'), dataIndex: 'reportsFiled', align: 'right' as const }]
            : []),
          { title: t('metrics.closedAlerts'), dataIndex: 'closedAlerts', align: 'right' },
          { title: t('metrics.falsePositives'), dataIndex: 'falsePositives', align: 'right' },
          {
            title: t('metrics.fpRate'),
            dataIndex: 'falsePositiveRate',
            align: 'right',
            render: (v: number | null) => percent(v, i18n.language),
          },
        ]}
      />
    </Card>
  );
}

/** Share of events monitored by a rule set in force, and of high-risk customers under monitoring. */
export function CoverageCard({ m, range }: { m: Metrics; range: Range }) {
  const { t, i18n } = useTranslation();
  const c = m.coverage;
  return (
    <Card size="small" title={t('metrics.tables.coverage')} extra={<ExportButtons table="coverage" range={range} />}>
      <Row gutter={16}>
        <Col span={12}>
          <Statistic
            title={t('metrics.eventsMonitored')}
            value={percent(c.monitoredShare, i18n.language)}
            suffix={<span style={{ fontSize: 14 }}>{`(${c.monitoredEvents} / ${c.events})`}</span>}
          />
        </Col>
        <Col span={12}>
          <Statistic
            title={t('metrics.highRiskMonitored')}
            value={percent(c.highRiskMonitoredShare, i18n.language)}
            suffix={<span style={{ fontSize: 14 }}>{`(${c.highRiskMonitored} / ${c.highRiskCustomers})`}</span>}
          />
        </Col>
      </Row>
    </Card>
  );
}
