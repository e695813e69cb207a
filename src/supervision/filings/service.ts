/**
 * The hub's side of filings: stores what a platform sent (its latest copy per item), verifies each
 * disclosure against the checkpoints the hub cosigned for the platform's ledger, raises an alert on a
 * mismatch, keeps requested report files, and refreshes a winding-down platform's exit plan.
 */
import { createHash } from 'node:crypto';
import { isTimeZone, ZhiliError, type Clock, type Ids } from '../../kernel/index.ts';
import { checkDisclosure } from '../core/disclosure-check.ts';
import type { HubStore, PlatformRecord } from '../hub-store.ts';
import type { Supervisor } from '../supervisors.ts';
import { ExitPlans } from './exit-plans.ts';
import type { FilingsAnswer, FilingsBody, HubDisclosure } from './schemas.ts';

export class Filings {
  readonly exitPlans: ExitPlans;

  constructor(private readonly d: { store: HubStore; clock: Clock; ids: Ids }) {
    this.exitPlans = new ExitPlans(d);
  }

  async receive(platform: PlatformRecord, body: FilingsBody): Promise<FilingsAnswer> {
    const now = this.d.clock.now();
    const zone = body.reports.findIndex((r) => r.timeZone !== undefined && !isTimeZone(r.timeZone));
    if (zone >= 0)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: `/reports/${zone}/timeZone`,
        message: 'Not an IANA time zone.',
        messageZh: '不是有效的 IANA 时区。',
      });
    const key = (tenantId: string, id: string) => `${tenantId}/${id}`;
    const items = [
      ...body.reports.map((r) => ({ kind: 'report' as const, key: key(r.tenantId, r.id), body: JSON.stringify(r) })),
      ...body.complaintStats.map((s) => ({
        kind: 'complaint_stats' as const,
        key: key(s.tenantId, s.from), // one row per tenant and quarter: the latest figures to date
        body: JSON.stringify(s),
      })),
      ...body.incidents.map((i) => ({
        kind: 'incident' as const,
        key: key(i.tenantId, i.id),
        body: JSON.stringify(i),
      })),
      ...body.indicators.map((i) => ({ kind: 'indicators' as const, key: i.tenantId, body: JSON.stringify(i) })),
    ];
    await this.d.store.putFilings(platform.id, items, now);

    let files = 0;
    for (const f of body.files) {
      const bytes = Buffer.from(f.content, 'base64');
      if (createHash('sha256').update(bytes).digest('hex') !== f.sha256)
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: '/files',
          message: `The file of report ${f.reportId} does not match its SHA-256.`,
          messageZh: `报告 ${f.reportId} 的文件与其 SHA-256 不一致。`,
        });
      if (await this.d.store.putFile(platform.id, f.tenantId, f.reportId, f, now)) files++;
    }

    const verdicts: FilingsAnswer['disclosures'] = [];
    for (const c of body.disclosures) {
      const earlier = await this.d.store.disclosure(platform.id, c.tenantId, c.id);
      const root = c.proof ? (await this.d.store.checkpointAt(platform.id, c.proof.treeSize))?.rootHash : undefined;
      const v = checkDisclosure(c, root, earlier);
      const stored: HubDisclosure = {
        platformId: platform.id,
        tenantId: c.tenantId,
        id: c.id,
        period: c.period,
        version: c.version,
        publishedBy: c.publishedBy,
        publishedAt: c.publishedAt,
        canonical: c.canonical,
        hash: c.hash,
        computedHash: v.computedHash,
        state: v.state,
        reasons: v.reasons,
        treeSize: v.treeSize,
        receivedAt: now,
      };
      // A verified copy is never replaced by a pending one of the same document (the proof is kept).
      if (!(earlier?.state === 'verified' && v.state === 'pending' && earlier.computedHash === v.computedHash))
        await this.d.store.putDisclosure(stored);
      if (v.state === 'mismatch') await this.alertMismatch(platform, stored, earlier?.state === 'mismatch');
      verdicts.push({ tenantId: c.tenantId, id: c.id, state: v.state });
    }

    if (platform.status === 'winding_down') await this.exitPlans.refresh(platform);
    return {
      received: {
        reports: body.reports.length,
        disclosures: body.disclosures.length,
        complaintStats: body.complaintStats.length,
        incidents: body.incidents.length,
        indicators: body.indicators.length,
        files,
      },
      disclosures: verdicts,
      fileRequests: await this.d.store.fileRequests(platform.id),
    };
  }

  private async alertMismatch(p: PlatformRecord, d: HubDisclosure, alreadyMismatched: boolean): Promise<void> {
    const open = await this.d.store.alerts({ platformId: p.id, open: true, limit: 100 });
    const tag = `${d.tenantId}/${d.id} ${d.computedHash.slice(0, 16)}`;
    if (alreadyMismatched && open.some((a) => a.kind === 'disclosure_mismatch' && a.message.includes(tag))) return;
    const accepted = d.treeSize === null ? undefined : await this.d.store.checkpointAt(p.id, d.treeSize);
    const why = d.reasons.map((r) => r.en).join(' ');
    const whyZh = d.reasons.map((r) => r.zh).join('');
    await this.d.store.raiseAlert({
      id: this.d.ids.next('halert'),
      platformId: p.id,
      kind: 'disclosure_mismatch',
      message: `Platform ${p.name} (${p.id}): disclosure ${tag} (period ${d.period}, version ${d.version}) does not match its witnessed ledger. ${why}`,
      messageZh: `平台 ${p.name}（${p.id}）的披露 ${tag}（${d.period}，第 ${d.version} 版）与经见证的账本不一致。${whyZh}`,
      acceptedCheckpoint: accepted?.note ?? null,
      submittedCheckpoint: null,
      raisedAt: this.d.clock.now(),
      closedAt: null,
    });
  }

  /** A supervisor asks for a report's file; the platform sends it with its next sync. */
  async requestFile(platformId: string, tenantId: string, reportId: string, by: Supervisor): Promise<boolean> {
    const known = await this.d.store.filings(platformId, 'report', 10_000);
    if (!known.some((f) => f.key === `${tenantId}/${reportId}`))
      throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/reportId' });
    const now = this.d.clock.now();
    return this.d.store.requestFile(
      { platformId, tenantId, reportId, requestedBy: by.id, requestedAt: now },
      {
        actorId: by.id,
        action: 'filing.report_file.request',
        subjectId: `${platformId}/${tenantId}/${reportId}`,
        detail: '{}',
        at: now,
      },
    );
  }
}
