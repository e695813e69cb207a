import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useAdminAction, type ApiKey } from './admin-api.ts';

/** The platform's API keys: created and rotated keys are shown once, never again. */
export function KeysPanel() {
  const { t } = useTranslation();
  const f = useFormat();
  const act = useAdminAction();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string>();
  const q = useQuery({ queryKey: ['admin', 'keys'], queryFn: async () => ok(await api.GET('/v1/api-keys')) });

  const create = async (label: string | undefined) => {
    const r = await act(async () => ok(await api.POST('/v1/api-keys', { body: label ? { label } : {} })));
    if (r) {
      setCreating(false);
      setSecret(r.apiKey);
    }
  };
  const rotate = async (k: ApiKey) => {
    const r = await act(async () =>
      ok(await api.POST('/v1/api-keys/{keyId}/rotate', { params: { path: { keyId: k.id } }, body: {} })),
    );
    if (r) setSecret(r.apiKey);
  };
  const revoke = (k: ApiKey) =>
    act(
      async () => {
        const res = await api.POST('/v1/api-keys/{keyId}/revoke', { params: { path: { keyId: k.id } } });
        if (!res.response.ok) ok(res);
        return true;
      },
      () => t('admin.keyRevoked'),
    );
  const state = (k: ApiKey) => {
    const now = Date.now();
    if (k.revokedAt !== null && k.revokedAt <= now) return <Tag color={tone.red}>{t('admin.keyRevokedTag')}</Tag>;
    if (k.expiresAt !== null && k.expiresAt <= now) return <Tag>{t('admin.keyExpired')}</Tag>;
    if (k.expiresAt !== null)
      return <Tag color={tone.orange}>{t('admin.keyExpires', { at: f.dateTime(k.expiresAt) })}</Tag>;
    return <Tag color={tone.green}>{t('admin.active')}</Tag>;
  };

  return (
    <>
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 12 }} data-testid="key-create">
        {t('admin.createKey')}
      </Button>
      <Table<ApiKey>
        rowKey="id"
        locale={{ emptyText: <span style={{ color: '#595959' }}>{t('common.none')}</span> }}
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.keys ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('admin.keyPrefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
          { title: t('admin.keyLabel'), dataIndex: 'label', render: (v: string | null) => v ?? '—' },
          { title: t('admin.createdAt'), dataIndex: 'createdAt', render: (v: number) => f.dateTime(v) },
          { title: t('admin.status'), key: 'state', render: (_, k) => state(k) },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, k) =>
              k.revokedAt === null && k.replacedBy === null ? (
                <Space size={4}>
                  <Popconfirm
                    title={t('admin.rotateConfirm')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void rotate(k)}
                  >
                    <Button size="small">{t('admin.rotate')}</Button>
                  </Popconfirm>
                  <Popconfirm
                    title={t('admin.revokeConfirm')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void revoke(k)}
                  >
                    <Button size="small" data-testid={`key-revoke-${k.prefix}`}>
                      {t('admin.revoke')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('admin.createKey')}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
      >
        <Form layout="vertical" onFinish={(v: { label?: string }) => void create(v.label)}>
          <Form.Item name="label" label={t('admin.keyLabel')}>
            <Input maxLength={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="key-create-submit">
            {t('common.confirm')}
          </Button>
        </Form>
      </Modal>
      <Modal
        open={secret !== undefined}
        title={t('admin.newKey')}
        onCancel={() => setSecret(undefined)}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setSecret(undefined)}>
            {t('common.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('admin.shownOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret }} data-testid="key-secret" style={{ wordBreak: 'break-all' }}>
          <code>{secret}</code>
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
