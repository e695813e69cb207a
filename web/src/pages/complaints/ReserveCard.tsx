import { useQuery } from '@tanstack/react-query';
import { Card, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import type { ReserveMovement as Movement } from './types.ts';

/** The risk reserve compensation is paid from: balance per currency and the latest movements. */
export function ReserveCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ['risk-reserve'], queryFn: async () => ok(await api.GET('/v1/risk-reserve')) });
  const movements = [...(q.data?.movements ?? [])].reverse().slice(0, 10);
  return (
    <Card title={t('complaints.reserve.title')} size="small" style={{ marginTop: 16 }} loading={q.isLoading}>
      <Space size="large" style={{ marginBottom: 12 }}>
        {(q.data?.balances ?? []).map((b) => (
          <Statistic key={b.currency} title={b.currency} value={f.money(b.value, b.currency)} />
        ))}
        {q.data?.balances.length === 0 && t('complaints.reserve.empty')}
      </Space>
      <Table<Movement>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={movements}
        columns={[
          { title: t('complaints.reserve.at'), dataIndex: 'at', render: (v: string) => f.dateTime(Date.parse(v)) },
          {
            title: t('complaints.reserve.kind'),
            dataIndex: 'kind',
            render: (v: string) => t(`complaints.reserve.kinds.${v}`, { defaultValue: v }),
          },
          {
            title: t('complaints.compensation'),
            key: 'amount',
            align: 'right',
            render: (_: unknown, m) => f.money(m.amount.value, m.amount.currency),
          },
          { title: t('complaints.id'), dataIndex: 'complaintId', render: (v?: string) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
