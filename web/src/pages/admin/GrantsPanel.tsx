import { Button, Space, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { useAdminAction, type Grant, type Operator } from './admin-api.ts';

/** Grants of admin or approver waiting for a second administrator; the proposer is not offered the approval. */
export function GrantsPanel({ grants, users }: { grants: readonly Grant[]; users: readonly Operator[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useSession().user;
  const act = useAdminAction();
  const name = (id: string) => users.find((u) => u.id === id)?.username ?? id;
  const decide = (g: Grant, approve: boolean) =>
    act(
      async () =>
        ok(
          approve
            ? await api.POST('/v1/role-grants/{grantId}/approve', { params: { path: { grantId: g.id } } })
            : await api.POST('/v1/role-grants/{grantId}/reject', { params: { path: { grantId: g.id } } }),
        ),
      () => (approve ? t('admin.grantApproved') : t('admin.grantRejected')),
    );
  return (
    <Table<Grant>
      rowKey="id"
      size="small"
      dataSource={grants.filter((g) => g.status === 'pending')}
      pagination={false}
      locale={{ emptyText: <span style={{ color: '#595959' }}>{t('admin.noPending')}</span> }}
      columns={[
        { title: t('admin.username'), dataIndex: 'userId', render: (v: string) => name(v) },
        {
          title: t('admin.requestedRoles'),
          dataIndex: 'roles',
          render: (rs: string[]) =>
            rs.map((r) => (
              <Tag key={r} color={tone.blue}>
                {t(`roles.${r}`)}
              </Tag>
            )),
        },
        { title: t('admin.proposedBy'), dataIndex: 'proposedBy', render: (v: string) => name(v) },
        { title: t('admin.proposedAt'), dataIndex: 'proposedAt', render: (v: number) => f.dateTime(v) },
        {
          title: t('common.actions'),
          key: 'a',
          render: (_, g) => {
            const mine = g.proposedBy === me.id;
            return (
              <Space size={4}>
                <Tooltip title={mine ? t('admin.secondAdmin') : undefined}>
                  <Button
                    size="small"
                    type="primary"
                    disabled={mine}
                    onClick={() => void decide(g, true)}
                    data-testid={`grant-approve-${name(g.userId)}`}
                  >
                    {t('admin.approve')}
                  </Button>
                </Tooltip>
                <Button size="small" onClick={() => void decide(g, false)}>
                  {t('admin.reject')}
                </Button>
              </Space>
            );
          },
        },
      ]}
    />
  );
}
