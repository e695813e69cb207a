import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Input, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, okAs } from '../../api/client.ts';
import type { AlertRecord, Priority } from '../../api/types.ts';
import { useFormat } from '../../lib/use-format.ts';
import { PriorityTag } from './CaseTags.tsx';

export function AlertsQueue() {
  const { t } = useTranslation();
  const f = useFormat();
  const [source, setSource] = useState<'decision' | 'obligation'>();
  const [type, setType] = useState('');
  const q = useQuery({
    queryKey: ['alerts', source, type],
    queryFn: async () =>
      okAs<{ alerts: AlertRecord[] }>(
        await api.GET('/v1/alerts', {
          params: { query: { limit: '500', ...(source ? { source } : {}), ...(type ? { type } : {}) } },
        }),
      ),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('alerts.source')}
          placeholder={t('alerts.source')}
          style={{ width: 180 }}
          value={source}
          options={(['decision', 'obligation'] as const).map((v) => ({ value: v, label: t(`alerts.sources.${v}`) }))}
          onChange={setSource}
        />
        <Input.Search
          aria-label={t('alerts.typology')}
          placeholder={t('alerts.typology')}
          allowClear
          style={{ width: 240 }}
          onSearch={setType}
        />
      </Space>
      <Table<AlertRecord>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.alerts ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('alerts.id'), dataIndex: 'id' },
          { title: t('alerts.case'), dataIndex: 'caseId', render: (v: string) => <Link to={`/cases/${v}`}>{v}</Link> },
          { title: t('alerts.source'), dataIndex: 'source', render: (v: string) => t(`alerts.sources.${v}`) },
          { title: t('alerts.typology'), dataIndex: 'type' },
          { title: t('alerts.code'), dataIndex: 'code' },
          { title: t('cases.priority'), dataIndex: 'priority', render: (v: Priority) => <PriorityTag p={v} /> },
          { title: t('alerts.score'), dataIndex: 'score', align: 'right' },
          { title: t('alerts.dueBy'), dataIndex: 'dueBy', render: (v: string | null) => v ?? '—' },
          { title: t('alerts.occurred'), dataIndex: 'occurredAt', render: (v: number) => f.dateTime(v) },
        ]}
      />
    </>
  );
}
