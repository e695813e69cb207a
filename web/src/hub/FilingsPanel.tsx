import { Alert, Space, Spin, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hubApi, ok, type FilingsView } from '../api/hub-client.ts';
import { tone } from '../lib/tone.ts';
import { useHubFormat } from './use-hub-format.ts';
import { EmptyText } from './EmptyText.tsx';

type Report = FilingsView['reports'][number];
type Disclosure = FilingsView['disclosures'][number];
const stateTone = { verified: tone.green, pending: tone.blue, mismatch: tone.red } as const;

/** What the platform last sent: its report copies, and its disclosures with the hub's verdicts. */
export function FilingsPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useHubFormat();
  const q = useQuery({
    queryKey: ['hub', 'platform', id, 'filings'],
    queryFn: async () => ok(await hubApi.GET('/v1/hub/platforms/{id}/filings', { params: { path: { id } } })),
  });
  if (q.isPending) return <Spin aria-label={t('hub.common.loading')} />;
  if (q.isError) return <Alert type="error" role="alert" title={q.error.message} />;
  const h2 = (k: string) => (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {t(k)}
    </Typography.Title>
  );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {h2('hub.filings.reports')}
      <Table<Report>
        rowKey={(r) => `${r.tenantId}:${r.id}`}
        dataSource={q.data.reports}
        size="small"
        pagination={q.data.reports.length > 20 ? { pageSize: 20 } : false}
        aria-label={t('hub.filings.reports')}
        locale={{ emptyText: <EmptyText>{t('hub.common.none')}</EmptyText> }}
        columns={[
          { key: 'id', title: 'ID', render: (_, r) => <code>{r.id}</code> },
          {
            key: 'kind',
            title: t('hub.filings.kind'),
            render: (_, r) => `${r.format} ${r.messageType}${r.str ? ' STR' : ''}`,
          },
          { key: 'due', title: t('hub.filings.due'), dataIndex: 'dueBy' },
          { key: 'submitted', title: t('hub.filings.submitted'), render: (_, r) => f.dateTime(r.submittedAt) },
          {
            key: 'sha',
            title: t('hub.filings.sha256'),
            render: (_, r) => <code>{r.sha256?.slice(0, 16) ?? '—'}</code>,
          },
        ]}
      />
      {h2('hub.filings.disclosures')}
      <Table<Disclosure>
        rowKey={(d) => `${d.tenantId}:${d.id}:${d.version}`}
        dataSource={q.data.disclosures}
        size="small"
        pagination={q.data.disclosures.length > 20 ? { pageSize: 20 } : false}
        aria-label={t('hub.filings.disclosures')}
        locale={{ emptyText: <EmptyText>{t('hub.common.none')}</EmptyText> }}
        columns={[
          { key: 'period', title: t('hub.filings.period'), render: (_, d) => `${d.period} v${d.version}` },
          { key: 'published', title: t('hub.filings.published'), render: (_, d) => f.dateTime(d.publishedAt) },
          {
            key: 'state',
            title: t('hub.filings.state'),
            render: (_, d) => (
              <Space direction="vertical" size={0}>
                <Tag color={stateTone[d.state]}>{t(`hub.filings.s.${d.state}`)}</Tag>
                {d.reasons.map((r) => (
                  <Typography.Text key={r.en} type="secondary" style={{ fontSize: 12 }}>
                    {f.zh ? r.zh : r.en}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
