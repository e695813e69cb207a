import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { ClockTag } from '../complaints/ClockTag.tsx';
import { requestCommandsFor, type RequestCommand } from './request-commands.ts';
import { saveBlob } from './save.ts';
import { verificationMethods, type RequestStep, type RequestView } from './types.ts';

type Input = { method?: (typeof verificationMethods)[number]; evidence?: string; note?: string; reason?: string };

/** One request: its deadline, identity check, export and answer, and every step with its hash. */
export function RequestDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<RequestCommand>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Input>();
  const q = useQuery({
    queryKey: ['dsr', id],
    enabled: id !== undefined,
    queryFn: async () => {
      const path = { params: { path: { id: id ?? '' } } };
      const [r, h] = await Promise.all([
        api.GET('/v1/data-subject-requests/{id}', path),
        api.GET('/v1/data-subject-requests/{id}/history', path),
      ]);
      return { r: ok(r), history: ok(h).history };
    },
  });
  const r = q.data?.r;
  const who = (v: string | undefined) => (v === undefined ? '—' : v === s.user.id ? t('cases.me') : v);

  const perform = async (cmd: RequestCommand, v: Input, req: RequestView) => {
    setBusy(true);
    const path = { params: { path: { id: req.id } } };
    try {
      if (cmd.id === 'verify')
        ok(
          await api.POST('/v1/data-subject-requests/{id}/verify', {
            ...path,
            body: {
              method: v.method ?? 'id_document',
              ...(v.evidence ? { evidence: v.evidence } : {}),
              expectedVersion: req.version,
            },
          }),
        );
      if (cmd.id === 'export') {
        const file = ok(await api.POST('/v1/data-subject-requests/{id}/export', { ...path, parseAs: 'blob' }));
        saveBlob(file, `${req.id}-export.json`);
      }
      if (cmd.id === 'fulfil')
        ok(
          await api.POST('/v1/data-subject-requests/{id}/fulfil', {
            ...path,
            body: { ...(v.note ? { note: v.note } : {}), expectedVersion: req.version },
          }),
        );
      if (cmd.id === 'refuse')
        ok(
          await api.POST('/v1/data-subject-requests/{id}/refuse', {
            ...path,
            body: { reason: v.reason ?? '', expectedVersion: req.version },
          }),
        );
      void message.success(t('privacy.done', { action: t(`privacy.cmd.${cmd.id}`) }));
      setAsking(undefined);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['dsr'] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  const offered = r ? requestCommandsFor(r, s.user) : [];
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size="large"
      title={r ? `${r.id} · ${t(`privacy.kind.${r.kind}`)}` : ''}
    >
      {r && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('privacy.subject')}>{r.subject}</Descriptions.Item>
            <Descriptions.Item label={t('privacy.stateLabel')}>
              {t(`privacy.state.${r.state}`, { defaultValue: r.state })}
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.deadline')}>
              <ClockTag clock={{ status: r.deadline.status, due: r.deadline.dueBy, daysLeft: r.deadline.daysLeft }} />
              <div style={{ color: '#595959' }}>{r.deadline.source}</div>
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.received')}>{f.dateTime(Date.parse(r.receivedAt))}</Descriptions.Item>
            {r.fields && <Descriptions.Item label={t('privacy.fields')}>{r.fields.join(', ')}</Descriptions.Item>}
            {r.purposes && <Descriptions.Item label={t('privacy.purposes')}>{r.purposes.join(', ')}</Descriptions.Item>}
            <Descriptions.Item label={t('privacy.verification')}>
              {r.verification
                ? `${t(`privacy.method.${r.verification.method}`, { defaultValue: r.verification.method })} · ${who(r.verification.checkedBy)} · ${f.dateTime(Date.parse(r.verification.at))}`
                : '—'}
            </Descriptions.Item>
            {r.export && (
              <Descriptions.Item label={t('privacy.exported')}>
                {t('privacy.exportedItems', { n: r.export.items, by: who(r.export.by) })}{' '}
                <code>{r.export.hash.slice(0, 16)}…</code>
              </Descriptions.Item>
            )}
            {r.answer && (
              <Descriptions.Item label={t('privacy.answer')}>
                {t(`privacy.state.${r.answer.outcome}`, { defaultValue: r.answer.outcome })} · {who(r.answer.by)}
                {r.answer.reason && ` · ${r.answer.reason}`}
                {r.answer.erased &&
                  ` · ${t('privacy.erased', { keys: r.answer.erased.eventKeys, complaints: r.answer.erased.complaints })}`}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Space wrap style={{ marginTop: 16 }} role="group" aria-label={t('privacy.steps')}>
            {offered.map(({ command: cmd, withheld }) => (
              <Tooltip key={cmd.id} title={withheld ? t(`privacy.withheld.${withheld}`) : undefined}>
                <Button
                  type={cmd.primary ? 'primary' : 'default'}
                  disabled={withheld !== undefined || busy}
                  data-testid={`dsr-${cmd.id}`}
                  onClick={() => (cmd.asks === 'nothing' ? void perform(cmd, {}, r) : setAsking(cmd))}
                >
                  {t(cmd.id === 'fulfil' && r.kind === 'deletion' ? 'privacy.cmd.erase' : `privacy.cmd.${cmd.id}`)}
                </Button>
              </Tooltip>
            ))}
          </Space>
          {offered
            .filter((o) => o.withheld)
            .map((o) => (
              <Alert
                key={o.command.id}
                type="info"
                showIcon
                style={{ marginTop: 12 }}
                title={t(`privacy.withheld.${o.withheld ?? 'verifier'}`)}
              />
            ))}
          <Table<RequestStep>
            style={{ marginTop: 16 }}
            rowKey="seq"
            size="small"
            pagination={false}
            dataSource={q.data?.history ?? []}
            columns={[
              { title: t('privacy.at'), dataIndex: 'at', render: (v: string) => f.dateTime(Date.parse(v)) },
              {
                title: t('privacy.step'),
                dataIndex: 'action',
                render: (v: string) => t(`privacy.history.${v}`, { defaultValue: v }),
              },
              { title: t('privacy.who'), dataIndex: 'actorId', render: who },
              {
                title: 'SHA-256',
                dataIndex: 'dataHash',
                render: (v: string) => <code title={v}>{v.slice(0, 12)}</code>,
              },
            ]}
          />
          <Modal
            open={asking !== undefined}
            title={asking ? t(`privacy.cmd.${asking.id}`) : ''}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            confirmLoading={busy}
            onCancel={() => setAsking(undefined)}
            onOk={() => void form.validateFields().then((v) => asking && perform(asking, v, r))}
            destroyOnHidden
          >
            <Form form={form} layout="vertical" initialValues={{ method: 'id_document' }}>
              {asking?.asks === 'verification' && (
                <>
                  <Form.Item name="method" label={t('privacy.methodLabel')}>
                    <Select options={verificationMethods.map((m) => ({ value: m, label: t(`privacy.method.${m}`) }))} />
                  </Form.Item>
                  <Form.Item name="evidence" label={t('privacy.evidence')} extra={t('privacy.evidenceHelp')}>
                    <Input />
                  </Form.Item>
                </>
              )}
              {asking?.asks === 'note' && (
                <Form.Item name="note" label={t('privacy.note')}>
                  <Input.TextArea rows={3} />
                </Form.Item>
              )}
              {asking?.asks === 'reason' && (
                <Form.Item
                  name="reason"
                  label={t('privacy.reason')}
                  rules={[{ required: true, message: t('login.required') }]}
                >
                  <Input.TextArea rows={3} />
                </Form.Item>
              )}
            </Form>
          </Modal>
        </>
      )}
    </Drawer>
  );
}
