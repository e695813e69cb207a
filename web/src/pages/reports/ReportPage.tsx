import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, ApiError, okAs } from '../../api/client.ts';
import type { HistoryEntry, ReportRecord } from '../../api/types.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { download } from '../cases/CaseAttachments.tsx';
import { reportCommandsFor, reportFields, type ReportCommand } from './report-commands.ts';
import { ReportStatusTag } from './ReportTags.tsx';

interface Missing {
  path: string;
  label: string;
  labelZh: string;
}

export default function ReportPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<ReportCommand>();
  const [form] = Form.useForm<{ note?: string; reason?: string }>();
  const q = useQuery({
    queryKey: ['report', id],
    queryFn: async () =>
      okAs<{ report: ReportRecord; history: HistoryEntry[] }>(
        await api.GET('/v1/reports/{id}', { params: { path: { id } } }),
      ),
  });
  if (q.isLoading) return <Spin />;
  if (!q.data) return <Alert type="error" title={t('reports.notFound')} />;
  const { report: r, history } = q.data;
  const zh = i18n.language !== 'en';
  const missing = (r.payload.missing as Missing[] | undefined) ?? [];
  const xml = typeof r.payload.xml === 'string' ? r.payload.xml : '';
  const fields = reportFields(xml);
  const missingPaths = new Set(missing.map((m) => m.path));

  const perform = async (cmd: ReportCommand, input: { note?: string; reason?: string }) => {
    try {
      if (cmd.id === 'approve')
        okAs(
          await api.POST('/v1/reports/{id}/approve', { params: { path: { id } }, body: { note: input.note } as never }),
        );
      if (cmd.id === 'reject')
        okAs(
          await api.POST('/v1/reports/{id}/reject', {
            params: { path: { id } },
            body: { reason: input.reason } as never,
          }),
        );
      if (cmd.id === 'submit') okAs(await api.POST('/v1/reports:submit', { body: { reportIds: [id] } }));
      void message.success(t('workflow.done', { action: t(`reports.cmd.${cmd.id}`) }));
      setAsking(undefined);
      await qc.invalidateQueries({ queryKey: ['report', id] });
      await qc.invalidateQueries({ queryKey: ['reports'] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };

  return (
    <>
      <Typography.Title level={2}>
        {t('reports.title')} {r.id}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('reports.format')}>{t(`reportFormat.${r.format}`)}</Descriptions.Item>
          <Descriptions.Item label={t('reports.status')}>
            <ReportStatusTag s={r.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.deadline')}>{r.dueBy}</Descriptions.Item>
          <Descriptions.Item label={t('reports.createdBy')}>
            {r.createdBy === s.user.id ? t('cases.me') : r.createdBy}
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.approvedBy')}>
            {r.approvedBy === null ? '—' : r.approvedBy === s.user.id ? t('cases.me') : r.approvedBy}
          </Descriptions.Item>
          <Descriptions.Item label={t('reports.file')}>{r.fileName ?? '—'}</Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }} role="group" aria-label={t('reports.actions')}>
          {reportCommandsFor(r, s.user).map((cmd) => (
            <Button
              key={cmd.id}
              type={cmd.primary ? 'primary' : 'default'}
              danger={cmd.danger ?? false}
              data-testid={`rp-${cmd.id}`}
              onClick={() => (cmd.asks === 'nothing' ? void perform(cmd, {}) : setAsking(cmd))}
            >
              {t(`reports.cmd.${cmd.id}`)}
            </Button>
          ))}
          {r.packageName && (
            <Button
              data-testid="rp-download"
              onClick={() => void download(`/v1/report-packages/${r.packageName}`, r.packageName ?? '')}
            >
              {t('reports.download', { name: r.packageName })}
            </Button>
          )}
        </Space>
      </Card>
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('reports.missing', { n: missing.length })}
          description={missing.map((m) => (zh ? m.labelZh : m.label)).join(zh ? '、' : ', ')}
        />
      )}
      <Card title={t('reports.fields')} size="small" style={{ marginBottom: 16 }}>
        <Table
          rowKey="path"
          size="small"
          pagination={{ pageSize: 50, showSizeChanger: false }}
          dataSource={fields}
          rowClassName={(x) => (missingPaths.has(x.path) || x.value === '' ? 'zhili-missing' : '')}
          columns={[
            { title: t('reports.field'), dataIndex: 'path', render: (v: string) => <code>{v}</code> },
            {
              title: t('reports.value'),
              dataIndex: 'value',
              render: (v: string, x) =>
                missingPaths.has(x.path) || v === '' ? (
                  <Typography.Text type="danger">{t('reports.empty')}</Typography.Text>
                ) : (
                  v
                ),
            },
          ]}
        />
      </Card>
      <Card title={t('case.tabNotes')} size="small">
        <Table<HistoryEntry>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={history}
          columns={[
            { title: t('notes.at'), dataIndex: 'at', render: (v: number) => f.dateTime(v) },
            { title: t('notes.who'), dataIndex: 'actor', render: (v: string) => (v === s.user.id ? t('cases.me') : v) },
            {
              title: t('notes.action'),
              dataIndex: 'action',
              render: (v: string) => t(`history.${v}`, { defaultValue: v }),
            },
          ]}
        />
      </Card>
      <Modal
        open={asking !== undefined}
        title={asking ? t(`reports.cmd.${asking.id}`) : ''}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onCancel={() => setAsking(undefined)}
        onOk={() => void form.validateFields().then((v) => asking && perform(asking, v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {asking?.asks === 'note' && (
            <Form.Item name="note" label={t('workflow.note')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
          {asking?.asks === 'reason' && (
            <Form.Item
              name="reason"
              label={t('workflow.reason')}
              rules={[{ required: true, message: t('login.required') }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
