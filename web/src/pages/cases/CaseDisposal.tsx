import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Empty, Input, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, okAs } from '../../api/client.ts';
import type { CaseRecord, DisposalPlan } from '../../api/types.ts';
import { can } from '../../lib/roles.ts';
import { useSession } from '../../lib/use-session.ts';

function PlanCard({ plan, c }: { plan: DisposalPlan; c: CaseRecord }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const s = useSession();
  const qc = useQueryClient();
  const zh = i18n.language !== 'en';
  const [done, setDone] = useState<string[]>([]);
  const [actions, setActions] = useState<string[]>(plan.actions.filter((a) => a.default).map((a) => a.id));
  const [note, setNote] = useState('');
  const mayWork = can(s.user.roles, 'cases:work');

  const record = async () => {
    try {
      okAs(
        await api.POST('/v1/cases/{id}/disposal', {
          params: { path: { id: c.id } },
          body: { planId: plan.id, completed: done, actions, ...(note ? { note } : {}) },
        }),
      );
      void message.success(t('disposal.recorded'));
      await qc.invalidateQueries({ queryKey: ['case', c.id] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
    }
  };

  return (
    <Card size="small" title={`${zh ? plan.title.zh : plan.title.en} · v${plan.version}`} style={{ marginBottom: 12 }}>
      <Typography.Text strong>{t('disposal.checklist')}</Typography.Text>
      <Checkbox.Group
        style={{ display: 'flex', flexDirection: 'column', gap: 4, margin: '8px 0 12px' }}
        value={done}
        disabled={!mayWork}
        onChange={(v) => setDone(v)}
        options={plan.checklist.map((i) => ({ value: i.id, label: zh ? i.text.zh : i.text.en }))}
      />
      <Typography.Text strong>{t('disposal.actions')}</Typography.Text>
      <Checkbox.Group
        style={{ display: 'flex', flexDirection: 'column', gap: 4, margin: '8px 0 12px' }}
        value={actions}
        disabled={!mayWork}
        onChange={(v) => setActions(v)}
        options={plan.actions.map((a) => ({ value: a.id, label: zh ? a.text.zh : a.text.en }))}
      />
      {mayWork && (
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={t('disposal.note')}
            placeholder={t('disposal.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button type="primary" onClick={() => void record()}>
            {t('disposal.record')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

/** The disposal plans that fit the case's alerts, as checklists with their default actions. */
export function CaseDisposal({ c }: { c: CaseRecord }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['disposal', c.id],
    queryFn: async () =>
      okAs<{ plans: DisposalPlan[]; version: string }>(
        await api.GET('/v1/cases/{id}/disposal-plan', { params: { path: { id: c.id } } }),
      ),
  });
  if (q.isLoading) return <Spin />;
  const plans = q.data?.plans ?? [];
  if (plans.length === 0) return <Empty description={t('disposal.none')} />;
  return (
    <>
      {plans.map((p) => (
        <PlanCard key={p.id} plan={p} c={c} />
      ))}
    </>
  );
}
