import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Radio, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { useSession } from '../../lib/use-session.ts';
import {
  actionBody,
  commandsFor,
  type ActionInput,
  type ComplaintCommand,
  type FourEyes,
} from './complaint-commands.ts';
import { outcomes, type ComplaintView } from './types.ts';

/** The workflow steps this operator may take on the complaint; a withheld step says why (four eyes). */
export function ComplaintWorkflow({ c, rules }: { c: ComplaintView; rules: FourEyes }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const s = useSession();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<ComplaintCommand>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ActionInput>();
  const offered = commandsFor(c, s.user, rules);
  const withheld = offered.filter((o) => o.withheld);

  const perform = async (cmd: ComplaintCommand, input: ActionInput) => {
    setBusy(true);
    try {
      ok(
        await api.POST('/v1/complaints/{id}/actions', {
          params: { path: { id: c.id } },
          body: actionBody(cmd, input, c),
        }),
      );
      void message.success(t('complaints.done', { action: t(`complaints.cmd.${cmd.id}`) }));
      setAsking(undefined);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['complaint', c.id] });
      await qc.invalidateQueries({ queryKey: ['complaints'] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  if (offered.length === 0) return null;
  return (
    <>
      <Space wrap style={{ marginTop: 16 }} role="group" aria-label={t('complaints.workflow')}>
        {offered.map(({ command: cmd, withheld: why }) => (
          <Tooltip key={cmd.id} title={why ? t(`complaints.withheld.${why}`) : undefined}>
            <Button
              type={cmd.primary ? 'primary' : 'default'}
              disabled={why !== undefined || busy}
              data-testid={`cmp-${cmd.id}`}
              onClick={() => (cmd.asks === 'nothing' ? void perform(cmd, {}) : setAsking(cmd))}
            >
              {t(`complaints.cmd.${cmd.id}`)}
            </Button>
          </Tooltip>
        ))}
      </Space>
      {withheld.map((o) => (
        <Alert
          key={o.command.id}
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="cmp-withheld"
          title={t(`complaints.withheld.${o.withheld ?? 'own_proposal'}`)}
        />
      ))}
      <Modal
        open={asking !== undefined}
        title={asking ? t(`complaints.cmd.${asking.id}`) : ''}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setAsking(undefined)}
        onOk={() => void form.validateFields().then((v) => asking && perform(asking, v))}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            outcome: 'upheld',
            currency: 'CNY',
            to: asking?.asks === 'extension' ? 'complex' : 'mediation',
          }}
        >
          {asking?.asks === 'proposal' && (
            <>
              <Form.Item name="outcome" label={t('complaints.outcomeLabel')}>
                <Radio.Group options={outcomes.map((o) => ({ value: o, label: t(`complaints.outcome.${o}`) }))} />
              </Form.Item>
              <Space>
                <Form.Item
                  name="amount"
                  label={t('complaints.compensation')}
                  rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: t('complaints.amountRule') }]}
                >
                  <Input placeholder="0.00" data-testid="cmp-amount" inputMode="decimal" />
                </Form.Item>
                <Form.Item name="currency" label={t('complaints.currency')}>
                  <Input style={{ width: 90 }} maxLength={3} />
                </Form.Item>
              </Space>
              <Form.Item name="rootCause" label={t('complaints.rootCause')} extra={t('complaints.rootCauseHelp')}>
                <Input maxLength={64} data-testid="cmp-root-cause" />
              </Form.Item>
            </>
          )}
          {asking?.asks === 'reason' && (
            <Form.Item
              name="reason"
              label={t('complaints.reason')}
              rules={[{ required: true, message: t('login.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {asking?.asks === 'extension' && (
            <>
              <Form.Item name="to" label={t('complaints.extendTo')}>
                <Radio.Group
                  options={(['complex', 'special'] as const).map((v) => ({
                    value: v,
                    label: t(`complaints.complexity.${v}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="consumerNotified" valuePropName="checked">
                <Checkbox>{t('complaints.consumerNotified')}</Checkbox>
              </Form.Item>
            </>
          )}
          {asking?.asks === 'escalation' && (
            <Form.Item name="to" label={t('complaints.escalateTo')}>
              <Radio.Group
                options={(['mediation', 'regulator'] as const).map((v) => ({
                  value: v,
                  label: t(`complaints.escalation.${v}`),
                }))}
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
