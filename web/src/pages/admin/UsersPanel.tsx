import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { allRoles, useAdminAction, type Grant, type Operator, type RoleName } from './admin-api.ts';

const roleOptions = (t: (k: string) => string) => allRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }));

/** Operators of the tenant: create, change roles (admin and approver wait for a second administrator), reset password, disable. */
export function UsersPanel({ grants }: { grants: readonly Grant[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useSession().user;
  const act = useAdminAction();
  const [creating, setCreating] = useState(false);
  const [roles, setRoles] = useState<Operator>();
  const [password, setPassword] = useState<Operator>();
  const q = useQuery({ queryKey: ['admin', 'users'], queryFn: async () => ok(await api.GET('/v1/users')) });
  const pendingOf = (id: string) => grants.filter((g) => g.userId === id && g.status === 'pending');

  const create = async (v: { username: string; password: string; roles: RoleName[] }) => {
    const r = await act(
      async () => ok(await api.POST('/v1/users', { body: v })),
      (u) => (u.pendingGrant ? t('admin.createdPending') : t('admin.created')),
    );
    if (r) setCreating(false);
  };
  const setUserRoles = async (u: Operator, next: RoleName[]) => {
    const r = await act(
      async () => {
        const res = await api.PUT('/v1/users/{userId}/roles', {
          params: { path: { userId: u.id } },
          body: { roles: next },
        });
        return ok(res);
      },
      (x) => (x.status === 'pending' ? t('admin.rolesPending') : t('admin.rolesApplied')),
    );
    if (r) setRoles(undefined);
  };
  const reset = async (u: Operator, pw: string) => {
    const r = await act(
      async () => {
        const res = await api.POST('/v1/users/{userId}/password', {
          params: { path: { userId: u.id } },
          body: { password: pw },
        });
        if (!res.response.ok) ok(res);
        return true;
      },
      () => t('admin.passwordReset'),
    );
    if (r) setPassword(undefined);
  };
  const toggle = (u: Operator) =>
    act(
      async () =>
        ok(
          u.disabled
            ? await api.POST('/v1/users/{userId}/enable', { params: { path: { userId: u.id } } })
            : await api.POST('/v1/users/{userId}/disable', { params: { path: { userId: u.id } } }),
        ),
      () => (u.disabled ? t('admin.enabled') : t('admin.disabledDone')),
    );

  return (
    <>
      <Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 12 }} data-testid="user-create">
        {t('admin.createUser')}
      </Button>
      <Table<Operator>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.users ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('admin.username'), dataIndex: 'username' },
          {
            title: t('admin.roles'),
            dataIndex: 'roles',
            render: (rs: string[], u) => (
              <Space size={4} wrap>
                {rs.map((r) => (
                  <Tag key={r} color={tone.blue}>
                    {t(`roles.${r}`)}
                  </Tag>
                ))}
                {pendingOf(u.id).map((g) => (
                  <Tag key={g.id} color={tone.orange}>
                    {t('admin.pendingRoles', { roles: g.roles.map((r) => t(`roles.${r}`)).join(t('admin.listSep')) })}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('admin.status'),
            dataIndex: 'disabled',
            render: (d: boolean) =>
              d ? <Tag color={tone.red}>{t('admin.disabled')}</Tag> : <Tag color={tone.green}>{t('admin.active')}</Tag>,
          },
          { title: t('admin.createdAt'), dataIndex: 'createdAt', render: (v: number) => f.dateTime(v) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, u) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setRoles(u)} data-testid={`roles-${u.username}`}>
                  {t('admin.changeRoles')}
                </Button>
                <Button size="small" onClick={() => setPassword(u)}>
                  {t('admin.resetPassword')}
                </Button>
                {u.id !== me.id && (
                  <Popconfirm
                    title={u.disabled ? t('admin.enableConfirm') : t('admin.disableConfirm')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => void toggle(u)}
                  >
                    <Button size="small" data-testid={`toggle-${u.username}`}>
                      {u.disabled ? t('admin.enable') : t('admin.disable')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('admin.createUser')}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string; roles: RoleName[] }) => void create(v)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t('admin.username')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9._@-]+$/, message: t('admin.usernameRule') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('admin.password')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {/* A validator rather than `required`: aria-required is not allowed on a checkbox group. */}
          <Form.Item
            name="roles"
            label={t('admin.roles')}
            rules={[
              {
                validator: (_, v: unknown[] | undefined) =>
                  v?.length ? Promise.resolve() : Promise.reject(new Error(t('login.required'))),
              },
            ]}
          >
            <Checkbox.Group options={roleOptions(t)} />
          </Form.Item>
          <Form.Item extra={t('admin.fourEyesNote')}>
            <Button type="primary" htmlType="submit" data-testid="user-create-submit">
              {t('common.confirm')}
            </Button>
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!roles}
        title={t('admin.changeRolesOf', { name: roles?.username })}
        onCancel={() => setRoles(undefined)}
        footer={null}
        destroyOnHidden
      >
        {roles && (
          <Form
            layout="vertical"
            initialValues={{ roles: roles.roles }}
            onFinish={(v: { roles: RoleName[] }) => void setUserRoles(roles, v.roles)}
          >
            <Form.Item name="roles" label={t('admin.roles')} extra={t('admin.fourEyesNote')}>
              <Checkbox.Group options={roleOptions(t)} />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="roles-submit">
              {t('common.save')}
            </Button>
          </Form>
        )}
      </Modal>
      <Modal
        open={!!password}
        title={t('admin.resetPasswordOf', { name: password?.username })}
        onCancel={() => setPassword(undefined)}
        footer={null}
        destroyOnHidden
      >
        {password && (
          <Form
            layout="vertical"
            onFinish={(v: { password: string }) => void reset(password, v.password)}
            requiredMark={false}
          >
            <Form.Item
              name="password"
              label={t('admin.newPassword')}
              extra={t('admin.resetNote')}
              rules={[{ required: true, message: t('login.required') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('common.confirm')}
            </Button>
          </Form>
        )}
      </Modal>
    </>
  );
}
