import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ok } from '../../api/client.ts';
import { can } from '../../lib/roles.ts';
import { tone } from '../../lib/tone.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { ClockTag, StateTag } from './ClockTag.tsx';
import { needsFourEyes, type FourEyes } from './complaint-commands.ts';
import { ComplaintPersonal } from './ComplaintPersonal.tsx';
import { ComplaintTimeline } from './ComplaintTimeline.tsx';
import { ComplaintWorkflow } from './ComplaintWorkflow.tsx';
import { labeller } from './labels.ts';
import { clockOf } from './queue.ts';
import './i18n.ts';

export default function ComplaintPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const s = useSession();
  const q = useQuery({
    queryKey: ['complaint', id],
    queryFn: async () => {
      const path = { params: { path: { id } } };
      const [c, h] = await Promise.all([
        api.GET('/v1/complaints/{id}', path),
        api.GET('/v1/complaints/{id}/history', path),
      ]);
      return { c: ok(c), history: ok(h).history };
    },
  });
  const settings = useQuery({
    queryKey: ['complaint-settings'],
    queryFn: async () => ok(await api.GET('/v1/complaints/settings')),
  });
  const table = useQuery({
    queryKey: ['complaint-classification'],
    queryFn: async () => ok(await api.GET('/v1/complaints/classification')),
  });
  if (q.isLoading || settings.isLoading) return <Spin />;
  if (!q.data) return <Alert type="error" title={t('complaints.notFound')} />;
  const { c, history } = q.data;
  const rules: FourEyes = settings.data?.fourEyes ?? { thresholds: {} };
  const label = labeller(table.data, i18n.language);
  const who = (v: string | undefined) => (v === undefined ? '—' : v === s.user.id ? t('cases.me') : v);
  const p = c.proposal;
  return (
    <>
      <Typography.Title level={2}>
        <Link to="/complaints" style={{ textDecoration: 'underline' }}>
          {t('menu.complaints')}
        </Link>{' '}
        / {c.id}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('complaints.stateLabel')}>
            <StateTag state={c.state} />
            {c.reopened > 0 && <Tag>{t('complaints.reopenedTimes', { n: c.reopened })}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.clock')}>
            <ClockTag clock={clockOf(c)} />
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.regulator')}>
            {c.clock.regulator} · {t(`complaints.complexity.${c.complexity}`, { defaultValue: c.complexity })} ·{' '}
            {t('complaints.days', { n: c.clock.days, kind: t(`complaints.dayKind.${c.clock.dayKind}`) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.customer')}>{c.customerId}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.channel')}>
            {t(`complaints.channels.${c.channel}`, { defaultValue: c.channel })}
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.received')}>{f.dateTime(Date.parse(c.receivedAt))}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.category')}>{label.category(c.category)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.cause')}>{label.cause(c.cause)}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.product')}>{c.productId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.source')} span={3}>
            <Typography.Text type="secondary">{c.clock.source}</Typography.Text>
            {!c.clock.calendarCovered && (
              <Tag color={tone.orange} style={{ marginLeft: 8 }}>
                {t('complaints.calendarNotCovered')}
              </Tag>
            )}
          </Descriptions.Item>
        </Descriptions>
        <ComplaintWorkflow c={c} rules={rules} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('complaints.decision')} size="small" style={{ marginBottom: 16 }}>
            {p ? (
              <Descriptions size="small" column={1} data-testid="cmp-proposal">
                <Descriptions.Item label={t('complaints.outcomeLabel')}>
                  {t(`complaints.outcome.${p.outcome}`, { defaultValue: p.outcome })}
                </Descriptions.Item>
                <Descriptions.Item label={t('complaints.compensation')}>
                  {f.money(p.compensation.value, p.compensation.currency)}{' '}
                  {needsFourEyes(c, rules) && <Tag color={tone.purple}>{t('complaints.fourEyes')}</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label={t('complaints.proposedBy')}>
                  {who(p.proposedBy)} · {f.dateTime(Date.parse(p.proposedAt))}
                </Descriptions.Item>
                <Descriptions.Item label={t('complaints.rootCause')}>{p.rootCause ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.approvedBy')}>{who(c.approvedBy)}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">
                {c.decidedAt
                  ? t('complaints.decidedAt', { at: f.dateTime(Date.parse(c.decidedAt)) })
                  : t('complaints.noProposal')}
              </Typography.Text>
            )}
            {c.escalatedTo && (
              <Alert
                type="warning"
                style={{ marginTop: 8 }}
                title={t('complaints.escalatedTo', { to: t(`complaints.escalation.${c.escalatedTo}`) })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {can(s.user.roles, 'complaints:reveal') && (
            <Card title={t('complaints.reveal.title')} size="small" style={{ marginBottom: 16 }}>
              <ComplaintPersonal id={c.id} />
            </Card>
          )}
          <Card title={t('complaints.timeline')} size="small">
            <ComplaintTimeline history={history} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
