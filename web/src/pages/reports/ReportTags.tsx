import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone, type Tone } from '../../lib/tone.ts';
import type { RegisterRow, ReportStatus } from '../../api/types.ts';

const colour: Record<ReportStatus, Tone> = {
  draft: 'default',
  approved: 'blue',
  submitted: 'green',
  acknowledged: 'cyan',
  rejected: 'red',
};

export function ReportStatusTag({ s }: { s: ReportStatus }) {
  const { t } = useTranslation();
  return <Tag color={tone[colour[s] ?? 'default']}>{t(`reportStatus.${s}`)}</Tag>;
}

/** Due date with working days left; overdue in red, within a working day in orange. */
export function DeadlineTag({ r }: { r: Pick<RegisterRow, 'deadline' | 'status'> }) {
  const { t } = useTranslation();
  const d = r.deadline;
  const done = r.status === 'submitted' || r.status === 'acknowledged';
  const c: Tone = done ? 'default' : d.overdue ? 'red' : d.warning ? 'orange' : 'green';
  return (
    <Tag color={tone[c]}>
      {d.dueBy}
      {!done && ` · ${d.overdue ? t('reports.overdue') : t('reports.daysLeft', { n: d.workingDaysLeft })}`}
    </Tag>
  );
}
