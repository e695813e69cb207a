// Steps offered on data-subject requests and incidents: deletion and report approval by a second
// operator, an export before an access answer, and how notice clocks read and order.
import { describe, expect, it } from 'vitest';
import { byNoticeUrgency, incidentCommandsFor, noticeDisplay, unsent } from './incident-commands.ts';
import { requestCommandsFor } from './request-commands.ts';
import type { IncidentView, Notice, RequestView } from './types.ts';

const request = (over: Partial<RequestView>): RequestView => ({
  id: 'dsr_1',
  subject: 'cust-1',
  kind: 'deletion',
  channel: 'console',
  state: 'verified',
  version: 2,
  receivedAt: '2026-11-02T02:00:00Z',
  deadline: {
    policy: 'app-rules',
    source: 'x',
    dayKind: 'working',
    days: 15,
    receivedDate: '2026-11-02',
    dueBy: '2026-11-23',
    calendarCovered: true,
    daysLeft: 10,
    status: 'on_time',
  },
  next: ['fulfil', 'refuse'],
  verification: { method: 'id_document', checkedBy: 'usr_ana', at: '2026-11-02T03:00:00Z' },
  ...over,
});
const ana = { id: 'usr_ana', roles: ['analyst'] };
const apr = { id: 'usr_apr', roles: ['approver'] };
const adm = { id: 'usr_ana', roles: ['admin'] };
const ids = (xs: { command: { id: string }; withheld?: string | undefined }[]) =>
  xs.map((x) => (x.withheld ? `${x.command.id}:${x.withheld}` : x.command.id));

describe('data-subject request commands', () => {
  it('offers deletion only to privacy:erase, and not to the operator who verified the identity', () => {
    expect(ids(requestCommandsFor(request({}), ana))).toEqual(['refuse']);
    expect(ids(requestCommandsFor(request({}), apr))).toEqual(['fulfil']);
    expect(ids(requestCommandsFor(request({}), adm))).toEqual(['fulfil:verifier', 'refuse']);
  });

  it('answers access only after the export', () => {
    const access = request({ kind: 'access', next: ['export', 'fulfil', 'refuse'] });
    expect(ids(requestCommandsFor(access, ana))).toEqual(['export', 'fulfil:export_first', 'refuse']);
    const exported = { ...access, export: { hash: 'h', at: '2026-11-03T00:00:00Z', by: 'usr_ana', items: 3 } };
    expect(ids(requestCommandsFor(exported, ana))).toEqual(['export', 'fulfil', 'refuse']);
  });

  it('offers identity check first, and nothing on an answered request', () => {
    expect(ids(requestCommandsFor(request({ state: 'received', next: ['verify', 'refuse'] }), ana))).toEqual([
      'verify',
      'refuse',
    ]);
    expect(requestCommandsFor(request({ state: 'fulfilled', next: [] }), adm)).toEqual([]);
  });
});

const notice = (over: Partial<Notice>): Notice => ({
  authority: 'cac',
  name: 'CAC',
  nameZh: '网信',
  source: 's',
  dueAt: '2026-11-02T06:00:00Z',
  status: 'pending',
  ...over,
});
const incident = (over: Partial<IncidentView>): IncidentView => ({
  id: 'inc_1',
  type: 'data_breach',
  title: 'Leak',
  state: 'resolved',
  version: 3,
  detectedAt: '2026-11-02T02:00:00Z',
  facts: {},
  grade: 'III',
  gradeName: { en: 'Large', zh: '较大' },
  gradeReasons: [],
  notices: [],
  ...over,
});
const report = {
  summary: 's',
  rootCause: 'r',
  actions: [],
  lessons: [],
  author: 'usr_ana',
  at: '2026-11-03T00:00:00Z',
};

describe('incident commands and notice clocks', () => {
  it('withholds the report’s approval from its author, and closing until it is approved', () => {
    const i = incident({ report });
    expect(ids(incidentCommandsFor(i, ana))).toEqual(['report', 'close:report_first']);
    expect(ids(incidentCommandsFor(i, adm))).toEqual(['report', 'approve_report:author', 'close:report_first']);
    expect(ids(incidentCommandsFor(i, apr))).toEqual(['approve_report']);
    const approved = incident({ report: { ...report, approvedBy: 'usr_apr' } });
    expect(ids(incidentCommandsFor(approved, ana))).toEqual(['report', 'close']);
  });

  it('offers containment and resolution while open', () => {
    expect(ids(incidentCommandsFor(incident({ state: 'open' }), ana))).toEqual(['contain', 'resolve']);
    expect(ids(incidentCommandsFor(incident({ state: 'contained' }), ana))).toEqual(['resolve']);
  });

  it('reads notice clocks in hours and minutes, overdue first, sent ones done', () => {
    expect(noticeDisplay({ status: 'pending', minutesLeft: 200 })).toEqual({
      tone: 'blue',
      key: 'pending',
      h: 3,
      m: 20,
    });
    expect(noticeDisplay({ status: 'overdue', minutesLeft: -75 })).toEqual({
      tone: 'red',
      key: 'overdue',
      h: 1,
      m: 15,
    });
    expect(noticeDisplay({ status: 'sent_late' })).toEqual({ tone: 'volcano', key: 'sent_late' });
    const xs = [
      notice({ authority: 'pipl', status: 'sent' }),
      notice({ authority: 'pboc', status: 'pending', dueAt: '2026-11-02T04:00:00Z' }),
      notice({ authority: 'cac', status: 'overdue' }),
    ];
    expect([...xs].sort(byNoticeUrgency).map((n) => n.authority)).toEqual(['cac', 'pboc', 'pipl']);
    expect(unsent(incident({ notices: xs })).map((n) => n.authority)).toEqual(['pboc', 'cac']);
    expect(unsent(incident({ state: 'closed', notices: xs }))).toEqual([]);
  });
});
