import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { fromBase64, parseCheckpoint, toBase64, verifyConsistency, verifyInclusion } from '../../lib/merkle.ts';

const seenKey = 'zhili.ledger.seen';

async function checkpoint() {
  const r = await api.GET('/v1/ledger/checkpoint', { parseAs: 'text' });
  if (!r.response.ok) throw new Error(`HTTP ${r.response.status}`);
  const note = String(r.data);
  return { note, parsed: parseCheckpoint(note) };
}

/** Consistency from the last checkpoint this browser saw to the current one; then remembers the current one. */
async function checkAgainstSeen(size: number, root: Uint8Array): Promise<'first' | 'ok' | 'failed'> {
  const raw = localStorage.getItem(seenKey);
  const seen = raw ? (JSON.parse(raw) as { size: number; root: string }) : undefined;
  let result: 'first' | 'ok' | 'failed' = 'first';
  if (seen && seen.size <= size) {
    const p = ok(
      await api.GET('/v1/ledger/proofs/consistency', {
        params: { query: { from: String(seen.size), to: String(size) } },
      }),
    );
    result = (await verifyConsistency(seen.size, size, fromBase64(seen.root), root, p.proof.map(fromBase64)))
      ? 'ok'
      : 'failed';
  } else if (seen) result = 'failed';
  if (result !== 'failed') localStorage.setItem(seenKey, JSON.stringify({ size, root: toBase64(root) }));
  return result;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [index, setIndex] = useState<number | null>(0);
  const [inclusion, setInclusion] = useState<'ok' | 'failed'>();
  const cp = useQuery({ queryKey: ['checkpoint'], queryFn: checkpoint });
  const size = cp.data?.parsed?.size ?? 0;
  const root = cp.data?.parsed?.root;
  const consistency = useQuery({
    queryKey: ['consistency', size],
    enabled: root !== undefined && size > 0,
    queryFn: () => checkAgainstSeen(size, root ?? new Uint8Array()),
  });

  const prove = async () => {
    if (index === null || !root) return;
    setInclusion(undefined);
    const entry = ok(await api.GET('/v1/ledger/entries/{index}', { params: { path: { index: String(index) } } }));
    const p = ok(
      await api.GET('/v1/ledger/proofs/inclusion', { params: { query: { index: String(index), size: String(size) } } }),
    );
    const good = await verifyInclusion(index, size, fromBase64(entry.leafHash), p.proof.map(fromBase64), root);
    setInclusion(good ? 'ok' : 'failed');
  };

  return (
    <>
      <Typography.Title level={2}>{t('menu.audit')}</Typography.Title>
      <Card title={t('audit.checkpoint')} size="small" style={{ marginBottom: 16 }}>
        {cp.isError && <Alert type="warning" title={t('audit.noCheckpoint')} />}
        {cp.data?.parsed && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('audit.origin')}>{cp.data.parsed.origin}</Descriptions.Item>
            <Descriptions.Item label={t('audit.size')}>{cp.data.parsed.size}</Descriptions.Item>
            <Descriptions.Item label={t('audit.root')}>
              <code>{toBase64(cp.data.parsed.root)}</code>
            </Descriptions.Item>
          </Descriptions>
        )}
        {cp.data && <pre style={{ fontSize: 12, background: '#fafafa', padding: 8 }}>{cp.data.note}</pre>}
        {consistency.data && (
          <Alert
            type={consistency.data === 'failed' ? 'error' : 'success'}
            showIcon
            data-testid="consistency"
            title={t(`audit.consistency.${consistency.data}`)}
          />
        )}
      </Card>
      <Card title={t('audit.inclusion')} size="small">
        <Space>
          <label htmlFor="entry-index">{t('audit.entry')}</label>
          <InputNumber id="entry-index" min={0} max={Math.max(0, size - 1)} value={index} onChange={setIndex} />
          <Button type="primary" disabled={size === 0} onClick={() => void prove()} data-testid="verify-inclusion">
            {t('audit.verify')}
          </Button>
        </Space>
        {inclusion && (
          <Alert
            style={{ marginTop: 12 }}
            type={inclusion === 'ok' ? 'success' : 'error'}
            showIcon
            data-testid="inclusion-result"
            title={t(`audit.inclusionResult.${inclusion}`, { index, size })}
          />
        )}
      </Card>
    </>
  );
}
