import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, okAs } from '../../api/client.ts';
import type { AlertRecord, CaseWithSla, RegisterRow } from '../../api/types.ts';
import { EChart } from '../../lib/EChart.tsx';
import { parseCheckpoint } from '../../lib/merkle.ts';
import { useSession } from '../../lib/use-session.ts';
import { alertsPerDay, casesByStatus, overviewFigures } from './overview-charts.ts';

export default function OverviewPage() {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const cases = useQuery({
    queryKey: ['cases', 'all'],
    queryFn: async () =>
      okAs<{ cases: CaseWithSla[] }>(await api.GET('/v1/cases', { params: { query: { limit: '500' } } })),
  });
  const alerts = useQuery({
    queryKey: ['alerts', 'all'],
    queryFn: async () =>
      okAs<{ alerts: AlertRecord[] }>(await api.GET('/v1/alerts', { params: { query: { limit: '500' } } })),
  });
  const reports = useQuery({
    queryKey: ['reports', undefined],
    queryFn: async () => okAs<{ reports: RegisterRow[] }>(await api.GET('/v1/reports', { params: { query: {} } })),
  });
  const ledger = useQuery({
    queryKey: ['checkpoint'],
    queryFn: async () => {
      const r = await api.GET('/v1/ledger/checkpoint', { parseAs: 'text' });
      return r.response.ok ? parseCheckpoint(String(r.data)) : undefined;
    },
  });
  const figures = overviewFigures(cases.data?.cases ?? [], reports.data?.reports ?? []);
  const perDay = useMemo(
    () =>
      alertsPerDay(alerts.data?.alerts ?? [], s.timeZone, {
        decision: t('alerts.sources.decision'),
        obligation: t('alerts.sources.obligation'),
      }),
    [alerts.data, s.timeZone, i18n.language, t],
  );
  const byStatus = useMemo(
    () => casesByStatus(cases.data?.cases ?? [], (x) => t(`caseStatus.${x}`)),
    [cases.data, i18n.language, t],
  );

  return (
    <>
      <Typography.Title level={2}>{t('menu.overview')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {(
          [
            ['openCases', figures.openCases],
            ['pastSla', figures.pastSla],
            ['pendingClosure', figures.pendingClosure],
            ['dueSoon', figures.dueSoon],
            ['ledgerSize', ledger.data?.size ?? '—'],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={t(`overview.${k}`)} value={v} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('overview.alertsPerDay')}>
            <EChart option={perDay} label={t('overview.alertsPerDay')} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('overview.casesByStatus')}>
            <EChart option={byStatus} label={t('overview.casesByStatus')} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
