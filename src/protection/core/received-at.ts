import { parseTimestamp, ZhiliError } from '../../kernel/index.ts';

/**
 * When a complaint or request was received: now, unless staff enter one taken earlier (a phone call,
 * a letter); never in the future, since every statutory clock runs from it.
 */
export function receivedAtOf(value: string | undefined, now: number): number {
  if (value === undefined) return now;
  const t = parseTimestamp(value);
  if (t === undefined) throw new ZhiliError('ZHILI_E_TIMESTAMP', { pointer: '/receivedAt' });
  if (t > now)
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      pointer: '/receivedAt',
      message: 'The time of receipt cannot be in the future.',
      messageZh: '受理时间不能晚于当前时间。',
    });
  return t;
}
