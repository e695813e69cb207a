import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Spin, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { disclosureCommandsFor, publicPage, type DisclosureCommand } from './disclosure-commands.ts';
import { DisclosureDiff, DisclosureFigures } from './DisclosureFigures.tsx';
import { DisclosureStateTag } from './StateTag.tsx';
import type { DisclosureView } from './types.ts';
import { VerifyPanel } from './VerifyPanel.tsx';
import './i18n.ts';

export default function DisclosurePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: ['disclosure', id],
    queryFn: async () => ok(await api.GET('/v1/disclosures/{id}', { params: { path: { id } } })),
  });
  const defs = useQuery({
    queryKey: ['disclosure-definitions'],
    queryFn: async () => ok(await api.GET('/v1/disclosures/definitions')),
    staleTime: Infinity,
  });
  const period = q.data?.period;
  const siblings = useQuery({
    queryKey: ['disclosures', period],
    enabled: period !== undefined,
    queryFn: async () => ok(await api.GET('/v1/disclosures', { params: { query: { period } } })),
  });
  if (q.isLoading) return <Spin />;
  if (!q.data) return <Alert type="error" title={t('disclosures.notFound')} />;
  const d = q.data;
  const who = (v: string | undefined) => (v === undefined ? '—' : v === s.user.id ? t('cases.me') : v);
  const when = (by: string | undefined, at: number | undefined) => (by ? `${who(by)} · ${f.dateTime(at)}` : '—');
  const offered = disclosureCommandsFor(d, s.user);

  const perform = async (cmd: DisclosureCommand) => {
    setBusy(true);
    try {
      ok(
        await api.POST('/v1/disclosures/{id}/actions', {
          params: { path: { id } },
          body: { action: cmd.id },
        }),
      );
      void message.success(t('disclosures.done', { action: t(`disclosures.cmd.${cmd.id}`) }));
      await qc.invalidateQueries({ queryKey: ['disclosure', id] });
      await qc.invalidateQueries({ queryKey: ['disclosures'] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={2}>
        <Link to="/disclosures" style={{ textDecoration: 'underline' }}>
          {t('menu.disclosures')}
        </Link>{' '}
        / {d.period} v{d.version}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('disclosures.stateLabel')}>
            <DisclosureStateTag state={d.state} />
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosures.hash')} span={2}>
            <code data-testid="dsc-hash">{d.hash}</code>
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosures.computedBy')}>{when(d.computedBy, d.computedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('disclosures.submittedBy')}>
            {when(d.submittedBy, d.submittedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosures.approvedBy')}>{when(d.approvedBy, d.approvedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('disclosures.publishedBy')}>
            {when(d.publishedBy, d.publishedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('disclosures.standard')}>{d.doc.standard}</Descriptions.Item>
          {d.corrects && <Descriptions.Item label={t('disclosures.corrects')}>{d.corrects}</Descriptions.Item>}
        </Descriptions>
        <Space wrap style={{ marginTop: 16 }} role="group" aria-label={t('disclosures.workflow')}>
          {offered.map(({ command: cmd, withheld }) => (
            <Tooltip key={cmd.id} title={withheld ? t('disclosures.withheld') : undefined}>
              <Button
                type={cmd.primary ? 'primary' : 'default'}
                disabled={withheld !== undefined || busy}
                data-testid={`dsc-${cmd.id}`}
                onClick={() => void perform(cmd)}
              >
                {t(`disclosures.cmd.${cmd.id}`)}
              </Button>
            </Tooltip>
          ))}
          {d.state === 'published' && (
            <a
              href={publicPage(d.tenantId, d.period, i18n.language)}
              target="_blank"
              rel="noreferrer"
              data-testid="dsc-public"
              style={{ textDecoration: 'underline' }}
            >
              {t('disclosures.publicPage')}
            </a>
          )}
        </Space>
        {offered.some((o) => o.withheld) && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={t('disclosures.withheld')}
            data-testid="dsc-withheld"
          />
        )}
        {d.state === 'published' && (
          <div style={{ marginTop: 16 }}>
            <VerifyPanel id={d.id} />
          </div>
        )}
      </Card>
      <DisclosureDiff d={d} defs={defs.data?.definitions ?? []} />
      <DisclosureFigures d={d} defs={defs.data?.definitions ?? []} />
      <Card title={t('disclosures.allVersions', { period: d.period })} size="small">
        <Table<DisclosureView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={siblings.data?.disclosures ?? []}
          columns={[
            {
              title: t('disclosures.version'),
              dataIndex: 'version',
              render: (v: number, x) => (x.id === d.id ? `v${v}` : <Link to={`/disclosures/${x.id}`}>v{v}</Link>),
            },
            {
              title: t('disclosures.stateLabel'),
              dataIndex: 'state',
              render: (v: string) => <DisclosureStateTag state={v} />,
            },
            { title: t('disclosures.reason'), dataIndex: 'reason', render: (v?: string) => v ?? '—' },
            {
              title: t('disclosures.hash'),
              dataIndex: 'hash',
              render: (v: string) => <code title={v}>{v.slice(0, 16)}…</code>,
            },
          ]}
        />
      </Card>
    </>
  );
}
