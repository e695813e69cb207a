import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError, ok } from '../../api/client.ts';
import { can } from '../../lib/roles.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { lastEndedMonth, needsReason } from './disclosure-commands.ts';
import { DisclosureStateTag } from './StateTag.tsx';
import type { DisclosureView } from './types.ts';
import './i18n.ts';

/** Compute a month (a draft; a correction when the month is published). */
function Compute({ versions }: { versions: readonly DisclosureView[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ period: string; reason?: string }>();
  const [busy, setBusy] = useState(false);
  const period = Form.useWatch('period', form) ?? '';
  const correction = needsReason(versions, period);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: f.timeZone }).format(Date.now());
  const submit = async (v: { period: string; reason?: string }) => {
    setBusy(true);
    try {
      const d = ok(
        await api.POST('/v1/disclosures', { body: { period: v.period, ...(v.reason ? { reason: v.reason } : {}) } }),
      );
      void message.success(t('disclosures.computed', { period: d.period, version: d.version }));
      await qc.invalidateQueries({ queryKey: ['disclosures'] });
      void nav(`/disclosures/${d.id}`);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('disclosures.compute')} size="small" style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="inline"
        initialValues={{ period: lastEndedMonth(today) }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="period"
          label={t('disclosures.period')}
          rules={[{ required: true, pattern: /^\d{4}-\d{2}$/, message: 'YYYY-MM' }]}
        >
          <Input type="month" data-testid="dsc-period" style={{ width: 170 }} />
        </Form.Item>
        {correction && (
          <Form.Item
            name="reason"
            label={t('disclosures.reason')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input data-testid="dsc-reason" style={{ width: 320 }} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="dsc-compute">
          {correction ? t('disclosures.computeCorrection') : t('disclosures.computeDraft')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('disclosures.computeHelp')}
      </Typography.Paragraph>
    </Card>
  );
}

export default function DisclosuresPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const s = useSession();
  const q = useQuery({ queryKey: ['disclosures'], queryFn: async () => ok(await api.GET('/v1/disclosures')) });
  const versions = q.data?.disclosures ?? [];
  const who = (v: string | undefined) => (v === undefined ? '—' : v === s.user.id ? t('cases.me') : v);
  return (
    <>
      <Typography.Title level={2}>{t('menu.disclosures')}</Typography.Title>
      {can(s.user.roles, 'disclosures:write') && <Compute versions={versions} />}
      <Card title={t('disclosures.versions')} size="small">
        <Space style={{ marginBottom: 8 }}>
          <a
            href={`/portal/${encodeURIComponent(s.user.tenantId)}/disclosures`}
            target="_blank"
            rel="noreferrer"
            style={{ textDecoration: 'underline' }}
          >
            {t('disclosures.publicIndex')}
          </a>
        </Space>
        <Table<DisclosureView>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={versions}
          pagination={{ pageSize: 24, showSizeChanger: false }}
          columns={[
            {
              title: t('disclosures.period'),
              dataIndex: 'period',
              render: (v: string, d) => <Link to={`/disclosures/${d.id}`}>{v}</Link>,
            },
            { title: t('disclosures.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
            {
              title: t('disclosures.stateLabel'),
              dataIndex: 'state',
              render: (v: string) => <DisclosureStateTag state={v} />,
            },
            { title: t('disclosures.computedBy'), dataIndex: 'computedBy', render: who },
            { title: t('disclosures.computedAt'), dataIndex: 'computedAt', render: (v: number) => f.dateTime(v) },
            { title: t('disclosures.publishedAt'), dataIndex: 'publishedAt', render: (v?: number) => f.dateTime(v) },
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
