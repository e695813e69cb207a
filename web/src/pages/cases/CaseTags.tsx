import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone, type Tone } from '../../lib/tone.ts';
import type { CaseStatus, Priority, Sla } from '../../api/types.ts';
import { hoursLeft } from '../../lib/format.ts';

const priorityColour: Record<Priority, Tone> = { low: 'default', medium: 'blue', high: 'orange', critical: 'red' };
const statusColour: Record<string, Tone> = {
  open: 'default',
  assigned: 'blue',
  investigating: 'geekblue',
  escalated: 'volcano',
  closed_false_positive: 'green',
  closed_no_report: 'green',
  reported: 'purple',
};

export function PriorityTag({ p }: { p: Priority }) {
  const { t } = useTranslation();
  return <Tag color={tone[priorityColour[p] ?? 'default']}>{t(`priority.${p}`)}</Tag>;
}

export function StatusTag({ s }: { s: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={tone[statusColour[s] ?? 'default']}>{t(`caseStatus.${s}`)}</Tag>;
}

export function SlaTag({ sla }: { sla: Sla }) {
  const { t } = useTranslation();
  if (sla.stopped) return <Tag>{t('sla.stopped')}</Tag>;
  if (sla.breached) return <Tag color={tone.red}>{t('sla.breached', { h: -hoursLeft(sla.remainingMs) })}</Tag>;
  return (
    <Tag color={tone[sla.remainingMs < 86_400_000 ? 'orange' : 'green']}>
      {t('sla.left', { h: hoursLeft(sla.remainingMs) })}
    </Tag>
  );
}
