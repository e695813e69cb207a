import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Space, Table, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { can } from '../../lib/roles.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { byNoticeUrgency, incidentCommandsFor, unsent, type IncidentCommand } from './incident-commands.ts';
import { NoticeTag } from './NoticeTag.tsx';
import type { IncidentView, Notice } from './types.ts';

type ReportForm = { summary: string; rootCause: string; actions?: string; lessons?: string };
const lines = (s: string | undefined) =>
  (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** One incident: its grade and why, each authority's notice clock, the steps, the post-incident report. */
export function IncidentDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const [notifying, setNotifying] = useState<Notice>();
  const [writing, setWriting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [ref] = Form.useForm<{ reference?: string }>();
  const [rep] = Form.useForm<ReportForm>();
  const q = useQuery({
    queryKey: ['incident', id],
    enabled: id !== undefined,
    queryFn: async () => ok(await api.GET('/v1/incidents/{id}', { params: { path: { id: id ?? '' } } })),
  });
  const i = q.data;
  const zh = !i18n.language.startsWith('en');
  const who = (v: string | undefined) => (v === undefined ? '—' : v === s.user.id ? t('cases.me') : v);

  const run = async (label: string, call: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await call();
      void message.success(t('privacy.done', { action: label }));
      setNotifying(undefined);
      setWriting(false);
      await qc.invalidateQueries({ queryKey: ['incident'] });
      await qc.invalidateQueries({ queryKey: ['incidents'] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };
  const path = (x: IncidentView) => ({ params: { path: { id: x.id } } });
  const step = (x: IncidentView, cmd: IncidentCommand) => {
    const label = t(`privacy.icmd.${cmd.id}`);
    if (cmd.id === 'report') return setWriting(true);
    if (cmd.id === 'approve_report')
      return void run(label, async () => ok(await api.POST('/v1/incidents/{id}/report/approve', path(x))));
    const action = cmd.id;
    return void run(label, async () =>
      ok(await api.POST('/v1/incidents/{id}/actions', { ...path(x), body: { action, expectedVersion: x.version } })),
    );
  };

  const offered = i ? incidentCommandsFor(i, s.user) : [];
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size="large"
      title={i ? (zh && i.titleZh ? i.titleZh : i.title) : ''}
    >
      {i && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('privacy.grade')}>
              {i.grade} {zh ? i.gradeName.zh : i.gradeName.en}
              <div style={{ color: '#595959' }}>{i.gradeReasons.join('; ')}</div>
              {i.override && <div>{t('privacy.override', { reason: i.override.reason, by: who(i.override.by) })}</div>}
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.stateLabel')}>
              {t(`privacy.istate.${i.state}`, { defaultValue: i.state })}
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.detected')}>{f.dateTime(Date.parse(i.detectedAt))}</Descriptions.Item>
            <Descriptions.Item label={t('privacy.type')}>
              {t(`privacy.itype.${i.type}`, { defaultValue: i.type })}
            </Descriptions.Item>
            <Descriptions.Item label={t('privacy.plan')}>{i.planId ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Table<Notice>
            style={{ marginTop: 16 }}
            rowKey="authority"
            size="small"
            pagination={false}
            dataSource={[...i.notices].sort(byNoticeUrgency)}
            columns={[
              { title: t('privacy.authority'), key: 'a', render: (_: unknown, n) => <NoticeTag n={n} /> },
              { title: t('privacy.dueAt'), dataIndex: 'dueAt', render: (v: string) => f.dateTime(Date.parse(v)) },
              { title: t('privacy.reference'), dataIndex: 'reference', render: (v?: string) => v ?? '—' },
              {
                title: t('common.actions'),
                key: 'notify',
                render: (_: unknown, n) =>
                  can(s.user.roles, 'incidents:write') && unsent(i).includes(n) ? (
                    <Button size="small" onClick={() => setNotifying(n)} data-testid={`notify-${n.authority}`}>
                      {t('privacy.notify')}
                    </Button>
                  ) : null,
              },
            ]}
          />
          <Space wrap style={{ marginTop: 16 }} role="group" aria-label={t('privacy.steps')}>
            {offered.map(({ command: cmd, withheld }) => (
              <Tooltip key={cmd.id} title={withheld ? t(`privacy.withheld.${withheld}`) : undefined}>
                <Button
                  type={cmd.primary ? 'primary' : 'default'}
                  disabled={withheld !== undefined || busy}
                  data-testid={`inc-${cmd.id}`}
                  onClick={() => step(i, cmd)}
                >
                  {t(`privacy.icmd.${cmd.id}`)}
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
                title={t(`privacy.withheld.${o.withheld ?? 'author'}`)}
              />
            ))}
          {i.report && (
            <Descriptions size="small" column={1} bordered style={{ marginTop: 16 }} title={t('privacy.report')}>
              <Descriptions.Item label={t('privacy.summary')}>
                {zh && i.report.summaryZh ? i.report.summaryZh : i.report.summary}
              </Descriptions.Item>
              <Descriptions.Item label={t('privacy.rootCause')}>
                {zh && i.report.rootCauseZh ? i.report.rootCauseZh : i.report.rootCause}
              </Descriptions.Item>
              <Descriptions.Item label={t('privacy.reportBy')}>
                {who(i.report.author)} ·{' '}
                {i.report.approvedBy
                  ? t('privacy.approvedBy', { by: who(i.report.approvedBy) })
                  : t('privacy.awaitingApproval')}
              </Descriptions.Item>
            </Descriptions>
          )}
          <Modal
            open={notifying !== undefined}
            title={t('privacy.notify')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            confirmLoading={busy}
            onCancel={() => setNotifying(undefined)}
            onOk={() =>
              void ref.validateFields().then((v) =>
                run(t('privacy.notify'), async () =>
                  ok(
                    await api.POST('/v1/incidents/{id}/actions', {
                      ...path(i),
                      body: {
                        action: 'notify',
                        authority: notifying?.authority ?? '',
                        ...(v.reference ? { reference: v.reference } : {}),
                        expectedVersion: i.version,
                      },
                    }),
                  ),
                ),
              )
            }
            destroyOnHidden
          >
            <Form form={ref} layout="vertical">
              <Form.Item name="reference" label={t('privacy.reference')}>
                <Input />
              </Form.Item>
            </Form>
          </Modal>
          <Modal
            open={writing}
            title={t('privacy.icmd.report')}
            okText={t('common.save')}
            cancelText={t('common.cancel')}
            confirmLoading={busy}
            onCancel={() => setWriting(false)}
            onOk={() =>
              void rep.validateFields().then((v) =>
                run(t('privacy.icmd.report'), async () =>
                  ok(
                    await api.PUT('/v1/incidents/{id}/report', {
                      ...path(i),
                      body: {
                        summary: v.summary,
                        rootCause: v.rootCause,
                        actions: lines(v.actions),
                        lessons: lines(v.lessons),
                      },
                    }),
                  ),
                ),
              )
            }
            destroyOnHidden
          >
            <Form form={rep} layout="vertical">
              <Form.Item
                name="summary"
                label={t('privacy.summary')}
                rules={[{ required: true, message: t('login.required') }]}
              >
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item
                name="rootCause"
                label={t('privacy.rootCause')}
                rules={[{ required: true, message: t('login.required') }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="actions" label={t('privacy.reportActions')} extra={t('privacy.onePerLine')}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Form.Item name="lessons" label={t('privacy.lessons')} extra={t('privacy.onePerLine')}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </Drawer>
  );
}
