import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Input, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok, okAs } from '../../api/client.ts';
import type { AlertRecord, CounterpartyGraph } from '../../api/types.ts';
import { EChart } from '../../lib/EChart.tsx';
import { graphOption, accountOfCustomer } from './graph-option.ts';

/** The counterparty graph around the customer's account: pan/zoom, amounts on edges, click a node to centre it. */
export default function CaseGraph({ customerId, alerts }: { customerId: string; alerts: AlertRecord[] }) {
  const { t, i18n } = useTranslation();
  const firstEvent = alerts[0]?.eventId;
  const start = useQuery({
    queryKey: ['event', firstEvent],
    enabled: firstEvent !== undefined,
    queryFn: async () => ok(await api.GET('/v1/events/{id}', { params: { path: { id: firstEvent ?? '' } } })),
  });
  const [chosen, setChosen] = useState<string>();
  const [hops, setHops] = useState('2');
  const account = chosen ?? accountOfCustomer(start.data?.event, customerId);
  const g = useQuery({
    queryKey: ['graph', account, hops],
    enabled: account !== undefined,
    queryFn: async () =>
      okAs<CounterpartyGraph>(
        await api.GET('/v1/accounts/{id}/graph', {
          params: { path: { id: account ?? '' }, query: { hops: hops as '1' | '2' | '3' | '4' } },
        }),
      ),
  });
  const option = useMemo(() => (g.data ? graphOption(g.data, i18n.language) : undefined), [g.data, i18n.language]);
  const onClick = useCallback((p: { dataType?: string; name?: string }) => {
    if (p.dataType === 'node' && p.name) setChosen(p.name);
  }, []);

  if (start.isLoading) return <Spin />;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('graph.account')}
          placeholder={t('graph.account')}
          defaultValue={account}
          key={account}
          onSearch={(v) => v && setChosen(v)}
          style={{ width: 260 }}
        />
        <Select
          aria-label={t('graph.hops')}
          value={hops}
          onChange={setHops}
          options={['1', '2', '3', '4'].map((h) => ({ value: h, label: t('graph.hopsN', { n: h }) }))}
        />
        {g.data && (
          <Typography.Text type="secondary">
            {t('graph.size', { nodes: g.data.nodes.length, edges: g.data.edges.length })}
          </Typography.Text>
        )}
      </Space>
      {g.data?.truncated && <Alert type="warning" title={t('graph.truncated')} style={{ marginBottom: 12 }} />}
      {account === undefined && <Typography.Text>{t('graph.noAccount')}</Typography.Text>}
      {g.isLoading && <Spin />}
      {option && <EChart option={option} label={t('graph.label', { account })} height={520} onClick={onClick} />}
    </>
  );
}
