import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, okAs } from '../../api/client.ts';
import type { CaseRecord, Resolution } from '../../api/types.ts';
import { useSession } from '../../lib/use-session.ts';
import { commandsFor, type ActionInput, type CaseCommand } from './workflow.ts';

/** The workflow buttons the operator may use on this case, each with the input it needs. */
export function WorkflowBar({ c }: { c: CaseRecord }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const s = useSession();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<CaseCommand>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ActionInput>();
  const me = { id: s.user.id, username: s.user.username, roles: s.user.roles };
  const commands = commandsFor(c, me);

  const perform = async (cmd: CaseCommand, input: ActionInput) => {
    setBusy(true);
    try {
      okAs(await api.POST('/v1/cases/{id}/actions', { params: { path: { id: c.id } }, body: cmd.body(c, me, input) }));
      void message.success(t('workflow.done', { action: t(`workflow.${cmd.id}`) }));
      setAsking(undefined);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['case', c.id] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  if (commands.length === 0) return null;
  return (
    <>
      <Space wrap style={{ marginTop: 16 }} role="group" aria-label={t('workflow.label')}>
        {commands.map((cmd) => (
          <Button
            key={cmd.id}
            type={cmd.primary ? 'primary' : 'default'}
            danger={cmd.danger ?? false}
            data-testid={`wf-${cmd.id}`}
            onClick={() => (cmd.asks === 'nothing' ? void perform(cmd, {}) : setAsking(cmd))}
          >
            {t(`workflow.${cmd.id}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={asking !== undefined}
        title={asking ? t(`workflow.${asking.id}`) : ''}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setAsking(undefined)}
        onOk={() => void form.validateFields().then((v) => asking && perform(asking, v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ resolution: 'no_report' satisfies Resolution }}>
          {asking?.asks === 'resolution' && (
            <Form.Item name="resolution" label={t('workflow.resolution')}>
              <Radio.Group
                options={(['false_positive', 'no_report', 'reported'] as const).map((r) => ({
                  value: r,
                  label: t(`resolution.${r}`),
                }))}
              />
            </Form.Item>
          )}
          {(asking?.asks === 'reason' || asking?.asks === 'resolution') && (
            <Form.Item
              name="reason"
              label={t('workflow.reason')}
              rules={[{ required: true, message: t('login.required') }]}
            >
              <Input.TextArea rows={3} data-testid="wf-reason" />
            </Form.Item>
          )}
          {asking?.asks === 'note' && (
            <Form.Item name="note" label={t('workflow.note')}>
              <Input.TextArea rows={3} data-testid="wf-note" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
