import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/use-format.ts';
import { useSession } from '../../lib/use-session.ts';
import type { ComplaintHistory } from './types.ts';

/** Every step of the complaint, oldest first: who, when, from which state to which, and the step's hash. */
export function ComplaintTimeline({ history }: { history: readonly ComplaintHistory[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = useSession();
  const state = (v: string | null) => (v === null ? '—' : t(`complaints.state.${v}`, { defaultValue: v }));
  return (
    <Timeline
      data-testid="cmp-timeline"
      items={history.map((h) => ({
        key: h.seq,
        color: h.action === 'escalate' ? 'red' : h.action === 'approve' ? 'green' : 'blue',
        content: (
          <>
            <Typography.Text strong>{t(`complaints.cmd.${h.action}`, { defaultValue: h.action })}</Typography.Text>{' '}
            {state(h.from)} → {state(h.to)}
            <br />
            <Typography.Text type="secondary">
              {f.dateTime(Date.parse(h.at))} · {h.actorId === s.user.id ? t('cases.me') : h.actorId} ·{' '}
              <code title={h.dataHash}>{h.dataHash.slice(0, 12)}</code>
            </Typography.Text>
          </>
        ),
      }))}
    />
  );
}
