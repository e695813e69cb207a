import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { can } from '../../lib/roles.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { byUrgency } from '../complaints/clock.ts';
import { ClockTag } from '../complaints/ClockTag.tsx';
import { zonedInstant } from '../complaints/file-form.ts';
import { allPages } from '../complaints/paging.ts';
import { RequestDrawer } from './RequestDrawer.tsx';
import { requestKinds, type FileRequestBody, type RequestView } from './types.ts';

const clockOf = (r: RequestView) => ({
  status: r.deadline.status,
  due: r.deadline.dueBy,
  daysLeft: r.deadline.daysLeft,
});
type NewRequest = { subject: string; kind: FileRequestBody['kind']; channel?: string; receivedAt?: string };

/** Data-subject requests by the urgency of their deadline; one opens in a drawer. */
export function RequestsPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const [open, setOpen] = useState<string>();
  const [filing, setFiling] = useState(false);
  const [openOnly, setOpenOnly] = useState(true);
  const [form] = Form.useForm<NewRequest>();
  const q = useQuery({
    queryKey: ['dsr', 'list'],
    queryFn: () =>
      allPages(
        async (after) =>
          ok(
            await api.GET('/v1/data-subject-requests', {
              params: { query: { limit: '500', ...(after ? { after } : {}) } },
            }),
          ).requests,
        500,
        10_000,
      ),
  });
  const rows = (q.data?.items ?? [])
    .filter((r) => !openOnly || r.state === 'received' || r.state === 'verified')
    .sort((a, b) => byUrgency(clockOf(a), clockOf(b)));
  const file = async (v: NewRequest) => {
    try {
      const receivedAt = v.receivedAt ? zonedInstant(v.receivedAt, f.timeZone) : undefined;
      const r = ok(
        await api.POST('/v1/data-subject-requests', {
          body: {
            subject: v.subject.trim(),
            kind: v.kind,
            ...(v.channel ? { channel: v.channel } : {}),
            ...(receivedAt ? { receivedAt } : {}),
          },
        }),
      );
      setFiling(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['dsr'] });
      setOpen(r.id);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <label>
          <Switch size="small" checked={openOnly} onChange={setOpenOnly} /> {t('privacy.openOnly')}
        </label>
        {can(s.user.roles, 'privacy:write') && (
          <Button onClick={() => setFiling(true)} data-testid="dsr-new">
            {t('privacy.newRequest')}
          </Button>
        )}
      </Space>
      <Table<RequestView>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('privacy.id'), dataIndex: 'id', render: (v: string) => <a onClick={() => setOpen(v)}>{v}</a> },
          { title: t('privacy.subject'), dataIndex: 'subject' },
          {
            title: t('privacy.kindLabel'),
            dataIndex: 'kind',
            render: (v: string) => t(`privacy.kind.${v}`, { defaultValue: v }),
          },
          {
            title: t('privacy.stateLabel'),
            dataIndex: 'state',
            render: (v: string) => t(`privacy.state.${v}`, { defaultValue: v }),
          },
          { title: t('privacy.received'), dataIndex: 'receivedAt', render: (v: string) => f.dateTime(Date.parse(v)) },
          {
            title: t('privacy.deadline'),
            key: 'deadline',
            render: (_: unknown, r) => <ClockTag clock={clockOf(r)} />,
            sorter: (a, b) => byUrgency(clockOf(a), clockOf(b)),
          },
        ]}
      />
      <RequestDrawer id={open} onClose={() => setOpen(undefined)} />
      <Modal
        open={filing}
        title={t('privacy.newRequest')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onCancel={() => setFiling(false)}
        onOk={() => void form.validateFields().then(file)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'access', channel: 'console' }}>
          <Form.Item
            name="subject"
            label={t('privacy.subject')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('privacy.kindLabel')}>
            <Select options={requestKinds.map((k) => ({ value: k, label: t(`privacy.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="channel" label={t('privacy.channel')}>
            <Input />
          </Form.Item>
          <Form.Item name="receivedAt" label={t('privacy.receivedAt', { zone: f.timeZone })}>
            <Input type="datetime-local" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
