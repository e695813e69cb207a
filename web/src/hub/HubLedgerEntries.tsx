import { Alert, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hubApi, ok } from '../api/hub-client.ts';
import { latestIndices, ledgerRow, type LedgerRow } from './ledger-entries.ts';
import { useHubFormat } from './use-hub-format.ts';

const SHOWN = 10;

/** The newest entries of the hub's own ledger up to the signed checkpoint: who did what, to which id, when. */
export function HubLedgerEntries({ size }: { size: number }) {
  const { t } = useTranslation();
  const f = useHubFormat();
  const q = useQuery({
    queryKey: ['hub', 'own-ledger', 'entries', size],
    queryFn: async () =>
      Promise.all(
        latestIndices(size, SHOWN).map(async (index) => {
          const e = ok(await hubApi.GET('/v1/ledger/entries/{index}', { params: { path: { index: String(index) } } }));
          return ledgerRow(index, e.entry);
        }),
      ),
  });
  if (q.isError) return <Alert type="error" role="alert" title={q.error.message} />;
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 14, marginTop: 16 }}>
        {t('hub.hubLedger.entries', { n: Math.min(size, SHOWN) })}
      </Typography.Title>
      <Table<LedgerRow>
        size="small"
        rowKey="index"
        loading={q.isPending}
        pagination={false}
        dataSource={q.data ?? []}
        data-testid="hub-ledger-entries"
        columns={[
          { title: t('hub.hubLedger.index'), dataIndex: 'index' },
          { title: t('hub.hubLedger.at'), dataIndex: 'at', render: (at: number | null) => f.dateTime(at) },
          { title: t('hub.hubLedger.actor'), dataIndex: 'actor' },
          { title: t('hub.hubLedger.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
          { title: t('hub.hubLedger.subject'), dataIndex: 'subject', render: (s: string) => <code>{s}</code> },
        ]}
      />
    </>
  );
}
