import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone } from '../../lib/tone.ts';
import type { RuleSetView } from './types.ts';

const statusTone: Record<string, string | undefined> = {
  draft: undefined,
  submitted: tone.blue,
  approved: tone.geekblue,
  active: tone.green,
  rejected: tone.red,
  superseded: undefined,
};

export function RuleSetStatus({ v }: { v: Pick<RuleSetView, 'status' | 'shadow'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={statusTone[v.status]}>{t(`rulesetStatus.${v.status}`)}</Tag>
      {v.shadow && <Tag color={tone.purple}>{t('rules.shadow')}</Tag>}
    </Space>
  );
}
