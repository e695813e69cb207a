import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone } from '../../lib/tone.ts';
import { clockDisplay, type ClockLike } from './clock.ts';
import './i18n.ts';

/** A statutory clock as a tag: the last day and how it stands (also used for data-subject requests). */
export function ClockTag({ clock }: { clock: ClockLike }) {
  const { t } = useTranslation();
  const d = clockDisplay(clock);
  return (
    <Tag color={tone[d.tone]} data-clock={d.key}>
      {t(`clock.${d.key}`, { days: d.days ?? 0, due: d.due })}
    </Tag>
  );
}

export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  const colour =
    state === 'closed' || state === 'communicated'
      ? tone.green
      : state === 'escalated'
        ? tone.volcano
        : state === 'decision_proposed'
          ? tone.purple
          : tone.blue;
  return <Tag color={colour}>{t(`complaints.state.${state}`, { defaultValue: state })}</Tag>;
}
