import { Alert, Card, Descriptions, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hubApi, ok } from '../api/hub-client.ts';
import { HubLedgerEntries } from './HubLedgerEntries.tsx';
import { parseSignedNote } from './signed-note.ts';
import { useHubFormat } from './use-hub-format.ts';

/**
 * The hub's own ledger: the latest checkpoint it signed over its audit log, as served to anyone at
 * /v1/ledger/checkpoint (a signed note; its time in Last-Modified), with the key that signed it from
 * /v1/ledger/key, and its newest entries up to that checkpoint (HubLedgerEntries).
 */
export function HubLedgerCard() {
  const { t } = useTranslation();
  const f = useHubFormat();
  const cp = useQuery({
    queryKey: ['hub', 'own-ledger', 'checkpoint'],
    queryFn: async () => {
      const res = await fetch('/v1/ledger/checkpoint', { cache: 'no-store' });
      if (res.status === 503) return null; // no checkpoint signed yet
      if (!res.ok) throw new Error(`/v1/ledger/checkpoint: ${res.status}`);
      const modified = res.headers.get('last-modified');
      return { note: parseSignedNote(await res.text()), at: modified ? Date.parse(modified) : null };
    },
  });
  const keys = useQuery({
    queryKey: ['hub', 'own-ledger', 'keys'],
    queryFn: async () => ok(await hubApi.GET('/v1/ledger/key')),
  });
  const title = <h2 style={{ fontSize: 16, margin: 0 }}>{t('hub.hubLedger.title')}</h2>;
  const signer = cp.data?.note?.signatures[0];
  const key = signer && keys.data?.keys.find((k) => k.verifierKey.startsWith(`${signer.name}+${signer.keyHash}+`));
  return (
    <Card size="small" title={title} data-testid="hub-ledger">
      <Typography.Paragraph type="secondary">{t('hub.hubLedger.intro')}</Typography.Paragraph>
      {cp.isError ? (
        <Alert type="error" role="alert" title={cp.error.message} />
      ) : cp.isPending ? (
        <Spin aria-label={t('hub.common.loading')} />
      ) : !cp.data?.note ? (
        <Typography.Text type="secondary">{t('hub.hubLedger.none')}</Typography.Text>
      ) : (
        <>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              {
                key: 'size',
                label: t('hub.hubLedger.size'),
                children: <span data-testid="hub-ledger-size">{cp.data.note.size}</span>,
              },
              { key: 'time', label: t('hub.hubLedger.time'), children: f.dateTime(cp.data.at) },
              {
                key: 'key',
                label: t('hub.hubLedger.key'),
                children: (
                  <code style={{ wordBreak: 'break-all' }} data-testid="hub-ledger-key">
                    {key?.verifierKey ?? `${signer?.name ?? '—'} ${signer?.keyHash ?? ''}`}
                  </code>
                ),
              },
              { key: 'origin', label: t('hub.hubLedger.origin'), children: <code>{cp.data.note.origin}</code> },
              {
                key: 'root',
                label: t('hub.hubLedger.root'),
                children: <code style={{ wordBreak: 'break-all' }}>{cp.data.note.rootHash}</code>,
              },
            ]}
          />
          <HubLedgerEntries size={cp.data.note.size} />
        </>
      )}
    </Card>
  );
}
