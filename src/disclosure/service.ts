/**
 * Disclosure use-cases: compute a month's draft from the platform's records, take it through four eyes
 * to publication, correct a published month with a new version (reason and difference recorded), read
 * and verify. Every step is written with its audit-ledger outbox row in the same transaction, then
 * settled into the ledger; a publication's entry carries the SHA-256 of the document's canonical JSON.
 */
import {
  canonicalJson,
  dateOfDayNumber,
  dayNumber,
  localDate,
  sha256Hex,
  ZhiliError,
  type AuditSink,
  type Clock,
  type Ids,
} from '../kernel/index.ts';
import { diffDocuments } from './core/diff.ts';
import { hashOf, toDocument } from './core/document.ts';
import { operatingFigures } from './core/figures.ts';
import { withRelatedParties, type RelatedParty } from './core/related.ts';
import { monthRange, step, type Disclosure, type DisclosureAction } from './core/workflow.ts';
import { need, type DisclosureActor } from './permissions.ts';
import type { RelatedPartyBody, RelatedPartyView } from './schemas.ts';
import type { DisclosureSources } from './sources.ts';
import {
  DisclosureConflictError,
  DisclosureStaleError,
  type DisclosureAudit,
  type DisclosureStore,
} from './storage/port.ts';
import { findEntry, publishEntryText, verifyDisclosure, type DisclosureLedger, type Verification } from './verify.ts';

export interface DisclosureServiceDeps {
  store: DisclosureStore;
  sources: DisclosureSources;
  clock: Clock;
  ids: Ids;
  timeZoneOf: (tenantId: string) => Promise<string>;
  ledger: DisclosureLedger;
  /** For a store without an outbox: where audit entries go. */
  audit?: AuditSink | undefined;
  /** With a store that queues audits in its transactions: appends the queued entries to the ledger now. */
  settleAudit?: (() => Promise<unknown>) | undefined;
}

const dayOf = (date: string, pointer: string): number => {
  const day = dayNumber(date);
  if (!Number.isFinite(day) || dateOfDayNumber(day) !== date)
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      pointer,
      message: `${date} is not a calendar date.`,
      messageZh: `${date} 不是有效的日期。`,
    });
  return day;
};

const viewOfRelated = (r: RelatedParty): RelatedPartyView => ({
  partyId: r.partyId,
  relation: r.relation,
  since: dateOfDayNumber(r.sinceDay),
  ...(r.untilDay === undefined ? {} : { until: dateOfDayNumber(r.untilDay) }),
  updatedBy: r.updatedBy,
  updatedAt: r.updatedAt,
});

const notFound = () => new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });

export class DisclosureService {
  constructor(private readonly o: DisclosureServiceDeps) {}

  /** The month's draft; a correction (the period is published) needs `reason` and records the difference. */
  async compute(a: DisclosureActor, period: string, reason?: string): Promise<Disclosure> {
    need(a, 'disclosures:write');
    const tz = await this.o.timeZoneOf(a.tenantId);
    const range = monthRange(period);
    const now = this.o.clock.now();
    if (!range || range.to >= localDate(now, tz))
      throw new ZhiliError('ZHILI_E_DISCLOSURE_PERIOD', { pointer: '/period' });
    const [previous] = await this.o.store.list(a.tenantId, { period, publishedOnly: true });
    const why = reason?.trim();
    if (previous && !why) throw new ZhiliError('ZHILI_E_DISCLOSURE_REASON', { pointer: '/reason' });
    const [loans, payouts, complaints, related] = await Promise.all([
      this.o.sources.loans(a.tenantId),
      this.o.sources.payouts(a.tenantId, tz),
      this.o.sources.complaints(a.tenantId, range.from, range.to),
      this.o.store.relatedParties(a.tenantId),
    ]);
    const figures = operatingFigures({
      period,
      firstDay: dayNumber(range.from),
      lastDay: dayNumber(range.to),
      loans: withRelatedParties(loans.loans, related),
      repayments: loans.repayments,
      payouts,
      complaints,
    });
    const version = (previous?.version ?? 0) + 1;
    const doc = toDocument(figures, { tenantId: a.tenantId, asOf: range.to, version });
    const d: Disclosure = {
      tenantId: a.tenantId,
      id: this.o.ids.next('dsc'),
      period,
      version,
      state: 'draft',
      doc,
      hash: hashOf(doc),
      ...(previous ? { corrects: previous.id, reason: why, diff: diffDocuments(previous.doc, doc) } : {}),
      computedBy: a.actorId,
      computedAt: now,
      rev: 1,
    };
    const audits = [this.record(a, previous ? 'disclosure.correct' : 'disclosure.compute', d.id, d.hash, now)];
    try {
      await this.o.store.insert(d, this.queued(audits));
    } catch (e) {
      if (e instanceof DisclosureConflictError) throw new ZhiliError('ZHILI_E_DISCLOSURE_PENDING', { cause: e });
      throw e;
    }
    await this.settle(audits);
    return d;
  }

  async act(a: DisclosureActor, id: string, action: DisclosureAction): Promise<Disclosure> {
    need(
      a,
      action === 'approve' ? 'disclosures:approve' : action === 'publish' ? 'disclosures:publish' : 'disclosures:write',
    );
    const cur = (await this.o.store.get(a.tenantId, id))?.disclosure;
    if (!cur) throw notFound();
    if (cur.state === 'published') throw new ZhiliError('ZHILI_E_DISCLOSURE_PUBLISHED');
    const now = this.o.clock.now();
    const r = step(cur, action, a.actorId, now);
    if (!r.ok)
      throw r.error.kind === 'four_eyes'
        ? new ZhiliError('ZHILI_E_FOUR_EYES', {
            message: 'A disclosure is approved by a second operator, not the one who computed or submitted it.',
            messageZh: '披露须由计算人、提交人以外的第二名操作员审批。',
          })
        : new ZhiliError('ZHILI_E_DISCLOSURE_TRANSITION', {
            message: `A disclosure in state ${r.error.from} cannot take the action ${r.error.action}.`,
            messageZh: `处于 ${r.error.from} 状态的披露不能执行 ${r.error.action} 操作。`,
          });
    // The entry's time is the step's: verification rebuilds the publication entry from the stored version.
    const audits = [this.record(a, `disclosure.${action}`, id, cur.hash, now)];
    try {
      await this.o.store.update(r.next, this.queued(audits));
    } catch (e) {
      if (e instanceof DisclosureStaleError)
        throw new ZhiliError(e.published ? 'ZHILI_E_DISCLOSURE_PUBLISHED' : 'ZHILI_E_CONFLICT', { cause: e });
      throw e;
    }
    await this.settle(audits);
    if (action === 'publish') await this.locate(r.next);
    return r.next;
  }

  async get(a: DisclosureActor, id: string): Promise<Disclosure> {
    need(a, 'disclosures:read');
    const r = await this.o.store.get(a.tenantId, id);
    if (!r) throw notFound();
    return r.disclosure;
  }

  async list(a: DisclosureActor, period?: string): Promise<Disclosure[]> {
    need(a, 'disclosures:read');
    return this.o.store.list(a.tenantId, period ? { period } : {});
  }

  async relatedParties(a: DisclosureActor): Promise<RelatedPartyView[]> {
    need(a, 'disclosures:read');
    return (await this.o.store.relatedParties(a.tenantId)).map(viewOfRelated);
  }

  /** Adds a related party or changes its entry; ending a relation is setting `until` (the entry stays). */
  async putRelatedParty(a: DisclosureActor, partyId: string, body: RelatedPartyBody): Promise<RelatedPartyView> {
    need(a, 'disclosures:write');
    const sinceDay = dayOf(body.since, '/since');
    const untilDay = body.until === undefined ? undefined : dayOf(body.until, '/until');
    if (untilDay !== undefined && untilDay <= sinceDay)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/until',
        message: 'The relation must end after it began.',
        messageZh: '关联关系的结束日期须晚于开始日期。',
      });
    const now = this.o.clock.now();
    const r: RelatedParty = {
      tenantId: a.tenantId,
      partyId,
      relation: body.relation.trim(),
      sinceDay,
      ...(untilDay === undefined ? {} : { untilDay }),
      updatedBy: a.actorId,
      updatedAt: now,
    };
    const audits = [
      this.record(a, 'disclosure.related_party', partyId, sha256Hex(canonicalJson(viewOfRelated(r))), now),
    ];
    await this.o.store.putRelatedParty(r, this.queued(audits));
    await this.settle(audits);
    return viewOfRelated(r);
  }

  /** Published versions, for the public pages (no actor: these are public). */
  published(tenantId: string, period?: string): Promise<Disclosure[]> {
    return this.o.store.list(tenantId, { publishedOnly: true, ...(period ? { period } : {}) });
  }

  /** Recomputes the hash and checks the ledger entry and its inclusion proof (public for published versions). */
  async verify(tenantId: string, id: string): Promise<Verification> {
    const r = await this.o.store.get(tenantId, id);
    if (!r) throw notFound();
    return verifyDisclosure(this.o.ledger, r.disclosure, r.ledgerIndex);
  }

  /** Remembers where the publication entry landed, so verification reads it directly. */
  private async locate(d: Disclosure): Promise<void> {
    const row = await findEntry(this.o.ledger, publishEntryText(d, d.hash), undefined, 10_000);
    if (row) await this.o.store.setLedgerIndex(d.tenantId, d.id, row.index);
  }

  private record(a: DisclosureActor, action: string, subjectId: string, dataHash: string, at: number): DisclosureAudit {
    return { tenantId: a.tenantId, action, actorId: a.actorId, subjectId, dataHash, at };
  }

  private queued(records: DisclosureAudit[]): DisclosureAudit[] | undefined {
    return this.o.store.auditsInTransaction ? records : undefined;
  }

  private async settle(records: DisclosureAudit[]): Promise<void> {
    if (this.o.store.auditsInTransaction) await this.o.settleAudit?.();
    else for (const r of records) await this.o.audit?.(r);
  }
}
