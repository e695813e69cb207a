import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, ApiError, ok } from '../../api/client.ts';
import { useParties } from '../customers/use-parties.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { hitCommandsFor, type HitCommand } from './hit-commands.ts';
import type { PartyHit } from './types.ts';

type Row = PartyHit & { partyId: string; partyName: string | null };

/** Customers' open screening hits: a reviewer marks each a false positive or a true match, with a reason. */
export function HitReview() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const f = useFormat();
  const s = useSession();
  const qc = useQueryClient();
  const q = useParties();
  const [asking, setAsking] = useState<{ cmd: HitCommand; hit: Row }>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const me = { id: s.user.id, roles: s.user.roles };
  const rows: Row[] = (q.data?.pages.flat() ?? []).flatMap((p) =>
    p.openHits.map((h) => ({ ...h, partyId: p.id, partyName: p.name })),
  );

  const decide = async (cmd: HitCommand, hit: Row, reason: string) => {
    setBusy(true);
    try {
      ok(
        await api.POST('/v1/party-hits/{id}/decision', {
          params: { path: { id: hit.id } },
          body: { decision: cmd.decision, reason },
        }),
      );
      void message.success(t('screening.decided', { action: t(`screening.hitCmd.${cmd.id}`) }));
      setAsking(undefined);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['parties'] });
      await qc.invalidateQueries({ queryKey: ['party'] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Paragraph>{t('screening.reviewIntro')}</Typography.Paragraph>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: <span style={{ color: '#595959' }}>{t('screening.noOpenHits')}</span> }}
        columns={[
          {
            title: t('screening.customer'),
            key: 'party',
            render: (_: unknown, h) => (
              <Link to={`/customers?party=${h.partyId}`}>
                {h.partyName ?? h.partyId} <Typography.Text type="secondary">({h.partyId})</Typography.Text>
              </Link>
            ),
          },
          { title: t('screening.matchedName'), dataIndex: 'matchedName' },
          { title: t('screening.list'), dataIndex: 'listId' },
          {
            title: t('screening.score'),
            dataIndex: 'score',
            align: 'right',
            render: (v: number) => `${(v * 100).toFixed(1)} %`,
          },
          {
            title: t('screening.recommendation'),
            dataIndex: 'recommendation',
            render: (r: Row['recommendation']) => (
              <Tag color={r === 'block' ? tone.red : tone.orange}>{t(`screening.rec.${r}`)}</Tag>
            ),
          },
          { title: t('screening.firstSeen'), dataIndex: 'firstSeenAt', render: (v: number) => f.dateTime(v) },
          {
            title: t('screening.reviewState'),
            key: 'state',
            render: (_: unknown, h) =>
              h.status === 'confirm_requested' ? (
                <span data-testid="hit-requested">
                  <Tag color={tone.purple}>{t('screening.requested')}</Tag>
                  {t('screening.requestedBy', { who: h.decidedBy ?? '—', reason: h.reason ?? '' })}
                </span>
              ) : (
                <Tag color={tone.orange}>{t('screening.open')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, h) => (
              <Space>
                {hitCommandsFor(h, me).map((cmd) => (
                  <Button
                    key={cmd.id}
                    size="small"
                    danger={cmd.danger ?? false}
                    data-testid={`hit-${cmd.id}`}
                    onClick={() => setAsking({ cmd, hit: h })}
                  >
                    {t(`screening.hitCmd.${cmd.id}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {q.hasNextPage && (
        <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="hits-more">
          {t('screening.more')}
        </Button>
      )}
      <Modal
        open={asking !== undefined}
        title={asking ? `${t(`screening.hitCmd.${asking.cmd.id}`)}: ${asking.hit.matchedName}` : ''}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setAsking(undefined)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => asking && decide(asking.cmd, asking.hit, v.reason.trim()))
            .catch(() => undefined)
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('screening.reason')}
            rules={[{ required: true, whitespace: true, message: t('login.required') }]}
          >
            <Input.TextArea rows={3} data-testid="hit-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
