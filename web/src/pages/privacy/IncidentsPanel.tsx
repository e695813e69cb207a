import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { allPages } from '../complaints/paging.ts';
import { can } from '../../lib/roles.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { byNoticeUrgency } from './incident-commands.ts';
import { IncidentDrawer } from './IncidentDrawer.tsx';
import { NoticeTag } from './NoticeTag.tsx';
import { incidentTypes, type IncidentView, type OpenIncidentBody } from './types.ts';

type NewIncident = {
  type: string;
  title: string;
  titleZh?: string;
  outageMinutes?: number;
  customersAffected?: number;
  personalRecords?: number;
  loss?: string;
  personalInfo?: boolean;
};

const gradeTone = { I: tone.red, II: tone.volcano, III: tone.orange, IV: tone.blue } as Record<string, string>;

function openBody(v: NewIncident): OpenIncidentBody {
  const facts = {
    ...(v.outageMinutes !== undefined && v.outageMinutes !== null ? { outageMinutes: v.outageMinutes } : {}),
    ...(v.customersAffected !== undefined && v.customersAffected !== null
      ? { customersAffected: v.customersAffected }
      : {}),
    ...(v.personalRecords !== undefined && v.personalRecords !== null ? { personalRecords: v.personalRecords } : {}),
    ...(v.loss ? { loss: v.loss } : {}),
    ...(v.personalInfo ? { personalInfo: true } : {}),
  };
  return { type: v.type, title: v.title, ...(v.titleZh ? { titleZh: v.titleZh } : {}), facts };
}

/** The incident register: grade, state and each authority's notice clock; one opens in a drawer. */
export function IncidentsPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const [open, setOpen] = useState<string>();
  const [filing, setFiling] = useState(false);
  const [openOnly, setOpenOnly] = useState(true);
  const [form] = Form.useForm<NewIncident>();
  const zh = !i18n.language.startsWith('en');
  const q = useQuery({
    queryKey: ['incidents'],
    queryFn: () =>
      allPages(
        async (after) =>
          ok(await api.GET('/v1/incidents', { params: { query: { limit: '500', ...(after ? { after } : {}) } } }))
            .incidents,
        500,
        10_000,
      ),
  });
  const rows = (q.data?.items ?? []).filter((i) => !openOnly || i.state !== 'closed');
  const file = async (v: NewIncident) => {
    try {
      const i = ok(await api.POST('/v1/incidents', { body: openBody(v) }));
      setFiling(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['incidents'] });
      setOpen(i.id);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };
  const count = (name: keyof NewIncident, label: string) => (
    <Form.Item name={name} label={label}>
      <InputNumber min={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <label>
          <Switch size="small" checked={openOnly} onChange={setOpenOnly} /> {t('privacy.openIncidentsOnly')}
        </label>
        {can(s.user.roles, 'incidents:write') && (
          <Button onClick={() => setFiling(true)} data-testid="inc-new">
            {t('privacy.newIncident')}
          </Button>
        )}
      </Space>
      <Table<IncidentView>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(i) => ({ onClick: () => setOpen(i.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('privacy.incident'),
            key: 'title',
            render: (_: unknown, i) => <a onClick={() => setOpen(i.id)}>{zh && i.titleZh ? i.titleZh : i.title}</a>,
          },
          {
            title: t('privacy.grade'),
            dataIndex: 'grade',
            render: (v: string, i) => <Tag color={gradeTone[v]}>{`${v} ${zh ? i.gradeName.zh : i.gradeName.en}`}</Tag>,
          },
          {
            title: t('privacy.type'),
            dataIndex: 'type',
            render: (v: string) => t(`privacy.itype.${v}`, { defaultValue: v }),
          },
          {
            title: t('privacy.stateLabel'),
            dataIndex: 'state',
            render: (v: string) => t(`privacy.istate.${v}`, { defaultValue: v }),
          },
          { title: t('privacy.detected'), dataIndex: 'detectedAt', render: (v: string) => f.dateTime(Date.parse(v)) },
          {
            title: t('privacy.notices'),
            key: 'notices',
            render: (_: unknown, i) =>
              [...i.notices].sort(byNoticeUrgency).map((n) => <NoticeTag key={n.authority} n={n} />),
          },
        ]}
      />
      <IncidentDrawer id={open} onClose={() => setOpen(undefined)} />
      <Modal
        open={filing}
        title={t('privacy.newIncident')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onCancel={() => setFiling(false)}
        onOk={() => void form.validateFields().then(file)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ type: 'system_outage' }}>
          <Form.Item name="type" label={t('privacy.type')}>
            <Select options={incidentTypes.map((x) => ({ value: x, label: t(`privacy.itype.${x}`) }))} />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('privacy.titleEn')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="titleZh" label={t('privacy.titleZh')}>
            <Input />
          </Form.Item>
          {count('outageMinutes', t('privacy.facts.outageMinutes'))}
          {count('customersAffected', t('privacy.facts.customersAffected'))}
          {count('personalRecords', t('privacy.facts.personalRecords'))}
          <Form.Item
            name="loss"
            label={t('privacy.facts.loss')}
            rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '0.00' }]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
          <Form.Item name="personalInfo" valuePropName="checked">
            <Checkbox>{t('privacy.facts.personalInfo')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
