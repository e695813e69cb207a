import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import { fileBody, type FileForm } from './file-form.ts';
import { labeller } from './labels.ts';

/** A complaint taken by phone, at a branch or in person, entered by staff; its clock starts at receipt. */
export function FileComplaint() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<FileForm>();
  const [busy, setBusy] = useState(false);
  const table = useQuery({
    queryKey: ['complaint-classification'],
    queryFn: async () => ok(await api.GET('/v1/complaints/classification')),
  });
  const label = labeller(table.data, i18n.language);
  const required = [{ required: true, message: t('login.required') }];
  const submit = async (v: FileForm) => {
    setBusy(true);
    try {
      const c = ok(await api.POST('/v1/complaints', { body: fileBody(v, f.timeZone) }));
      void message.success(t('complaints.file.done', { id: c.id }));
      await qc.invalidateQueries({ queryKey: ['complaints'] });
      void nav(`/complaints/${c.id}`);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" style={{ maxWidth: 720 }}>
      <Form<FileForm>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'phone' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="channel" label={t('complaints.channel')} rules={required}>
          <Radio.Group
            options={(['phone', 'branch', 'console'] as const).map((v) => ({
              value: v,
              label: t(`complaints.channels.${v}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="customerId" label={t('complaints.customer')} rules={required}>
          <Input data-testid="file-customer" />
        </Form.Item>
        <Form.Item name="category" label={t('complaints.category')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="file-category"
            options={(table.data?.categories ?? []).map((c) => ({ value: c.code, label: label.category(c.code) }))}
          />
        </Form.Item>
        <Form.Item name="cause" label={t('complaints.cause')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="file-cause"
            options={(table.data?.causes ?? []).map((c) => ({ value: c.code, label: label.cause(c.code) }))}
          />
        </Form.Item>
        <Form.Item name="productId" label={t('complaints.product')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="receivedAt"
          label={t('complaints.file.receivedAt', { zone: f.timeZone })}
          extra={t('complaints.file.receivedAtHelp')}
        >
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="name" label={t('complaints.file.name')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('complaints.file.phone')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t('complaints.file.description')} extra={t('complaints.file.sealed')}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="file-submit">
          {t('complaints.file.submit')}
        </Button>
      </Form>
    </Card>
  );
}
