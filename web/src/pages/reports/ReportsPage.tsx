import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone } from '../../lib/tone.ts';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError, okAs } from '../../api/client.ts';
import type { AlertRecord, RegisterRow, ReportRecord, ReportStatus } from '../../api/types.ts';
import { can } from '../../lib/roles.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { DeadlineTag, ReportStatusTag } from './ReportTags.tsx';

/** Large-value obligations no report has taken up yet, drafted into one PBOC report. */
function DraftFromObligations() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const q = useQuery({
    queryKey: ['obligations'],
    queryFn: async () =>
      okAs<{ alerts: AlertRecord[] }>(
        await api.GET('/v1/alerts', { params: { query: { source: 'obligation', unreported: 'true', limit: '500' } } }),
      ),
  });
  const draft = async () => {
    try {
      const r = okAs<{ report: ReportRecord }>(
        await api.POST('/v1/reports/pboc/large-value', { body: { alertIds: selected } as never }),
      );
      void message.success(t('reports.drafted'));
      await qc.invalidateQueries({ queryKey: ['reports'] });
      await qc.invalidateQueries({ queryKey: ['obligations'] });
      void nav(`/reports/${r.report.id}`);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };
  return (
    <Card title={t('reports.obligations')} size="small" style={{ marginBottom: 16 }}>
      <Table<AlertRecord>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isLoading}
        dataSource={q.data?.alerts ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
        columns={[
          { title: t('alerts.id'), dataIndex: 'id' },
          { title: t('cases.customer'), dataIndex: 'customerId' },
          { title: t('alerts.typology'), dataIndex: 'type' },
          { title: t('alerts.code'), dataIndex: 'code' },
          { title: t('alerts.dueBy'), dataIndex: 'dueBy' },
          { title: t('alerts.occurred'), dataIndex: 'occurredAt', render: (v: number) => f.dateTime(v) },
        ]}
      />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        disabled={selected.length === 0}
        onClick={() => void draft()}
        data-testid="draft-lv"
      >
        {t('reports.draftLargeValue', { n: selected.length })}
      </Button>
    </Card>
  );
}

export default function ReportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const s = useSession();
  const [status, setStatus] = useState<ReportStatus>();
  const q = useQuery({
    queryKey: ['reports', status],
    queryFn: async () =>
      okAs<{ reports: RegisterRow[] }>(await api.GET('/v1/reports', { params: { query: status ? { status } : {} } })),
  });
  return (
    <>
      <Typography.Title level={2}>{t('menu.reports')}</Typography.Title>
      {can(s.user.roles, 'reports:write') && <DraftFromObligations />}
      <Card title={t('reports.register')} size="small">
        <Space style={{ marginBottom: 12 }}>
          <Select
            allowClear
            aria-label={t('reports.status')}
            placeholder={t('reports.status')}
            style={{ width: 180 }}
            value={status}
            onChange={setStatus}
            options={(['draft', 'approved', 'submitted', 'acknowledged', 'rejected'] as const).map((v) => ({
              value: v,
              label: t(`reportStatus.${v}`),
            }))}
          />
        </Space>
        <Table<RegisterRow>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={q.data?.reports ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('reports.id'), dataIndex: 'id', render: (v: string) => <Link to={`/reports/${v}`}>{v}</Link> },
            { title: t('reports.format'), dataIndex: 'format', render: (v: string) => t(`reportFormat.${v}`) },
            {
              title: t('reports.status'),
              dataIndex: 'status',
              render: (v: ReportStatus, r) => (
                <>
                  <ReportStatusTag s={v} />
                  {r.str && <Tag color={tone.magenta}>{t('reports.str')}</Tag>}
                </>
              ),
            },
            { title: t('reports.deadline'), key: 'deadline', render: (_: unknown, r) => <DeadlineTag r={r} /> },
            { title: t('reports.file'), dataIndex: 'fileName', render: (v: string | null) => v ?? '—' },
            { title: t('reports.created'), dataIndex: 'createdAt', render: (v: number) => f.dateTime(v) },
          ]}
        />
      </Card>
    </>
  );
}
