import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Select, Space, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import { byUrgency } from './clock.ts';
import { ClockTag, StateTag } from './ClockTag.tsx';
import { labeller } from './labels.ts';
import { allPages } from './paging.ts';
import { clockOf, filterQueue, openStates, type QueueFilter } from './queue.ts';
import { channels, complaintStates, type ComplaintView } from './types.ts';

/** Complaints by urgency of their statutory clock, filtered by state, category and channel. */
export function ComplaintsQueue() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [filter, setFilter] = useState<QueueFilter>({ states: openStates, warnings: false });
  const list = useQuery({
    queryKey: ['complaints'],
    queryFn: () =>
      allPages(
        async (after) =>
          ok(await api.GET('/v1/complaints', { params: { query: { limit: '500', ...(after ? { after } : {}) } } }))
            .complaints,
        500,
        10_000,
      ),
  });
  const table = useQuery({
    queryKey: ['complaint-classification'],
    queryFn: async () => ok(await api.GET('/v1/complaints/classification')),
  });
  const label = labeller(table.data, i18n.language);
  const rows = filterQueue(list.data?.items ?? [], filter);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          mode="multiple"
          allowClear
          aria-label={t('complaints.stateLabel')}
          placeholder={t('complaints.stateLabel')}
          style={{ minWidth: 280 }}
          value={[...(filter.states ?? [])]}
          options={complaintStates.map((v) => ({ value: v, label: t(`complaints.state.${v}`) }))}
          onChange={(states: string[]) => setFilter({ ...filter, states })}
        />
        <Select
          allowClear
          aria-label={t('complaints.category')}
          placeholder={t('complaints.category')}
          style={{ width: 220 }}
          value={filter.category}
          options={(table.data?.categories ?? []).map((c) => ({ value: c.code, label: label.category(c.code) }))}
          onChange={(category?: string) => setFilter({ ...filter, category })}
        />
        <Select
          allowClear
          aria-label={t('complaints.channel')}
          placeholder={t('complaints.channel')}
          style={{ width: 160 }}
          value={filter.channel}
          options={channels.map((v) => ({ value: v, label: t(`complaints.channels.${v}`) }))}
          onChange={(channel?: string) => setFilter({ ...filter, channel })}
        />
        <label>
          <Switch
            size="small"
            checked={filter.warnings}
            onChange={(warnings) => setFilter({ ...filter, warnings })}
            data-testid="cmp-warnings"
          />{' '}
          {t('complaints.warningsOnly')}
        </label>
      </Space>
      {list.data?.capped && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('complaints.capped', { n: list.data.items.length })}
        />
      )}
      <Table<ComplaintView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          {
            title: t('complaints.id'),
            dataIndex: 'id',
            render: (v: string) => <Link to={`/complaints/${v}`}>{v}</Link>,
          },
          { title: t('complaints.customer'), dataIndex: 'customerId' },
          {
            title: t('complaints.category'),
            dataIndex: 'category',
            render: (v: string) => label.category(v),
            sorter: (a, b) => a.category.localeCompare(b.category),
          },
          {
            title: t('complaints.channel'),
            dataIndex: 'channel',
            render: (v: string) => t(`complaints.channels.${v}`, { defaultValue: v }),
            sorter: (a, b) => a.channel.localeCompare(b.channel),
          },
          {
            title: t('complaints.stateLabel'),
            dataIndex: 'state',
            render: (v: string) => <StateTag state={v} />,
            sorter: (a, b) => complaintStates.indexOf(a.state) - complaintStates.indexOf(b.state),
          },
          {
            title: t('complaints.received'),
            dataIndex: 'receivedAt',
            render: (v: string) => f.dateTime(Date.parse(v)),
            sorter: (a, b) => a.receivedAt.localeCompare(b.receivedAt),
          },
          {
            title: t('complaints.clock'),
            key: 'clock',
            render: (_: unknown, c) => <ClockTag clock={clockOf(c)} />,
            sorter: (a, b) => byUrgency(clockOf(a), clockOf(b)),
          },
          {
            title: t('complaints.compensation'),
            key: 'comp',
            align: 'right',
            render: (_: unknown, c) =>
              c.proposal ? f.money(c.proposal.compensation.value, c.proposal.compensation.currency) : '—',
          },
        ]}
      />
    </>
  );
}
