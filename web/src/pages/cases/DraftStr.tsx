import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, okAs } from '../../api/client.ts';
import type { CaseRecord, ReportRecord } from '../../api/types.ts';

interface Fields {
  narrative: string;
  analysis: string;
  characteristicCodes: string[];
  measures?: string;
}

// PBOC suspicious-transaction characteristic codes offered first; others can be typed.
const commonCodes = ['0904', '0101', '0201', '0301', '0602'];

/** Drafts a PBOC suspicious-transaction report (BSTR) from the case; the case becomes STR-restricted. */
export function DraftStr({ c }: { c: CaseRecord }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Fields>();

  const draft = async (f: Fields) => {
    try {
      const r = okAs<{ report: ReportRecord }>(
        await api.POST('/v1/reports/pboc/suspicious', { body: { caseId: c.id, ...f } }),
      );
      setOpen(false);
      void nav(`/reports/${r.report.id}`);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="draft-str">
        {t('str.draft')}
      </Button>
      <Modal
        open={open}
        title={t('str.draft')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then(draft)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ characteristicCodes: ['0904'] }}>
          <Form.Item
            name="narrative"
            label={t('str.narrative')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name="analysis"
            label={t('str.analysis')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name="characteristicCodes"
            label={t('str.codes')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Select mode="tags" options={commonCodes.map((v) => ({ value: v, label: v }))} />
          </Form.Item>
          <Form.Item name="measures" label={t('str.measures')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
