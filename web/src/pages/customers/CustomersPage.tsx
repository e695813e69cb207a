import './i18n.ts';
import { Alert, Button, Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { CustomerDetail } from './CustomerDetail.tsx';
import { RiskTag } from './RiskTag.tsx';
import { useParties } from './use-parties.ts';
import type { PartyRow } from './types.ts';

/** Customers (party records): masked names, risk level and open hits; one customer's record below. */
export default function CustomersPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [params] = useSearchParams();
  const selected = params.get('party') ?? undefined;
  const q = useParties();
  const rows = q.data?.pages.flat() ?? [];

  return (
    <>
      <Typography.Title level={2}>{t('menu.customers')}</Typography.Title>
      {q.error && (
        <Alert
          type="error"
          title={q.error instanceof ApiError ? q.error.localized(i18n.language) : t('common.networkError')}
        />
      )}
      <Card size="small" title={t('customers.list')}>
        <Table<PartyRow>
          rowKey="id"
          size="small"
          loading={q.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          rowClassName={(p) => (p.id === selected ? 'ant-table-row-selected' : '')}
          columns={[
            {
              title: t('customers.id'),
              dataIndex: 'id',
              render: (id: string) => (
                <Link data-testid={`party-${id}`} to={`/customers?party=${encodeURIComponent(id)}`}>
                  {id}
                </Link>
              ),
            },
            { title: t('customers.name'), dataIndex: 'name', render: (n: string | null) => n ?? '—' },
            { title: t('customers.kind'), dataIndex: 'kind', render: (k: string) => t(`screening.kinds.${k}`) },
            { title: t('customers.externalId'), dataIndex: 'externalId', render: (x: string | null) => x ?? '—' },
            {
              title: t('customers.riskLevel'),
              dataIndex: 'riskLevel',
              render: (l: PartyRow['riskLevel']) => <RiskTag level={l} />,
            },
            {
              title: t('customers.openHits'),
              key: 'hits',
              align: 'right',
              render: (_: unknown, p) =>
                p.openHits.length ? <Tag color={tone.red}>{p.openHits.length}</Tag> : <span>0</span>,
            },
            { title: t('customers.version'), dataIndex: 'version', align: 'right' },
            { title: t('customers.updatedAt'), dataIndex: 'updatedAt', render: (v: number) => f.dateTime(v) },
          ]}
        />
        {q.hasNextPage && (
          <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="parties-more">
            {t('customers.more')}
          </Button>
        )}
      </Card>
      {selected && <CustomerDetail key={selected} id={selected} />}
    </>
  );
}
