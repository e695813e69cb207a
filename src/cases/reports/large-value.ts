/**
 * Large-value reports (PBOC HVTR): a report drafted from unreported obligations, with every transaction
 * that made up a same-day cumulative total, and the deletion (DHTR) of a submitted one.
 */
import { ZhiliError } from '../../kernel/index.ts';
import { customerOf, partyOf } from '../core/alerts.ts';
import type { AlertRecord, ReportRecord } from '../core/types.ts';
import { caseError } from '../errors.ts';
import type { Viewer } from '../service.ts';
import { draftRecord, notErased, type ReportContext } from './context.ts';
import { buildDhtr, buildHvtr, type LargeValueItem, type TransactionKey } from './pboc/hvtr.ts';
import { isoDate, localStamp, type PbocProfile } from './pboc/profile.ts';
import { validatePbocXml } from './pboc/validate.ts';
import { missingFields } from './completeness.ts';
import { assertValidFile, invalidReport } from './files.ts';
import { collectFacts, withPartyFacts } from './party-facts.ts';

/**
 * A large-value report (HVTR, message N) of the given obligation alerts, or of all not yet reported.
 * Each same-day cumulative obligation brings every transaction that made up the total (the customer's
 * same-type movements of that local day); customer facts come from the party record first. An
 * obligation that cannot be reported (its event missing, its file failing the layout) is skipped and
 * listed in `payload.skipped`; the rest are drafted.
 */
export async function draftLargeValue(
  ctx: ReportContext,
  v: Viewer,
  alertIds?: readonly string[],
): Promise<ReportRecord> {
  const p = await ctx.profile(v.tenantId);
  const candidates = alertIds
    ? await Promise.all(alertIds.map((id) => ctx.o.cases.getAlert(v.tenantId, id)))
    : await ctx.o.cases.listAlerts(v.tenantId, { unreported: true, type: 'large_value_report', limit: 5000 });
  const alerts = candidates.filter(
    (a): a is AlertRecord => !!a && a.type === 'large_value_report' && a.reportId === null,
  );
  if (alerts.length === 0 || (alertIds && alerts.length !== alertIds.length))
    throw new ZhiliError('ZHILI_E_NOT_FOUND', {
      pointer: '/alertIds',
      message: 'No unreported large-value obligations to report.',
      messageZh: '没有待报送的大额交易。',
    });
  const skipped: { alertId: string; message: string; messageZh: string }[] = [];
  const accepted: { alert: AlertRecord; items: LargeValueItem[]; due: string }[] = [];
  for (const a of alerts) {
    try {
      const items = await obligationItems(ctx, v, p, a);
      const facts = await collectFacts(
        ctx.o.partyFacts,
        v.tenantId,
        v.userId,
        items.map((i) => i.event),
      );
      const withFacts = items.map((i) => ({ ...i, event: withPartyFacts(i.event, facts) }));
      // One bad obligation must not sink the batch: each is built and checked on its own first.
      // Our layout walk per obligation (fast); the parser and libxml2 check the whole file below.
      const own = validatePbocXml(buildHvtr(p, withFacts).xml);
      if (own.length > 0) throw invalidReport(own);
      const first = items[0] as LargeValueItem;
      const due =
        a.dueBy ?? ctx.o.calendar.addWorkingDays(isoDate(localStamp(first.occurredAt, p.timeZone).slice(0, 8)), 5);
      accepted.push({ alert: a, items: withFacts, due });
    } catch (e) {
      if (!(e instanceof ZhiliError)) throw e;
      skipped.push({ alertId: a.id, message: e.message, messageZh: e.messageZh });
    }
  }
  if (accepted.length === 0)
    throw caseError('report_invalid', {
      pointer: '/alertIds',
      message: `No obligation could be reported: ${skipped[0]?.message ?? ''}`,
      messageZh: `没有可报送的大额交易：${skipped[0]?.messageZh ?? ''}`,
      details: skipped.map((x) => ({ pointer: `/alerts/${x.alertId}`, message: x.message, messageZh: x.messageZh })),
    });
  const seen = new Set<string>();
  const items: LargeValueItem[] = [];
  for (const x of accepted)
    for (const i of x.items) {
      const k = `${i.eventId}\u0000${i.code}`;
      if (!seen.has(k)) items.push(i);
      seen.add(k);
    }
  const dueBy = accepted.map((x) => x.due).sort()[0] as string;
  const built = buildHvtr(p, items);
  await assertValidFile('pboc_hvtr', built.xml, validatePbocXml(built.xml));
  const r = draftRecord(ctx.o, v, {
    format: 'pboc_hvtr',
    str: false,
    caseId: null,
    alertIds: accepted.map((x) => x.alert.id),
    payload: {
      root: 'HVTR',
      xml: built.xml,
      transactions: built.transactions,
      customers: built.customers,
      missing: missingFields(built.xml),
      skipped,
    },
    dueBy,
  });
  await ctx.o.cases.createReport(r, [
    ctx.entry(v, r.id, 'drafted', { alerts: r.alertIds.length, dueBy, skipped: skipped.map((x) => x.alertId) }),
  ]);
  return r;
}

/**
 * The transactions one obligation reports: its own event and, for a same-day cumulative total, the
 * customer's other movements of the same type and direction that local day up to it.
 */
async function obligationItems(
  ctx: ReportContext,
  v: Viewer,
  p: PbocProfile,
  a: AlertRecord,
): Promise<LargeValueItem[]> {
  const d = await ctx.o.store.getDecision(v.tenantId, a.eventId);
  if (!d)
    throw new ZhiliError('ZHILI_E_NOT_FOUND', {
      pointer: '/alertIds',
      message: `event ${a.eventId} of obligation ${a.id} is not stored`,
      messageZh: `义务 ${a.id} 的事件 ${a.eventId} 不存在`,
    });
  const own: LargeValueItem = {
    alertId: a.id,
    code: a.code,
    eventId: a.eventId,
    eventType: d.type,
    event: d.event,
    occurredAt: d.occurredAt,
  };
  const customer = customerOf(d.type, d.event);
  const day = localStamp(d.occurredAt, p.timeZone).slice(0, 8);
  const isDebtor = partyOf((d.event as { debtor?: unknown } | null)?.debtor)?.partyId === customer;
  const window = 36 * 3600 * 1000;
  const moves = await ctx.o.cases.movementsOfParty(v.tenantId, customer, {
    from: d.occurredAt - window,
    to: d.occurredAt,
    limit: 1000,
  });
  const out: LargeValueItem[] = [];
  for (const m of moves) {
    if (m.eventId === a.eventId || m.type !== d.type || m.occurredAt > d.occurredAt) continue;
    if ((isDebtor ? m.debtorParty : m.creditorParty) !== customer) continue;
    if (localStamp(m.occurredAt, p.timeZone).slice(0, 8) !== day || m.outcome === 'block') continue;
    const other = await ctx.o.store.getDecision(v.tenantId, m.eventId);
    if (other)
      out.push({
        alertId: a.id,
        code: a.code,
        eventId: m.eventId,
        eventType: other.type,
        event: other.event,
        occurredAt: other.occurredAt,
      });
  }
  return [...out, own];
}

/** A deletion (DHTR, message D) of a submitted large-value report, as a new report of its own. */
export async function draftDeletion(ctx: ReportContext, v: Viewer, id: string, reason: string): Promise<ReportRecord> {
  const p = await ctx.profile(v.tenantId);
  const orig = await ctx.get(v, id);
  if (orig.format !== 'pboc_hvtr' || (orig.status !== 'submitted' && orig.status !== 'acknowledged'))
    throw caseError('illegal_transition', {
      message: 'Only a submitted large-value report can be deleted.',
      messageZh: '只能删除已报送的大额交易报告。',
    });
  // Asking again while a deletion of this report is still open gives that deletion, not another one.
  const pending = await ctx.o.cases.listReports(v.tenantId, {
    format: 'pboc_hvtr',
    status: ['draft', 'approved'],
    limit: 1000,
  });
  const open = pending.find((r) => r.messageType === 'D' && r.correctsId === orig.id);
  if (open) return open;
  notErased(orig);
  const xml = buildDhtr(p, orig.payload.transactions as TransactionKey[]);
  await assertValidFile('pboc_hvtr', xml, validatePbocXml(xml));
  const r = draftRecord(ctx.o, v, {
    format: orig.format,
    str: orig.str,
    caseId: orig.caseId,
    messageType: 'D',
    alertIds: [],
    correctsId: orig.id,
    payload: { root: 'DHTR', xml, transactions: orig.payload.transactions, reason },
    dueBy: ctx.o.calendar.addWorkingDays(ctx.today(p.timeZone), 5),
  });
  await ctx.o.cases.createReport(r, [ctx.entry(v, r.id, 'drafted', { deletes: orig.id, reason })]);
  return r;
}
