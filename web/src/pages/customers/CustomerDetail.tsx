import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { can } from '../../lib/roles.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { CustomerHistory } from './CustomerHistory.tsx';
import { fieldOf, flatten } from './flatten.ts';
import { RiskTag } from './RiskTag.tsx';
import type { PartyVersionView, PartyView } from './types.ts';

export function PiiTag({ pii }: { pii: PartyVersionView['pii'] }) {
  const { t } = useTranslation();
  const colour = { masked: undefined, clear: tone.volcano, erased: tone.gray } as const;
  return <Tag color={colour[pii]}>{t(`customers.pii.${pii}`)}</Tag>;
}

export function DataTable({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  // Coded values in words; everything else (masked or clear) as the server sent it.
  const shown = (path: string, v: string) =>
    path === 'kind'
      ? t(`screening.kinds.${v}`, v)
      : v === 'true'
        ? t('customers.yes')
        : v === 'false'
          ? t('customers.no')
          : v;
  return (
    <Table
      rowKey="path"
      size="small"
      pagination={false}
      dataSource={flatten(data)}
      columns={[
        {
          title: t('customers.field'),
          dataIndex: 'path',
          render: (p: string) => `${t(`customers.fields.${fieldOf(p)}`, fieldOf(p))} ${p.slice(fieldOf(p).length)}`,
        },
        {
          title: t('customers.value'),
          key: 'value',
          render: (_: unknown, r: { path: string; value: string }) => (
            <span data-testid="pii-value">{shown(r.path, r.value)}</span>
          ),
        },
      ]}
    />
  );
}

/** One customer: the current record (masked; revealed with a reason for allowed roles), versions, rating, hits. */
export function CustomerDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const [revealed, setRevealed] = useState<PartyView>();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const q = useQuery({
    queryKey: ['party', id],
    queryFn: async () => ok(await api.GET('/v1/parties/{id}', { params: { path: { id }, query: {} } })),
  });
  const p = revealed ?? q.data;

  const reveal = async (reason: string) => {
    setBusy(true);
    try {
      // Kept in this component only (never in the query cache): leaving the page forgets the clear data.
      const r = await api.GET('/v1/parties/{id}', { params: { path: { id }, query: { reveal: 'true', reason } } });
      setRevealed(ok(r));
      setAsking(false);
      form.resetFields();
      void message.success(t('customers.revealedNote'));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  if (!p) return <Card loading style={{ marginTop: 16 }} />;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('customers.record', { id: p.id })}
      extra={
        <Space>
          <PiiTag pii={p.current.pii} />
          {can(s.user.roles, 'customers:reveal') && p.current.pii === 'masked' && (
            <Button onClick={() => setAsking(true)} data-testid="reveal">
              {t('customers.reveal')}
            </Button>
          )}
          {revealed && (
            <Button onClick={() => setRevealed(undefined)} data-testid="mask-again">
              {t('customers.maskAgain')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 4 }}>
        <Descriptions.Item label={t('customers.kind')}>{t(`screening.kinds.${p.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('customers.version')}>{p.version}</Descriptions.Item>
        <Descriptions.Item label={t('customers.riskLevel')}>
          <RiskTag level={p.rating?.level} />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.updatedAt')}>{f.dateTime(p.updatedAt)}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          { key: 'data', label: t('customers.tabData'), children: <DataTable data={p.current.data} /> },
          { key: 'rating', label: t('customers.tabRating'), children: <CustomerHistory id={id} what="ratings" /> },
          { key: 'versions', label: t('customers.tabVersions'), children: <CustomerHistory id={id} what="versions" /> },
          { key: 'hits', label: t('customers.tabHits'), children: <CustomerHistory id={id} what="hits" /> },
        ]}
      />
      <Modal
        open={asking}
        title={t('customers.revealTitle', { id: p.id })}
        okText={t('customers.reveal')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setAsking(false)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => reveal(v.reason.trim()))
            .catch(() => undefined)
        }
        destroyOnHidden
      >
        <p>{t('customers.revealWarning')}</p>
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('customers.revealReason')}
            rules={[
              { required: true, whitespace: true, message: t('login.required') },
              { min: 3, max: 500, message: t('customers.reasonLength') },
            ]}
          >
            <Input.TextArea rows={3} data-testid="reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
