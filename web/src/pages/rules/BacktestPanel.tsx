import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import { EChart } from '../../lib/EChart.tsx';
import { useSession } from '../../lib/use-session.ts';
import { alertsPerDay, hitsPerRule, precisionRecall, zonedMidnight } from './backtest-charts.ts';
import type { BacktestReport } from './types.ts';

interface Input {
  from: string;
  to: string;
  suspicious?: string;
}

function Charts({ r }: { r: BacktestReport }) {
  const { t, i18n } = useTranslation();
  const hits = useMemo(() => hitsPerRule(r, t('rules.bt.hits')), [r, i18n.language, t]);
  const pr = useMemo(
    () => precisionRecall(r, { precision: t('rules.bt.precision'), recall: t('rules.bt.recall') }),
    [r, i18n.language, t],
  );
  const perDay = useMemo(
    () => alertsPerDay(r, { review: t('outcome.review'), block: t('outcome.block') }),
    [r, i18n.language, t],
  );
  const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);
  return (
    <>
      <Row gutter={[16, 16]} data-testid="bt-figures">
        {(
          [
            ['events', r.data.events],
            ['alertedEvents', r.overall.alertedEvents],
            ['alertedAccounts', r.overall.alertedAccounts],
            ['precision', pct(r.overall.account?.precision)],
            ['recall', pct(r.overall.account?.recall)],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} md={8} xl={4}>
            <Statistic title={t(`rules.bt.${k}`)} value={v} />
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('rules.bt.hitsPerRule')}>
            <EChart option={hits} label={t('rules.bt.hitsPerRule')} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('rules.bt.alertsPerDay')}>
            <EChart option={perDay} label={t('rules.bt.alertsPerDay')} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('rules.bt.precisionRecall')}>
            {r.overall.account ? (
              <EChart option={pr} label={t('rules.bt.precisionRecall')} />
            ) : (
              <Typography.Text type="secondary">{t('rules.bt.noLabels')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** Replays the tenant's stored events of a date range through this version, in the background, with charts. */
export function BacktestPanel({ version }: { version: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const s = useSession();
  const [jobId, setJobId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Input>();
  const job = useQuery({
    queryKey: ['backtest', jobId],
    enabled: jobId !== undefined,
    queryFn: async () => ok(await api.GET('/v1/backtests/{id}', { params: { path: { id: jobId ?? '' } } })),
    refetchInterval: (q) => {
      const st = q.state.data?.status;
      return st === 'done' || st === 'failed' ? false : 500;
    },
  });

  const run = async (v: Input) => {
    setBusy(true);
    try {
      const accounts = (v.suspicious ?? '')
        .split(/[\s,]+/)
        .map((x) => x.trim())
        .filter(Boolean);
      const j = ok(
        await api.POST('/v1/backtests', {
          body: {
            version,
            history: { from: zonedMidnight(v.from, s.timeZone), to: zonedMidnight(v.to, s.timeZone) },
            ...(accounts.length ? { labels: { suspiciousAccounts: accounts } } : {}),
          },
        }),
      );
      setJobId(j.id);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    } finally {
      setBusy(false);
    }
  };

  const j = job.data;
  const report = j?.status === 'done' ? (j.result as BacktestReport | undefined) : undefined;
  const percent = j && j.progress.total > 0 ? Math.round((100 * j.progress.done) / j.progress.total) : 0;
  return (
    <Card size="small">
      <Typography.Paragraph>{t('rules.bt.intro', { version })}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => void run(v)} style={{ rowGap: 8 }}>
        <Form.Item name="from" label={t('rules.bt.from')} rules={[{ required: true, message: t('login.required') }]}>
          <Input type="date" data-testid="bt-from" />
        </Form.Item>
        <Form.Item name="to" label={t('rules.bt.to')} rules={[{ required: true, message: t('login.required') }]}>
          <Input type="date" data-testid="bt-to" />
        </Form.Item>
        <Form.Item name="suspicious" label={t('rules.bt.suspicious')} style={{ minWidth: 320 }}>
          <Input.TextArea rows={1} placeholder={t('rules.bt.suspiciousHint')} data-testid="bt-labels" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="bt-run">
          {t('rules.bt.run')}
        </Button>
      </Form>
      {j && j.status !== 'done' && j.status !== 'failed' && (
        <div style={{ marginTop: 16 }} data-testid="bt-progress">
          <Typography.Text>
            {t('rules.bt.phase', {
              phase: t(`rules.bt.phases.${j.progress.phase}`, j.progress.phase),
              done: j.progress.done,
              total: j.progress.total,
            })}
          </Typography.Text>
          <Progress percent={percent} aria-label={t('rules.bt.progress')} />
        </div>
      )}
      {j?.status === 'failed' && j.error && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          title={i18n.language.startsWith('zh') ? j.error.messageZh : j.error.message}
        />
      )}
      {report && (
        <div style={{ marginTop: 16 }} data-testid="bt-report">
          <Charts r={report} />
        </div>
      )}
    </Card>
  );
}
