import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Row, Select, Space, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import { download } from '../cases/CaseAttachments.tsx';
import { labeller } from './labels.ts';
import { ReserveCard } from './ReserveCard.tsx';
import { countRows, percent, quarterRange, recentQuarters } from './stats.ts';

const localToday = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.now());

function Counts({
  title,
  counts,
  label,
}: {
  title: string;
  counts: Record<string, number>;
  label: (c: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Card title={title} size="small">
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={countRows(counts)}
        columns={[
          { title: t('complaints.stats.code'), dataIndex: 'code', render: (v: string) => label(v) },
          { title: t('complaints.stats.count'), dataIndex: 'count', align: 'right' },
        ]}
      />
    </Card>
  );
}

/** Statistics of a quarter's complaints and the quarterly statistics file (CSV, XLSX). */
export function ComplaintStats() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const quarters = recentQuarters(localToday(f.timeZone), 6);
  const [quarter, setQuarter] = useState(quarters[0] ?? '2026Q1');
  const range = quarterRange(quarter);
  const q = useQuery({
    queryKey: ['complaint-stats', quarter],
    queryFn: async () => ok(await api.GET('/v1/complaints/statistics', { params: { query: range } })),
  });
  const table = useQuery({
    queryKey: ['complaint-classification'],
    queryFn: async () => ok(await api.GET('/v1/complaints/classification')),
  });
  const label = labeller(table.data, i18n.language);
  const s = q.data;
  const get = async (ext: 'csv' | 'xlsx') => {
    try {
      await download(`/v1/complaints/statistics.${ext}?quarter=${quarter}`, `complaints-${quarter}.${ext}`);
    } catch {
      void message.error(t('common.networkError'));
    }
  };
  const days = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(1));
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('complaints.stats.quarter')}
          style={{ width: 140 }}
          value={quarter}
          options={quarters.map((v) => ({ value: v, label: v }))}
          onChange={setQuarter}
        />
        <span>
          {range.from} – {range.to}
        </span>
        {(['csv', 'xlsx'] as const).map((ext) => (
          <Button
            key={ext}
            icon={<DownloadOutlined />}
            data-testid={`cmp-stats-${ext}`}
            onClick={() => void get(ext)}
            aria-label={t('complaints.stats.download', { format: ext.toUpperCase() })}
          >
            {ext.toUpperCase()}
          </Button>
        ))}
      </Space>
      <Card size="small" loading={q.isLoading} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={4}>
            <Statistic title={t('complaints.stats.received')} value={s?.received ?? 0} />
          </Col>
          <Col span={4}>
            <Statistic title={t('complaints.stats.decided')} value={s?.decided ?? 0} />
          </Col>
          <Col span={4}>
            <Statistic title={t('complaints.stats.breached')} value={s?.breached ?? 0} />
          </Col>
          <Col span={4}>
            <Statistic title={t('complaints.stats.breachRate')} value={percent(s?.breachRate ?? 0)} />
          </Col>
          <Col span={4}>
            <Statistic title={t('complaints.stats.resolutionRate')} value={percent(s?.resolutionRate ?? 0)} />
          </Col>
          <Col span={4}>
            <Statistic
              title={t('complaints.stats.daysToDecision')}
              value={`${days(s?.meanDaysToDecision)} / ${days(s?.medianDaysToDecision)}`}
            />
          </Col>
        </Row>
      </Card>
      {s && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Counts title={t('complaints.stats.byCategory')} counts={s.byCategory} label={label.category} />
          </Col>
          <Col xs={24} lg={8}>
            <Counts
              title={t('complaints.stats.byChannel')}
              counts={s.byChannel}
              label={(c) => t(`complaints.channels.${c}`, { defaultValue: c })}
            />
          </Col>
          <Col xs={24} lg={8}>
            <Counts
              title={t('complaints.stats.byOutcome')}
              counts={s.byOutcome}
              label={(c) => t(`complaints.outcome.${c}`, { defaultValue: c })}
            />
          </Col>
          <Col xs={24} lg={8}>
            <Counts title={t('complaints.stats.byCause')} counts={s.byCause} label={label.cause} />
          </Col>
          <Col xs={24} lg={8}>
            <Counts title={t('complaints.stats.byProduct')} counts={s.byProduct} label={(c) => c} />
          </Col>
          <Col xs={24} lg={8}>
            <Counts title={t('complaints.stats.byRootCause')} counts={s.byRootCause} label={(c) => c} />
          </Col>
        </Row>
      )}
      <ReserveCard />
    </>
  );
}
