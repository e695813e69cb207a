import { useQuery } from '@tanstack/react-query';
import { Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone, type Tone } from '../../lib/tone.ts';
import { api, okAs } from '../../api/client.ts';
import type { TimelineItem } from '../../api/types.ts';
import { useFormat } from '../../lib/use-format.ts';

const colour: Record<string, Tone> = { allow: 'green', review: 'orange', block: 'red' };

/** The customer's events, decisions and alerts in time order. */
export function CaseTimeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({
    queryKey: ['timeline', customerId],
    queryFn: async () =>
      okAs<{ items: TimelineItem[] }>(
        await api.GET('/v1/customers/{id}/timeline', { params: { path: { id: customerId }, query: { limit: '200' } } }),
      ),
  });
  if (q.isLoading) return <Spin />;
  const items = q.data?.items ?? [];
  if (items.length === 0) return <Typography.Text>{t('common.none')}</Typography.Text>;
  return (
    <Timeline
      items={items.map((i) =>
        i.kind === 'event'
          ? {
              color: colour[i.outcome] ?? 'gray',
              children: (
                <span>
                  {f.dateTime(i.at)} · {i.type} · {t(`timeline.${i.direction}`)} {f.money(i.amount, i.currency)}
                  {i.counterparty && ` · ${t('timeline.counterparty')} ${i.counterparty}`} ·{' '}
                  <Tag color={tone[colour[i.outcome] ?? 'default']}>
                    {t(`outcome.${i.outcome}`, { defaultValue: i.outcome })}
                  </Tag>
                  {i.ruleIds.map((r) => (
                    <Tag key={r}>{r}</Tag>
                  ))}
                </span>
              ),
            }
          : {
              color: 'red',
              children: (
                <span>
                  {f.dateTime(i.at)} · {t('timeline.alert')} {i.type} ({i.code}) · {i.caseId}
                </span>
              ),
            },
      )}
    />
  );
}
