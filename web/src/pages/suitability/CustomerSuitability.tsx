import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { LevelTag } from './LevelTag.tsx';
import { expiryState, professionalCommandsFor } from './suitability-commands.ts';
import type { Acknowledgement } from './types.ts';
import { useProfessional } from './use-professional.ts';

/** A customer's assessment (category, score, expiry), professional status, history, warnings confirmed and fit products. */
export function CustomerSuitability({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const s = useSession();
  const zh = !i18n.language.startsWith('en');
  const { act, busy } = useProfessional();
  const [proposing, setProposing] = useState(false);
  const [form] = Form.useForm<{ basis: string }>();
  const path = { params: { path: { id: customerId } } };
  const q = useQuery({
    queryKey: ['suitability', 'customer', customerId],
    queryFn: async () => {
      const [p, a, r] = await Promise.all([
        api.GET('/v1/suitability/customers/{id}', path),
        api.GET('/v1/suitability/customers/{id}/acknowledgements', path),
        api.GET('/v1/customers/{id}/recommendations', path),
      ]);
      return { profile: ok(p), acks: ok(a).acknowledgements, recs: ok(r) };
    },
  });
  if (!q.data) return q.isLoading ? null : <Alert type="error" title={t('common.networkError')} />;
  const { profile: p, acks, recs } = q.data;
  const cur = p.current;
  const exp = cur ? expiryState(cur.expiresAt, Date.now()) : undefined;
  const pro = p.professional;
  const who = (v: string | undefined) => (v === undefined ? '—' : v === s.user.id ? t('cases.me') : v);
  const commands = professionalCommandsFor(pro, s.user);
  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }} data-testid="suit-profile">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('suitability.statusLabel')}>
            {t(`suitability.profileStatus.${p.status}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('suitability.category')}>
            {cur ? <LevelTag level={cur.category} /> : '—'}
            {cur && cur.scoreCategory !== cur.category && t('suitability.capped', { by: cur.scoreCategory })}
          </Descriptions.Item>
          <Descriptions.Item label={t('suitability.score')}>{cur?.score ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('suitability.assessedAt')}>
            {cur ? f.dateTime(Date.parse(cur.assessedAt)) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('suitability.expiresAt')}>
            {cur && exp ? (
              <>
                {f.dateTime(Date.parse(cur.expiresAt))}{' '}
                <Tag color={tone[exp.tone]}>{t(`suitability.expiry.${exp.key}`, { days: exp.days })}</Tag>
              </>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('suitability.gaps')}>{cur?.knowledgeGaps.join(', ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('suitability.professional')} span={3}>
            {pro
              ? `${t(`suitability.proState.${pro.state}`, { defaultValue: pro.state })} · ${pro.basis} · ${t('suitability.proposedBy')} ${who(pro.proposedBy)}${pro.approvedBy ? ` · ${t('suitability.approvedBy')} ${who(pro.approvedBy)}` : ''}`
              : t('suitability.notProfessional')}
          </Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          {commands.map((c) => (
            <Button
              key={c.id}
              disabled={c.withheld !== undefined || busy}
              type={c.id === 'approve' ? 'primary' : 'default'}
              data-testid={`pro-${c.id}`}
              onClick={() => (c.id === 'propose' ? setProposing(true) : void act(customerId, c.id))}
            >
              {t(`suitability.cmd.${c.id}`)}
            </Button>
          ))}
        </Space>
        {commands
          .filter((c) => c.withheld)
          .map((c) => (
            <Alert
              key={c.id}
              type="info"
              showIcon
              style={{ marginTop: 12 }}
              title={t(`suitability.withheld.${c.withheld ?? 'own_proposal'}`)}
            />
          ))}
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('suitability.history')} size="small" style={{ marginBottom: 16 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={p.history}
              columns={[
                {
                  title: t('suitability.assessedAt'),
                  dataIndex: 'assessedAt',
                  render: (v: string) => f.dateTime(Date.parse(v)),
                },
                {
                  title: t('suitability.category'),
                  dataIndex: 'category',
                  render: (v: string) => <LevelTag level={v} />,
                },
              ]}
            />
          </Card>
          <Card title={t('suitability.acknowledgements')} size="small" style={{ marginBottom: 16 }}>
            <Table<Acknowledgement>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={acks}
              columns={[
                { title: t('suitability.product'), dataIndex: 'productId' },
                {
                  title: t('suitability.risk'),
                  dataIndex: 'productRisk',
                  render: (v: string) => <LevelTag level={v} />,
                },
                {
                  title: t('suitability.category'),
                  dataIndex: 'category',
                  render: (v: string) => <LevelTag level={v} />,
                },
                { title: t('suitability.at'), dataIndex: 'at', render: (v: string) => f.dateTime(Date.parse(v)) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('suitability.recommendations')} size="small">
            {recs.note && <Alert type="info" title={zh ? recs.note.zh : recs.note.en} style={{ marginBottom: 8 }} />}
            <Table
              rowKey="productId"
              size="small"
              pagination={false}
              dataSource={recs.recommendations}
              columns={[
                { title: t('suitability.name'), key: 'n', render: (_: unknown, r) => (zh ? r.name.zh : r.name.en) },
                { title: t('suitability.risk'), dataIndex: 'risk', render: (v: string) => <LevelTag level={v} /> },
                { title: t('suitability.fit'), dataIndex: 'fit', align: 'right' },
                {
                  title: t('suitability.why'),
                  key: 'why',
                  render: (_: unknown, r) => r.explanation.map((e) => (zh ? e.zh : e.en)).join(' '),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={proposing}
        title={t('suitability.cmd.propose')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onCancel={() => setProposing(false)}
        onOk={() =>
          void form.validateFields().then(async (v) => {
            if (await act(customerId, 'propose', v.basis)) setProposing(false);
          })
        }
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="basis"
            label={t('suitability.basis')}
            rules={[{ required: true, message: t('login.required') }]}
          >
            <Input.TextArea rows={3} placeholder={t('suitability.basisHelp')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
