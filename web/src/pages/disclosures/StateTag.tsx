import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone, type Tone } from '../../lib/tone.ts';

const colours: Record<string, Tone> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'purple',
  published: 'green',
  discarded: 'gray',
};

export function DisclosureStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={tone[colours[state] ?? 'default']}>{t(`disclosures.state.${state}`, { defaultValue: state })}</Tag>
  );
}
