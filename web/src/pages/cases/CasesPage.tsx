import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Select, Space, Switch, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, okAs } from '../../api/client.ts';
import type { CaseWithSla, Priority } from '../../api/types.ts';
import { can } from '../../lib/roles.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { AlertsQueue } from './AlertsQueue.tsx';
import { PriorityTag, SlaTag, StatusTag } from './CaseTags.tsx';

const statuses = [
  'open',
  'assigned',
  'investigating',
  'escalated',
  'closed_false_positive',
  'closed_no_report',
  'reported',
];
const priorities: Priority[] = ['low', 'medium', 'high', 'critical'];

interface Filters {
  status: string[];
  priority?: Priority;
  mine: boolean;
  overdue: boolean;
}

function CasesQueue() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const s = useSession();
  const f = useFormat();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Filters>({
    status: ['open', 'assigned', 'investigating', 'escalated'],
    mine: false,
    overdue: false,
  });
  const [selected, setSelected] = useState<string[]>([]);
  const q = useQuery({
    queryKey: ['cases', filters],
    queryFn: async () =>
      okAs<{ cases: CaseWithSla[] }>(
        await api.GET('/v1/cases', {
          params: {
            query: {
              limit: '500',
              ...(filters.status.length ? { status: filters.status.join(',') } : {}),
              ...(filters.priority ? { priority: filters.priority } : {}),
              ...(filters.mine ? { assignee: s.user.id } : {}),
              ...(filters.overdue ? { overdue: 'true' as const } : {}),
            },
          },
        }),
      ),
  });

  const assignToMe = async () => {
    const r = okAs<{ results: { ok: boolean }[] }>(
      await api.POST('/v1/cases:bulk', {
        body: { caseIds: selected, action: { type: 'assign', assignee: s.user.id } },
      }),
    );
    const good = r.results.filter((x) => x.ok).length;
    void message.success(t('cases.bulkDone', { ok: good, failed: r.results.length - good }));
    setSelected([]);
    await qc.invalidateQueries({ queryKey: ['cases'] });
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          mode="multiple"
          allowClear
          aria-label={t('cases.status')}
          placeholder={t('cases.status')}
          style={{ minWidth: 260 }}
          value={filters.status}
          options={statuses.map((v) => ({ value: v, label: t(`caseStatus.${v}`) }))}
          onChange={(status) => setFilters({ ...filters, status })}
        />
        <Select
          allowClear
          aria-label={t('cases.priority')}
          placeholder={t('cases.priority')}
          style={{ width: 140 }}
          value={filters.priority}
          options={priorities.map((v) => ({ value: v, label: t(`priority.${v}`) }))}
          onChange={(priority?: Priority) => setFilters({ ...filters, priority })}
        />
        <label>
          <Switch size="small" checked={filters.mine} onChange={(mine) => setFilters({ ...filters, mine })} />{' '}
          {t('cases.mine')}
        </label>
        <label>
          <Switch size="small" checked={filters.overdue} onChange={(overdue) => setFilters({ ...filters, overdue })} />{' '}
          {t('cases.overdue')}
        </label>
        {can(s.user.roles, 'cases:work') && (
          <Button disabled={selected.length === 0} onClick={() => void assignToMe()} data-testid="bulk-assign">
            {t('cases.assignToMe', { n: selected.length })}
          </Button>
        )}
      </Space>
      <Table<CaseWithSla>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.cases ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        rowSelection={
          can(s.user.roles, 'cases:work')
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }
            : undefined
        }
        columns={[
          { title: t('cases.id'), dataIndex: 'id', render: (id: string) => <Link to={`/cases/${id}`}>{id}</Link> },
          { title: t('cases.customer'), dataIndex: 'customerId' },
          { title: t('cases.status'), dataIndex: 'status', render: (v: CaseWithSla['status']) => <StatusTag s={v} /> },
          { title: t('cases.priority'), dataIndex: 'priority', render: (v: Priority) => <PriorityTag p={v} /> },
          { title: t('cases.alerts'), dataIndex: 'alertCount', align: 'right' },
          { title: t('cases.queue'), dataIndex: 'queue' },
          {
            title: t('cases.assignee'),
            dataIndex: 'assignee',
            render: (v: string | null) => (v === null ? '—' : v === s.user.id ? t('cases.me') : v),
          },
          { title: t('cases.sla'), key: 'sla', render: (_: unknown, c) => <SlaTag sla={c.sla} /> },
          { title: t('cases.opened'), dataIndex: 'openedAt', render: (v: number) => f.dateTime(v) },
        ]}
      />
    </>
  );
}

export default function CasesPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={2}>{t('menu.cases')}</Typography.Title>
      <Tabs
        items={[
          { key: 'cases', label: t('cases.tabCases'), children: <CasesQueue /> },
          { key: 'alerts', label: t('cases.tabAlerts'), children: <AlertsQueue /> },
        ]}
      />
    </>
  );
}
