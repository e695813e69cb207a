/**
 * Party use-cases: create and update (every version kept), read masked or revealed (audited), look up
 * by blind index, review screening hits, erase (crypto-shred) a party or a tenant.
 */
import { canonicalJson, sha256Hex, ZhiliError, type AuditSink, type Clock, type Ids } from '../kernel/index.ts';
import type { ScreeningService } from '../screening/index.ts';
import { findC3, splitClasses, type C2Part } from './core/classes.ts';
import { indexTerms } from './core/masking.ts';
import { screenText } from './core/screen-party.ts';
import type { StoredParty, StoredVersion } from './core/types.ts';
import { KeyShreddedError, PartyKeyring } from './crypto/keyring.ts';
import type { MasterKey } from './crypto/master-key.ts';
import { partyError } from './errors.ts';
import type { PartyActor } from './permissions.ts';
import { PartyRater } from './rater.ts';
import { PartyReads, vAad } from './reads.ts';
import type { PartyInput } from './schemas.ts';
import { PartyScreener } from './screener.ts';
import { PartyStaleError, type IndexToken, type PartyStore } from './storage/port.ts';
import {
  hitView,
  type ratingView,
  type HitView,
  type PartySummary,
  type PartyVersionView,
  type PartyView,
} from './views.ts';

export interface PartyServiceDeps {
  store: PartyStore;
  master: MasterKey;
  clock: Clock;
  ids: Ids;
  screening?: ScreeningService | undefined;
  audit?: AuditSink | undefined;
  isPepList?: (listId: string) => boolean;
  /** After a write queued its audit in its own transaction: move it into the ledger now. */
  settleAudit?: () => Promise<unknown>;
  /** Erases what events and reports hold about the party (by its id and the platform's id for it). */
  eraseElsewhere?: (tenantId: string, subjects: readonly string[]) => Promise<unknown>;
}

export class PartyService {
  readonly keyring: PartyKeyring;
  readonly rater: PartyRater;
  private readonly screener: PartyScreener;
  /** Reads and reveals (reads.ts); this class holds the writes. */
  private readonly reads: PartyReads;

  constructor(private readonly o: PartyServiceDeps) {
    this.keyring = new PartyKeyring(o.store, o.master, () => o.clock.now());
    this.reads = new PartyReads({ ...o, keyring: this.keyring });
    this.rater = new PartyRater(o);
    this.screener = new PartyScreener({ ...o, keyring: this.keyring });
  }

  /**
   * A write's audit record: queued by the store in the write's own transaction when it can (`tx`), then
   * appended at once; else sent once the write is durable (`done`).
   */
  private audited(a: PartyActor, action: string, subjectId: string, dataHash?: string) {
    const record = {
      tenantId: a.tenantId,
      action,
      actorId: a.actorId,
      subjectId,
      ...(dataHash ? { dataHash } : {}),
      at: this.o.clock.now(),
    };
    const inTx = this.o.store.auditsInTransaction === true;
    return {
      tx: inTx ? record : undefined,
      done: async (): Promise<void> => {
        if (inTx) await this.o.settleAudit?.();
        else await this.o.audit?.(record);
      },
    };
  }

  private async check(a: PartyActor, input: PartyInput, selfId?: string): Promise<void> {
    const c3 = findC3(input);
    if (c3.length) throw partyError('c3', { pointer: c3[0] ?? '' });
    const owners = input.owners ?? [];
    if (owners.length && input.kind !== 'organisation')
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/owners',
        message: 'Only organisations have owners and controllers.',
        messageZh: '只有机构可以登记股东和实际控制人。',
      });
    const owned = owners.filter((o) => o.role === 'owner').reduce((sum, o) => sum + (o.percent ?? 0), 0);
    if (owned > 100.0001)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/owners',
        message: `Ownership adds up to ${owned}%, more than 100%.`,
        messageZh: `持股比例合计 ${owned}%，超过 100%。`,
      });
    for (const [i, o] of owners.entries()) {
      if (o.partyId === selfId || !(await this.o.store.getParty(a.tenantId, o.partyId)))
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: `/owners/${i}/partyId`,
          message: `No party ${o.partyId} to own this one.`,
          messageZh: `股东/控制人 ${o.partyId} 不存在。`,
        });
    }
  }

  /** Seals the C2 part and derives the screen key and index tokens. */
  private async build(
    a: PartyActor,
    id: string,
    version: number,
    input: PartyInput,
    key: Buffer,
  ): Promise<{ v: StoredVersion; c2: C2Part; tokens: IndexToken[] }> {
    const { c1, c2 } = splitClasses(input);
    const bi = await this.keyring.blindIndexer(a.tenantId);
    const sealed = this.keyring.sealJson(key, c2, vAad(a.tenantId, id, version));
    const v: StoredVersion = {
      tenantId: a.tenantId,
      partyId: id,
      version,
      clear: c1,
      sealed,
      contentHash: sha256Hex(canonicalJson({ clear: c1, sealed })),
      screenKey: bi('screen', screenText(c1, c2)),
      actor: a.actorId,
      createdAt: this.o.clock.now(),
    };
    return { v, c2, tokens: indexTerms(c2).map((t) => ({ kind: t.kind, token: bi(t.kind, t.value) })) };
  }

  private async afterWrite(a: PartyActor, v: StoredVersion, c2: C2Part, key: Buffer, trigger: string): Promise<void> {
    const s = await this.screener.screen(
      { tenantId: a.tenantId, partyId: v.partyId, version: v.version, screenKey: v.screenKey, key },
      v.clear,
      c2,
    );
    await this.rater.rate(a.tenantId, v.partyId, trigger, s.listVersions);
    await this.rater.rateOwnedBy(a.tenantId, v.partyId);
  }

  async create(a: PartyActor, input: PartyInput): Promise<PartyView> {
    await this.check(a, input);
    const id = this.o.ids.next('pty');
    const { key, row } = await this.keyring.newPartyKey(a.tenantId, id);
    const { v, c2, tokens } = await this.build(a, id, 1, input, key);
    const now = v.createdAt;
    const head: StoredParty = {
      tenantId: a.tenantId,
      id,
      kind: input.kind,
      version: 1,
      externalId: input.externalId ?? null,
      riskLevel: null,
      createdAt: now,
      updatedAt: now,
      erasedAt: null,
    };
    const created = this.audited(a, 'party.create', id, v.contentHash);
    await this.o.store.createParty(head, v, row, tokens, created.tx);
    await created.done();
    await this.afterWrite(a, v, c2, key, 'create');
    return this.reads.view(a, id, { reveal: false });
  }

  async update(a: PartyActor, id: string, input: PartyInput, expectedVersion?: number): Promise<PartyView> {
    const head = await this.reads.head(a, id);
    if (head.erasedAt !== null) throw partyError('erased', { pointer: '' });
    if (input.kind !== head.kind)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/kind',
        message: 'A party cannot change kind.',
        messageZh: '当事人类型不能变更。',
      });
    if (expectedVersion !== undefined && expectedVersion !== head.version)
      throw partyError('stale', { pointer: '/expectedVersion' });
    await this.check(a, input, id);
    const key = await this.partyKey(a.tenantId, id);
    const { v, c2, tokens } = await this.build(a, id, head.version + 1, input, key);
    const updated = this.audited(a, 'party.update', id, v.contentHash);
    try {
      await this.o.store.updateParty(
        { ...head, version: v.version, externalId: input.externalId ?? null, updatedAt: v.createdAt },
        v,
        tokens,
        updated.tx,
      );
    } catch (e) {
      if (e instanceof PartyStaleError) throw partyError('stale', { cause: e });
      throw e;
    }
    await updated.done();
    await this.afterWrite(a, v, c2, key, 'update');
    return this.reads.view(a, id, { reveal: false });
  }

  private async partyKey(tenantId: string, id: string): Promise<Buffer> {
    try {
      return await this.keyring.partyKey(tenantId, id);
    } catch (e) {
      if (e instanceof KeyShreddedError) throw partyError('erased', { cause: e });
      throw e;
    }
  }

  /** The party, masked or revealed (audited); see reads.ts. */
  view(a: PartyActor, id: string, opts: { reveal: boolean; reason?: string | undefined }): Promise<PartyView> {
    return this.reads.view(a, id, opts);
  }

  /** A page of the tenant's parties by id, masked (names included): what a console lists. */
  list(a: PartyActor, page: { after?: string | undefined; limit: number }): Promise<PartySummary[]> {
    return this.reads.list(a, page);
  }

  /** Every version, oldest first; revealing them is one audited read. */
  versions(a: PartyActor, id: string, opts: { reveal: boolean }): Promise<PartyVersionView[]> {
    return this.reads.versions(a, id, opts);
  }

  /** Every hit ever stored for the party (all screening data versions), newest decisions included. */
  hits(a: PartyActor, id: string, opts: { reveal: boolean }): Promise<HitView[]> {
    return this.reads.hits(a, id, opts);
  }

  ratings(a: PartyActor, id: string): Promise<NonNullable<ReturnType<typeof ratingView>>[]> {
    return this.reads.ratings(a, id);
  }

  /** Exact lookup by ID number, phone or card through the blind index; nothing is decrypted. */
  lookup(
    a: PartyActor,
    q: { idNumber?: string | undefined; phone?: string | undefined; cardNumber?: string | undefined },
  ): Promise<string[]> {
    return this.reads.lookup(a, q);
  }

  /**
   * Which of `hits` a reviewer already judged false positives for the party an event names (by party
   * id or external id), while the party's screening data and the list entry are unchanged.
   */
  async heldFalsePositives(
    tenantId: string,
    eventPartyId: string,
    hits: readonly { listId: string; entryId: string }[],
  ): Promise<Set<string>> {
    return this.screener.heldFalsePositives(tenantId, eventPartyId, hits);
  }

  /**
   * A reviewer's decision on an open hit; the party is re-rated at once. Four eyes for a true match that
   * blocks (recommendation `block`): the first reviewer's confirmation only requests it
   * (`confirm_requested`); a second operator with the approver role, not the requester, confirms it or
   * finds it a false positive.
   */
  async decideHit(
    a: PartyActor,
    hitId: string,
    decision: 'false_positive' | 'confirmed',
    reason: string,
  ): Promise<{ hit: HitView; party: PartyView }> {
    const hit = await this.o.store.getHit(a.tenantId, hitId);
    if (!hit) throw new ZhiliError('ZHILI_E_NOT_FOUND');
    const second = hit.status === 'confirm_requested';
    if (second && (!a.permissions.includes('parties:approve') || hit.decidedBy === a.actorId))
      throw new ZhiliError('ZHILI_E_FOUR_EYES', { pointer: '/decision' });
    const status =
      !second && decision === 'confirmed' && hit.recommendation === 'block' ? 'confirm_requested' : decision;
    const audit = this.audited(
      a,
      `party.hit_${status}`,
      hit.partyId,
      sha256Hex(`${hit.listId}\u0000${hit.entryId}\u0000${hit.entryFp}`),
    );
    let decided;
    try {
      decided = await this.o.store.decideHit(
        a.tenantId,
        hitId,
        { status, by: a.actorId, at: this.o.clock.now(), reason, from: second ? 'confirm_requested' : 'open' },
        audit.tx,
      );
    } catch (e) {
      if (e instanceof PartyStaleError)
        throw new ZhiliError('ZHILI_E_CONFLICT', {
          message: 'This hit was already decided.',
          messageZh: '该命中已有复核结论。',
          cause: e,
        });
      throw e;
    }
    await audit.done();
    if (status !== 'confirm_requested') {
      await this.rater.rate(a.tenantId, hit.partyId, `hit_${decision}`);
      await this.rater.rateOwnedBy(a.tenantId, hit.partyId);
    }
    return { hit: hitView(decided), party: await this.reads.view(a, hit.partyId, { reveal: false }) };
  }

  /**
   * Screens the party's current version again (after a list reload): hits already stored keep their
   * decisions, only new ones come up open; the party is re-rated. Erased parties are skipped.
   */
  async rescreen(a: PartyActor, id: string): Promise<{ newHits: number; listVersions: string[] }> {
    const head = await this.reads.head(a, id);
    const key = head.erasedAt === null ? await this.reads.keyOrNone(a.tenantId, id) : undefined;
    const v = await this.o.store.getVersion(a.tenantId, id, head.version);
    if (!key || !v) return { newHits: 0, listVersions: [] };
    const known = new Set((await this.o.store.listHits(a.tenantId, id)).map((h) => h.id));
    const c2 = this.reads.openVersion(key, v) as C2Part;
    const s = await this.screener.screen(
      { tenantId: a.tenantId, partyId: id, version: v.version, screenKey: v.screenKey, key },
      v.clear,
      c2,
    );
    await this.rater.rate(a.tenantId, id, 'rescreen', s.listVersions);
    return { newHits: s.hits.filter((h) => !known.has(h.id)).length, listVersions: s.listVersions };
  }

  /** Re-screens every party of the tenant, page by page, reporting progress. */
  async rescreenTenant(
    a: PartyActor,
    onProgress?: (done: number) => void,
  ): Promise<{ parties: number; newHits: number }> {
    let after: string | undefined;
    let parties = 0;
    let newHits = 0;
    for (;;) {
      const page = await this.o.store.listParties(a.tenantId, { ...(after ? { after } : {}), limit: 200 });
      if (!page.length) break;
      for (const p of page) {
        newHits += (await this.rescreen(a, p.id)).newHits;
        parties += 1;
      }
      after = page.at(-1)?.id;
      onProgress?.(parties);
    }
    return { parties, newHits };
  }

  /** Data-subject erasure: the party's key is destroyed; versions stay as unreadable ciphertext with their hashes. */
  async erase(a: PartyActor, id: string): Promise<void> {
    const head = await this.reads.head(a, id);
    const audit = this.audited(a, 'party.erase', id);
    await this.o.store.eraseParty(a.tenantId, id, this.o.clock.now(), audit.tx);
    await this.o.eraseElsewhere?.(a.tenantId, head.externalId ? [id, head.externalId] : [id]);
    await audit.done();
  }

  /** Destroys the tenant's data key: every party of the tenant becomes unreadable. */
  async eraseTenant(a: PartyActor): Promise<void> {
    const audit = this.audited(a, 'party.erase_tenant', a.tenantId);
    await this.o.store.eraseTenant(a.tenantId, this.o.clock.now(), audit.tx);
    await audit.done();
  }
}
