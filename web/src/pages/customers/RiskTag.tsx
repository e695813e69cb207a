import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone } from '../../lib/tone.ts';

const colour = { low: tone.green, medium: tone.orange, high: tone.red, prohibited: tone.magenta } as const;

export function RiskTag({ level }: { level: keyof typeof colour | null | undefined }) {
  const { t } = useTranslation();
  if (!level) return <Tag>{t('customers.unrated')}</Tag>;
  return <Tag color={colour[level]}>{t(`customers.risk.${level}`)}</Tag>;
}
