import { lazy, Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, okAs } from '../../api/client.ts';
import type { CaseDetail } from '../../api/types.ts';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import { CaseAlerts } from './CaseAlerts.tsx';
import { CaseAttachments } from './CaseAttachments.tsx';
import { CaseDisposal } from './CaseDisposal.tsx';
import { CaseNotes } from './CaseNotes.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { PriorityTag, SlaTag, StatusTag } from './CaseTags.tsx';
import { WorkflowBar } from './WorkflowBar.tsx';
import { DraftStr } from './DraftStr.tsx';
import { can } from '../../lib/roles.ts';

// The graph view and ECharts load only when its tab is opened.
const CaseGraph = lazy(() => import('./CaseGraph.tsx'));

export function useCase(id: string) {
  return useQuery({
    queryKey: ['case', id],
    queryFn: async () => okAs<CaseDetail>(await api.GET('/v1/cases/{id}', { params: { path: { id } } })),
  });
}

export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const s = useSession();
  const q = useCase(id);
  if (q.isLoading) return <Spin />;
  if (!q.data) return <Alert type="error" title={t('case.notFound')} />;
  const { case: c, alerts, history } = q.data;
  return (
    <>
      <Typography.Title level={2}>
        {t('case.title')} {c.id}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('cases.status')}>
            <StatusTag s={c.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.priority')}>
            <PriorityTag p={c.priority} />
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.sla')}>
            <SlaTag sla={c.sla} />
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.customer')}>{c.customerId}</Descriptions.Item>
          <Descriptions.Item label={t('cases.assignee')}>
            {c.assignee === null ? '—' : c.assignee === s.user.id ? t('cases.me') : c.assignee}
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.queue')}>{c.queue}</Descriptions.Item>
          <Descriptions.Item label={t('cases.opened')}>{f.dateTime(c.openedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('case.dueAt')}>{f.dateTime(c.dueAt)}</Descriptions.Item>
          <Descriptions.Item label={t('case.score')}>{c.score}</Descriptions.Item>
        </Descriptions>
        {c.pending && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={t('case.pending', {
              resolution: t(`resolution.${c.pending.resolution}`),
              who: c.pending.requestedBy === s.user.id ? t('cases.me') : c.pending.requestedBy,
              at: f.dateTime(c.pending.requestedAt),
            })}
            description={c.pending.reason}
          />
        )}
        <WorkflowBar c={c} />
        {can(s.user.roles, 'reports:write') && ['investigating', 'escalated'].includes(c.status) && (
          <div style={{ marginTop: 12 }}>
            <DraftStr c={c} />
          </div>
        )}
      </Card>
      <Tabs
        items={[
          { key: 'alerts', label: t('case.tabAlerts', { n: alerts.length }), children: <CaseAlerts alerts={alerts} /> },
          { key: 'timeline', label: t('case.tabTimeline'), children: <CaseTimeline customerId={c.customerId} /> },
          {
            key: 'graph',
            label: t('case.tabGraph'),
            children: (
              <Suspense fallback={<Spin />}>
                <CaseGraph customerId={c.customerId} alerts={alerts} />
              </Suspense>
            ),
          },
          { key: 'disposal', label: t('case.tabDisposal'), children: <CaseDisposal c={c} /> },
          { key: 'notes', label: t('case.tabNotes'), children: <CaseNotes c={c} history={history} /> },
          { key: 'attachments', label: t('case.tabAttachments'), children: <CaseAttachments c={c} /> },
        ]}
      />
    </>
  );
}
