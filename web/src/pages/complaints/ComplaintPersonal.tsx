import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { can } from '../../lib/roles.ts';
import { useSession } from '../../lib/use-session.ts';
import type { ComplaintView } from './types.ts';

/** The complainant's sealed details, shown only on a reveal whose reason goes on the audit trail. */
export function ComplaintPersonal({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const s = useSession();
  const [asking, setAsking] = useState(false);
  const [shown, setShown] = useState<ComplaintView>();
  const [form] = Form.useForm<{ reason: string }>();
  if (!can(s.user.roles, 'complaints:reveal')) return null;
  const reveal = async ({ reason }: { reason: string }) => {
    try {
      setShown(
        ok(
          await api.GET('/v1/complaints/{id}', {
            params: { path: { id }, query: { reveal: 'true', reason } },
          }),
        ),
      );
      setAsking(false);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };
  const p = shown?.personal;
  return (
    <>
      {!shown && (
        <Button size="small" onClick={() => setAsking(true)} data-testid="cmp-reveal">
          {t('complaints.reveal.button')}
        </Button>
      )}
      {shown?.personalErased && <Typography.Text type="secondary">{t('complaints.reveal.erased')}</Typography.Text>}
      {shown && !shown.personalErased && (
        <Descriptions size="small" column={1} data-testid="cmp-personal">
          <Descriptions.Item label={t('complaints.file.name')}>{p?.complainant?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.file.phone')}>{p?.complainant?.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.file.description')}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {p?.description ?? '—'}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      )}
      <Modal
        open={asking}
        title={t('complaints.reveal.button')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onCancel={() => setAsking(false)}
        onOk={() => void form.validateFields().then(reveal)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('complaints.reveal.reason')}
            extra={t('complaints.reveal.audited')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input.TextArea rows={2} data-testid="cmp-reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
