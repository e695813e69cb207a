import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlatformStatus } from '../api/hub-client.ts';
import { tone, type Tone } from '../lib/tone.ts';

const colour: Record<PlatformStatus, Tone> = {
  applying: 'blue',
  licensed: 'green',
  restricted: 'orange',
  suspended: 'red',
  winding_down: 'volcano',
  exited: 'default',
};

export function StatusTag({ status }: { status: PlatformStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={tone[colour[status]]} data-status={status}>
      {t(`hub.status.${status}`)}
    </Tag>
  );
}
