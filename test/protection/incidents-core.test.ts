import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../src/kernel/index.ts';
import {
  defaultDeadlinePolicies,
  defaultGrading,
  defaultNotificationRules,
  gradeOf,
  noticeClock,
  noticesDue,
  requestDeadline,
  stepsIn,
  type DeadlinePolicy,
} from '../../src/protection/requests/index.ts';

const cal = chinaCalendar();
const h = 3_600_000;
const rule = (authority: string) => defaultNotificationRules.find((r) => r.authority === authority)!;

describe('incident grading (pure)', () => {
  it('takes the highest grade any fact reaches, and says why', () => {
    expect(gradeOf({}, defaultGrading)).toEqual({ grade: 'IV', reasons: [] });
    expect(gradeOf({ outageMinutes: 29 }, defaultGrading).grade).toBe('IV');
    expect(gradeOf({ outageMinutes: 30 }, defaultGrading).grade).toBe('III');
    const g = gradeOf({ outageMinutes: 45, personalRecords: 2_000_000 }, defaultGrading);
    expect(g.grade).toBe('II');
    expect(g.reasons).toEqual(['personalRecords 2000000 ≥ 1000000']);
    expect(gradeOf({ lossMinor: 10_000_000_000 }, defaultGrading).grade).toBe('I');
  });

  it('names who must be told and by when: CAC from III, PBOC/NFRA from II, PIPL for personal information', () => {
    const t0 = Date.UTC(2026, 9, 1, 2);
    expect(noticesDue('IV', {}, t0, defaultNotificationRules)).toEqual([]);
    expect(noticesDue('III', {}, t0, defaultNotificationRules)).toEqual([{ authority: 'cac', dueAt: t0 + 4 * h }]);
    expect(noticesDue('II', {}, t0, defaultNotificationRules).map((n) => n.authority)).toEqual(['cac', 'pboc', 'nfra']);
    expect(noticesDue('IV', { personalInfo: true }, t0, defaultNotificationRules)).toEqual([
      { authority: 'pipl', dueAt: t0 + 24 * h },
    ]);
    expect(rule('cac').source).toContain('国家网络安全事件报告管理办法');
  });

  it('warns before a notice falls due, then marks it overdue; a sent notice is on time or late', () => {
    const due = Date.UTC(2026, 9, 1, 6);
    expect(noticeClock(rule('cac'), due, undefined, due - 2 * h, 60).status).toBe('pending');
    expect(noticeClock(rule('cac'), due, undefined, due - 30 * 60_000, 60)).toMatchObject({
      status: 'due_soon',
      minutesLeft: 30,
    });
    expect(noticeClock(rule('cac'), due, undefined, due + 1, 60).status).toBe('overdue');
    expect(noticeClock(rule('cac'), due, due - 1, due + h, 60).status).toBe('sent');
    expect(noticeClock(rule('cac'), due, due + 1, due + h, 60).status).toBe('sent_late');
  });
});

describe('data-subject request deadlines (pure)', () => {
  const p = defaultDeadlinePolicies['app-rules'] as DeadlinePolicy;
  const at = (iso: string) => Date.parse(iso);
  it('counts 15 working days across National Day 2026 (1–7 October off, Saturday 10 October worked)', () => {
    const r = { receivedAt: at('2026-09-28T10:00:00+08:00'), timeZone: 'Asia/Shanghai', policy: 'app-rules' };
    const v = requestDeadline(r, p, cal, at('2026-10-20T10:00:00+08:00'));
    // Without the holiday it would be 19 October.
    expect(v).toMatchObject({ dueBy: '2026-10-23', dayKind: 'working', days: 15, status: 'due_soon', daysLeft: 3 });
    expect(requestDeadline(r, p, cal, at('2026-10-10T10:00:00+08:00')).status).toBe('on_time');
    expect(requestDeadline(r, p, cal, at('2026-10-24T10:00:00+08:00')).status).toBe('breached');
    expect(requestDeadline({ ...r, closedAt: at('2026-10-23T23:00:00+08:00') }, p, cal, 0).status).toBe('met');
    expect(requestDeadline({ ...r, closedAt: at('2026-10-24T09:00:00+08:00') }, p, cal, 0).status).toBe('met_late');
  });

  it('GB/T 35273 counts 30 calendar days', () => {
    const g = defaultDeadlinePolicies.gbt35273 as DeadlinePolicy;
    const r = { receivedAt: at('2026-09-28T10:00:00+08:00'), timeZone: 'Asia/Shanghai', policy: 'gbt35273' };
    expect(requestDeadline(r, g, cal, r.receivedAt).dueBy).toBe('2026-10-28');
  });

  it('asks for the identity check before any answer, and an export before an access request is answered', () => {
    expect(stepsIn('received', 'deletion')).toEqual(['verify', 'refuse']);
    expect(stepsIn('verified', 'copy')).toEqual(['export', 'fulfil', 'refuse']);
    expect(stepsIn('verified', 'deletion')).toEqual(['fulfil', 'refuse']);
    expect(stepsIn('fulfilled', 'access')).toEqual([]);
  });
});
