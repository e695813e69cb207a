import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, hubApi, ok, type Platform, type PlatformStatus, type StatusChange } from '../api/hub-client.ts';
import { ChangeHistory } from './ChangeHistory.tsx';
import { useHubInfo, useHubSession } from './hub-info.ts';
import { decisionState, statusTargets, supervisorIds } from './logic.ts';
import { StatusTag } from './StatusTag.tsx';
import { useSupervisorNames } from './use-names.ts';

interface Fields {
  to: PlatformStatus;
  reason: string;
}

/** A proposal waiting for its second supervisor; its proposer sees why they cannot decide it. */
function Pending({ c, current, name }: { c: StatusChange; current: PlatformStatus; name: (id: string) => string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useHubSession().supervisor.id;
  const state = decisionState(c, me, current);
  const [error, setError] = useState<string>();
  const decide = useMutation({
    mutationFn: async (verb: 'approve' | 'reject') =>
      ok(
        await hubApi.POST(
          verb === 'approve' ? '/v1/hub/status-changes/{id}/approve' : '/v1/hub/status-changes/{id}/reject',
          {
            params: { path: { id: c.id } },
          },
        ),
      ),
    onSuccess: (r) => {
      setError(undefined);
      void message.success(t(r.decision === 'approved' ? 'hub.change.approved' : 'hub.change.rejected'));
      void qc.invalidateQueries({ queryKey: ['hub'] });
    },
    onError: (e) => setError(e instanceof ApiError ? e.localized(i18n.language) : e.message),
  });
  const why = state === 'own' || state === 'moved' ? t(`hub.change.${state}`) : undefined;
  const whyId = `why-${c.id}`;
  return (
    <Card size="small" title={t('hub.change.pendingTitle')} data-pending={c.id}>
      <Typography.Paragraph>
        {t('hub.change.pendingText', {
          from: t(`hub.status.${c.from}`),
          to: t(`hub.status.${c.to}`),
          by: name(c.proposedBy),
          reason: c.reason,
        })}
      </Typography.Paragraph>
      {why && (
        <Typography.Paragraph type="secondary" id={whyId} data-testid="decide-withheld">
          {why}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Space>
        {(['approve', 'reject'] as const).map((verb) => (
          <Button
            key={verb}
            type={verb === 'approve' ? 'primary' : 'default'}
            danger={verb === 'reject'}
            disabled={state !== 'open'}
            aria-describedby={why ? whyId : undefined}
            title={why}
            loading={decide.isPending && decide.variables === verb}
            onClick={() => decide.mutate(verb)}
          >
            {t(`hub.change.${verb}`)}
          </Button>
        ))}
      </Space>
    </Card>
  );
}

/** The platform's status: proposals waiting for a second supervisor, a new proposal, the history. */
export function StatusPanel({ platform: p }: { platform: Platform }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const info = useHubInfo();
  const qc = useQueryClient();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<string>();
  const q = useQuery({
    queryKey: ['hub', 'platform', p.id, 'changes'],
    queryFn: async () =>
      ok(await hubApi.GET('/v1/hub/platforms/{id}/status-changes', { params: { path: { id: p.id } } })).changes,
  });
  const name = useSupervisorNames(supervisorIds(q.data ?? []));
  const propose = useMutation({
    mutationFn: async (f: Fields) =>
      ok(await hubApi.POST('/v1/hub/platforms/{id}/status-changes', { params: { path: { id: p.id } }, body: f })),
    onSuccess: () => {
      setError(undefined);
      form.resetFields();
      void message.success(t('hub.change.proposed'));
      void qc.invalidateQueries({ queryKey: ['hub'] });
    },
    onError: (e) => setError(e instanceof ApiError ? e.localized(i18n.language) : e.message),
  });
  if (q.isPending) return <Spin aria-label={t('hub.common.loading')} />;
  if (q.isError) return <Alert type="error" role="alert" title={q.error.message} />;
  const pending = q.data.filter((c) => c.decision === 'pending');
  const targets = statusTargets(info.transitions, p.status);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space>
        <Typography.Text strong>{t('hub.change.current')}</Typography.Text>
        <StatusTag status={p.status} />
      </Space>
      {pending.map((c) => (
        <Pending key={c.id} c={c} current={p.status} name={name} />
      ))}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('hub.change.propose')}</h2>}>
        {targets.length === 0 ? (
          <Typography.Text type="secondary">{t('hub.change.noTargets')}</Typography.Text>
        ) : (
          <Form<Fields> form={form} layout="vertical" requiredMark={false} onFinish={(f) => propose.mutate(f)}>
            {error && <Alert type="error" role="alert" title={error} style={{ marginBottom: 12 }} />}
            <Form.Item
              name="to"
              label={t('hub.change.to')}
              rules={[{ required: true, message: t('hub.login.required') }]}
            >
              <Select<PlatformStatus>
                style={{ maxWidth: 280 }}
                options={targets.map((s) => ({ value: s, label: t(`hub.status.${s}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('hub.change.reason')}
              rules={[{ required: true, whitespace: true, message: t('hub.login.required') }]}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={propose.isPending}>
              {t('hub.change.submit')}
            </Button>
          </Form>
        )}
      </Card>
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {t('hub.change.history')}
      </Typography.Title>
      <ChangeHistory changes={q.data} name={name} />
    </Space>
  );
}
