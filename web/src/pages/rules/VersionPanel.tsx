import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { RuleSetStatus } from './RuleSetStatus.tsx';
import { ruleSetCommandsFor, type RuleSetCommand } from './ruleset-commands.ts';
import type { RuleSetDetail, RuleSetDoc } from './types.ts';

export const useRuleSet = (version: string | undefined) =>
  useQuery({
    queryKey: ['ruleset', version],
    enabled: version !== undefined,
    queryFn: async () => ok(await api.GET('/v1/rulesets/{version}', { params: { path: { version: version ?? '' } } })),
  });

/** One version: status, its rules, who did what when, and the lifecycle steps the operator may take. */
export function VersionPanel({ version }: { version: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const q = useRuleSet(version);
  const [asking, setAsking] = useState<RuleSetCommand>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  if (!q.data) return <Card loading />;
  const v: RuleSetDetail = q.data;
  const doc = (v.content ?? {}) as RuleSetDoc;
  const commands = ruleSetCommandsFor(v, { id: s.user.id, roles: s.user.roles });

  const perform = async (cmd: RuleSetCommand, note: string | undefined) => {
    setBusy(true);
    try {
      ok(
        await api.POST('/v1/rulesets/{target}', {
          params: { path: { target: `${v.version}:${cmd.id}` } },
          ...(note ? { body: { note } } : {}),
          // The route reads its optional {"note"} itself (noteOf), so /openapi.json declares no body for it.
        } as never),
      );
      void message.success(t('rules.done', { action: t(`rulesetCmd.${cmd.id}`) }));
      setAsking(undefined);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['rulesets'] });
      await qc.invalidateQueries({ queryKey: ['ruleset'] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  const zh = i18n.language.startsWith('zh');
  return (
    <Card size="small">
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('rules.version')}>{v.version}</Descriptions.Item>
        <Descriptions.Item label={t('rules.status')}>
          <RuleSetStatus v={v} />
        </Descriptions.Item>
        <Descriptions.Item label={t('rules.createdBy')}>{v.createdBy}</Descriptions.Item>
      </Descriptions>
      {commands.length > 0 && (
        <Space wrap style={{ margin: '8px 0 16px' }} role="group" aria-label={t('rules.lifecycle')}>
          {commands.map((cmd) => (
            <Button
              key={cmd.id}
              type={cmd.primary ? 'primary' : 'default'}
              danger={cmd.danger ?? false}
              data-testid={`rs-cmd-${cmd.id}`}
              onClick={() => setAsking(cmd)}
            >
              {t(`rulesetCmd.${cmd.id}`)}
            </Button>
          ))}
        </Space>
      )}
      <Typography.Title level={4}>{t('rules.history')}</Typography.Title>
      <Table
        rowKey={(h) => `${h.at}-${h.action}`}
        size="small"
        pagination={false}
        dataSource={v.history}
        columns={[
          { title: t('rules.at'), dataIndex: 'at', render: (at: string) => f.dateTime(Date.parse(at)) },
          { title: t('rules.action'), dataIndex: 'action', render: (a: string) => t(`rulesetCmd.${a}`, a) },
          { title: t('rules.actor'), dataIndex: 'actorId' },
          { title: t('rules.note'), dataIndex: 'note', render: (n?: string) => n ?? '—' },
        ]}
      />
      <Typography.Title level={4} style={{ marginTop: 16 }}>
        {t('rules.rules', { n: doc.rules?.length ?? 0 })}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 10, showSizeChanger: false }}
        dataSource={doc.rules ?? []}
        columns={[
          { title: t('rules.ruleId'), dataIndex: 'id' },
          { title: t('rules.ruleName'), key: 'name', render: (_: unknown, r) => (zh ? r.nameZh : r.name) ?? '—' },
          {
            title: t('rules.expression'),
            dataIndex: 'expression',
            render: (x: string) => <code style={{ whiteSpace: 'pre-wrap' }}>{x}</code>,
          },
        ]}
      />
      <Modal
        open={asking !== undefined}
        title={asking ? `${t(`rulesetCmd.${asking.id}`)} ${v.version}` : ''}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setAsking(undefined)}
        onOk={() =>
          void form
            .validateFields()
            .then((x) => asking && perform(asking, x.note?.trim()))
            .catch(() => undefined)
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="note"
            label={asking?.asks === 'reason' ? t('rules.reason') : t('rules.note')}
            rules={
              asking?.asks === 'reason' ? [{ required: true, whitespace: true, message: t('login.required') }] : []
            }
          >
            <Input.TextArea rows={3} data-testid="rs-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
