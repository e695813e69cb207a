import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { tone } from '../../lib/tone.ts';
import { noticeDisplay } from './incident-commands.ts';
import type { Notice } from './types.ts';

/** One authority's notice clock: who, and how long is left (or how late it is). */
export function NoticeTag({ n }: { n: Notice }) {
  const { t, i18n } = useTranslation();
  const d = noticeDisplay(n);
  const name = i18n.language.startsWith('en') ? n.name : n.nameZh;
  return (
    <Tag color={tone[d.tone]} data-notice={d.key}>
      {name}: {t(`privacy.notice.${d.key}`, { h: d.h ?? 0, m: d.m ?? 0 })}
    </Tag>
  );
}
