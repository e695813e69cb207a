/**
 * The incident register over real HTTP on SQLite: grading from facts, who must be told and by when,
 * notices recorded, a contingency plan linked by type, drills, and the post-incident report (approved
 * by a second operator) as JSON and bilingual HTML.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../src/store/adapters.ts';
import { startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let analyst: string;
let approver: string;
let admin: string;
let auditor: string;

beforeAll(async () => {
  // The machine running the tests is shared and loaded: no event-loop shedding here.
  s = await startServer({ config: { maxEventLoopDelayMs: 0 } });
  analyst = await s.login(['analyst'], 'ana');
  approver = await s.login(['approver'], 'bob');
  admin = await s.login(['admin'], 'adm');
  auditor = await s.login(['auditor'], 'aud');
});
afterAll(() => s.close());

const act = (id: string, body: Record<string, unknown>, token = analyst) =>
  s.call('POST', `/v1/incidents/${id}/actions`, body, token);

describe('incidents over HTTP', () => {
  it('a serious outage: graded, reported to CAC, PBOC and NFRA, plan followed, closed with an approved report', async () => {
    const plan = await s.call(
      'POST',
      '/v1/contingency-plans',
      {
        incidentType: 'system_outage',
        title: 'Core payment system outage',
        titleZh: '核心支付系统中断应急预案',
        owner: 'CTO office',
        steps: ['Fail over to the standby site', 'Tell customers through the app banner'],
        stepsZh: ['切换至备用站点', '通过应用公告告知客户'],
      },
      analyst,
    );
    expect(plan.status).toBe(201);
    const drill = await s.call(
      'POST',
      '/v1/drills',
      {
        date: '2026-06-15',
        scenario: 'Primary database lost during peak hours',
        planId: plan.body.id,
        participants: ['ops-1', 'dba-2', 'cs-3'],
        findings: ['Fail-over took 42 minutes, target 30'],
      },
      analyst,
    );
    expect(drill.status).toBe(201);
    expect(drill.body).toMatchObject({ planVersion: 1, recordedBy: expect.any(String) });
    expect((await s.call('GET', '/v1/drills', undefined, auditor)).body.drills).toHaveLength(1);

    const detectedAt = new Date(Date.now() - 90 * 60_000).toISOString();
    const opened = await s.call('POST', '/v1/incidents', {
      type: 'system_outage',
      title: 'Payments down',
      titleZh: '支付中断',
      detectedAt,
      facts: { outageMinutes: 150, customersAffected: 20_000, loss: '120000.00' },
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    expect(opened.body).toMatchObject({ grade: 'II', gradeName: { zh: '重大' }, state: 'open', planId: plan.body.id });
    expect(opened.body.gradeReasons).toEqual(['outageMinutes 150 ≥ 120']);
    const byAuthority = Object.fromEntries(opened.body.notices.map((n: { authority: string }) => [n.authority, n]));
    expect(Object.keys(byAuthority).sort()).toEqual(['cac', 'nfra', 'pboc']);
    // Detected 90 minutes ago: PBOC's 2 hours are 30 minutes away (warned), CAC's 4 hours are not.
    expect(byAuthority.pboc.status).toBe('due_soon');
    expect(byAuthority.cac.status).toBe('pending');
    expect(Date.parse(byAuthority.cac.dueAt) - Date.parse(detectedAt)).toBe(4 * 3_600_000);
    const due = (await s.call('GET', '/v1/incidents/due', undefined, auditor)).body.incidents;
    expect(due.map((i: { id: string }) => i.id)).toContain(id);

    const sent = await act(id, { action: 'notify', authority: 'pboc', reference: 'PBOC-SZ-2026-118' });
    expect(sent.body.notices.find((n: { authority: string }) => n.authority === 'pboc')).toMatchObject({
      status: 'sent',
      reference: 'PBOC-SZ-2026-118',
    });
    expect((await act(id, { action: 'notify', authority: 'nowhere' })).status).toBe(400);
    // A breach of personal data found later adds the PIPL notice; the grade rises with the facts.
    const worse = await act(id, { action: 'update_facts', facts: { personalInfo: true, personalRecords: 12_000_000 } });
    expect(worse.body.grade).toBe('I');
    expect(worse.body.notices.map((n: { authority: string }) => n.authority).sort()).toEqual([
      'cac',
      'nfra',
      'pboc',
      'pipl',
    ]);

    expect((await act(id, { action: 'close' })).body.error.code).toBe('ZHILI_E_INCIDENT_TRANSITION');
    expect((await act(id, { action: 'contain' })).body.state).toBe('contained');
    expect((await act(id, { action: 'resolve' })).body.state).toBe('resolved');
    expect((await act(id, { action: 'close' })).body.error.code).toBe('ZHILI_E_INCIDENT_REPORT');
    const report = await s.call(
      'PUT',
      `/v1/incidents/${id}/report`,
      {
        summary: 'The primary database failed; fail-over was manual.',
        summaryZh: '主数据库故障，切换为人工操作。',
        rootCause: 'Disk controller firmware fault',
        actions: ['Automate fail-over'],
        lessons: ['Drill fail-over quarterly'],
      },
      analyst,
    );
    expect(report.status).toBe(200);
    expect((await s.call('POST', `/v1/incidents/${id}/report/approve`, undefined, analyst)).status).toBe(403);
    expect((await s.call('POST', `/v1/incidents/${id}/report/approve`, undefined, admin)).status).toBe(200);
    expect((await act(id, { action: 'close' })).body.state).toBe('closed');
    expect((await act(id, { action: 'contain' })).body.error.code).toBe('ZHILI_E_INCIDENT_TRANSITION');

    const json = await s.call('GET', `/v1/incidents/${id}/report`, undefined, auditor);
    expect(json.body).toMatchObject({
      format: 'zhili.incident-report/1',
      titleZh: '事件总结报告',
      incident: { grade: 'I', state: 'closed' },
      plan: { id: plan.body.id, version: 1 },
      report: { approvedBy: expect.any(String) },
    });
    expect(json.body.history.map((h: { action: string }) => h.action)).toEqual([
      'incident.opened',
      'incident.notify',
      'incident.update_facts',
      'incident.contain',
      'incident.resolve',
      'incident.report',
      'incident.report_approved',
      'incident.close',
    ]);
    const html = await s.call('GET', `/v1/incidents/${id}/report?format=html`, undefined, auditor);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.body).toContain('事件总结报告');
    expect(html.body).toContain('Post-incident report');
    expect(html.body).toContain('特别重大');
    expect(html.body).toContain('核心支付系统中断应急预案');
  });

  it('the author of a report cannot approve it (four eyes)', async () => {
    const id = (await s.call('POST', '/v1/incidents', { type: 'third_party', title: 'Vendor API errors' }, admin)).body
      .id;
    await act(id, { action: 'resolve' }, admin);
    await s.call(
      'PUT',
      `/v1/incidents/${id}/report`,
      { summary: 's', rootCause: 'r', actions: [], lessons: [] },
      admin,
    );
    const self = await s.call('POST', `/v1/incidents/${id}/report/approve`, undefined, admin);
    expect(self.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    expect((await s.call('POST', `/v1/incidents/${id}/report/approve`, undefined, approver)).status).toBe(200);
  });

  it('grading and reporting rules are configurable per tenant; a general incident needs no notice', async () => {
    const minor = await s.call('POST', '/v1/incidents', {
      type: 'other',
      title: 'Slow page',
      facts: { outageMinutes: 5 },
    });
    expect(minor.body).toMatchObject({ grade: 'IV', notices: [] });
    expect((await s.call('PUT', '/v1/incidents/settings', { warnMinutes: 30 }, analyst)).status).toBe(403);
    const put = await s.call(
      'PUT',
      '/v1/incidents/settings',
      {
        rules: [
          {
            authority: 'local',
            name: 'Local regulator',
            nameZh: '地方金融管理局',
            minGrade: 'IV',
            hours: 8,
            source: 'Local rule 12',
          },
        ],
      },
      admin,
    );
    expect(put.status).toBe(200);
    const again = await s.call('POST', '/v1/incidents', {
      type: 'other',
      title: 'Slow page',
      facts: { outageMinutes: 5 },
    });
    expect(again.body.notices).toEqual([
      expect.objectContaining({ authority: 'local', nameZh: '地方金融管理局', status: 'pending' }),
    ]);
    const settings = (await s.call('GET', '/v1/incidents/settings', undefined, auditor)).body;
    expect(settings.grading.thresholds.II.outageMinutes).toBe(120);
  });
  it('a stored incident edited to a wrong shape is refused on read as an internal error, not served', async () => {
    const opened = await s.call('POST', '/v1/incidents', { type: 'other', title: 'Shape check' });
    const id = opened.body.id as string;
    const db = sqliteDriver(join(s.dataDir, 'zhili.db'));
    try {
      const [row] = await db.all('SELECT doc FROM protection_register WHERE kind = ? AND id = ?', ['incident', id]);
      const doc = String(row?.doc);
      const bad = { ...(JSON.parse(doc) as Record<string, unknown>), times: 'yesterday' };
      await db.run('UPDATE protection_register SET doc = ? WHERE id = ?', [JSON.stringify(bad), id]);
      const read = await s.call('GET', `/v1/incidents/${id}`, undefined, analyst);
      expect([read.status, read.body.error.code]).toEqual([500, 'ZHILI_E_INTERNAL']);
      expect((await act(id, { action: 'contain' })).status).toBe(500);
      await db.run("UPDATE protection_register SET doc = ?, state = 'forgotten' WHERE id = ?", [doc, id]);
      expect((await act(id, { action: 'contain' })).status).toBe(500);
      await db.run("UPDATE protection_register SET state = 'open' WHERE id = ?", [id]);
      expect((await s.call('GET', `/v1/incidents/${id}`, undefined, analyst)).status).toBe(200);
    } finally {
      await db.close();
    }
  });
});
