import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { LevelTag } from './LevelTag.tsx';
import type { Product } from './types.ts';

/** The tenant's product catalogue with each product's risk level (R1–R5). */
export function ProductsTable() {
  const { t, i18n } = useTranslation();
  const zh = !i18n.language.startsWith('en');
  const q = useQuery({ queryKey: ['suitability', 'products'], queryFn: async () => ok(await api.GET('/v1/products')) });
  return (
    <Table<Product>
      rowKey="id"
      size="middle"
      loading={q.isLoading}
      dataSource={q.data?.products ?? []}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      columns={[
        { title: t('suitability.product'), dataIndex: 'id' },
        { title: t('suitability.name'), key: 'name', render: (_: unknown, p) => (zh ? p.name.zh : p.name.en) },
        {
          title: t('suitability.risk'),
          dataIndex: 'risk',
          render: (v: string) => <LevelTag level={v} />,
          sorter: (a, b) => a.risk.localeCompare(b.risk),
        },
        {
          title: t('suitability.horizon'),
          dataIndex: 'horizonMonths',
          render: (v: number) => t('suitability.months', { n: v }),
        },
        {
          title: t('suitability.liquidity'),
          dataIndex: 'liquidity',
          render: (v: string) => t(`suitability.liq.${v}`, { defaultValue: v }),
        },
        {
          title: t('suitability.status'),
          dataIndex: 'status',
          render: (v: string) => t(`suitability.pstatus.${v}`, { defaultValue: v }),
        },
        {
          title: t('suitability.warning'),
          key: 'warning',
          render: (_: unknown, p) => (p.warning ? (zh ? p.warning.zh : p.warning.en) : '—'),
        },
      ]}
    />
  );
}
