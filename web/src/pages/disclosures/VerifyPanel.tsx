import { useState } from 'react';
import { Alert, App, Button, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { tone } from '../../lib/tone.ts';
import type { Verification } from './types.ts';

/** Checks the version against the audit ledger: its hash, the publication entry and the inclusion proof. */
export function VerifyPanel({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [v, setV] = useState<Verification>();
  const [busy, setBusy] = useState(false);
  const zh = !i18n.language.startsWith('en');
  const run = async () => {
    setBusy(true);
    try {
      setV(ok(await api.GET('/v1/disclosures/{id}/verify', { params: { path: { id } } })));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };
  const yes = (b: boolean | undefined) => (
    <Tag color={b ? tone.green : tone.red}>{b ? t('disclosures.verify.yes') : t('disclosures.verify.no')}</Tag>
  );
  return (
    <>
      <Button onClick={() => void run()} loading={busy} data-testid="dsc-verify">
        {t('disclosures.verify.run')}
      </Button>
      {v && (
        <div style={{ marginTop: 12 }} data-testid="dsc-verification">
          <Alert
            type={v.ok ? 'success' : 'error'}
            showIcon
            title={v.ok ? t('disclosures.verify.ok') : t('disclosures.verify.failed')}
            description={v.problems.map((p) => (zh ? p.zh : p.en)).join(' ')}
          />
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('disclosures.verify.hashes')}>
              {yes(v.storedHash === v.computedHash)} <code>{v.computedHash.slice(0, 16)}…</code>
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosures.verify.entry')}>
              {v.ledger ? t('disclosures.verify.entryAt', { index: v.ledger.index, size: v.ledger.treeSize }) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('disclosures.verify.inclusion')}>{yes(v.ledger?.inclusion)}</Descriptions.Item>
            <Descriptions.Item label={t('disclosures.verify.signature')}>{yes(v.ledger?.signature)}</Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </>
  );
}
