/**
 * Party reads: a party masked or revealed (every reveal on the audit ledger, the stated reason by its
 * hash), its versions, hits and ratings, a page of the tenant's parties, and exact lookup by blind index.
 */
import { sha256Hex, ZhiliError, type AuditSink, type Clock } from '../kernel/index.ts';
import type { C2Part } from './core/classes.ts';
import { SealedC2Schema, SealedHitSchema } from './storage/sealed.ts';
import { normaliseCard, normaliseIdNumber, normalisePhone } from './core/masking.ts';
import type { StoredHit, StoredParty, StoredVersion } from './core/types.ts';
import { KeyShreddedError, type PartyKeyring } from './crypto/keyring.ts';
import type { PartyActor } from './permissions.ts';
import { currentHits } from './rater.ts';
import { hitAad } from './screener.ts';
import type { IndexToken, PartyStore } from './storage/port.ts';
import {
  hitView,
  ratingView,
  versionView,
  type HitView,
  type PartySummary,
  type PartyVersionView,
  type PartyView,
} from './views.ts';

/** The associated data a party version's sealed part is bound to. */
export const vAad = (tenantId: string, partyId: string, version: number): string =>
  `version|${tenantId}|${partyId}|${version}`;

export interface PartyReadDeps {
  store: PartyStore;
  keyring: PartyKeyring;
  clock: Clock;
  audit?: AuditSink | undefined;
}

export class PartyReads {
  constructor(private readonly o: PartyReadDeps) {}

  private async audit(a: PartyActor, action: string, subjectId: string, dataHash?: string): Promise<void> {
    await this.o.audit?.({
      tenantId: a.tenantId,
      action,
      actorId: a.actorId,
      subjectId,
      ...(dataHash ? { dataHash } : {}),
      at: this.o.clock.now(),
    });
  }

  async head(a: PartyActor, id: string): Promise<StoredParty> {
    const head = await this.o.store.getParty(a.tenantId, id);
    if (!head) throw new ZhiliError('ZHILI_E_NOT_FOUND');
    return head;
  }

  /** The key, or undefined when shredded (the view then shows no C2 data). */
  async keyOrNone(tenantId: string, id: string): Promise<Buffer | undefined> {
    try {
      return await this.o.keyring.partyKey(tenantId, id);
    } catch (e) {
      if (e instanceof KeyShreddedError) return undefined;
      throw e;
    }
  }

  private assertReveal(a: PartyActor): void {
    if (!a.permissions.includes('parties:reveal')) throw new ZhiliError('ZHILI_E_FORBIDDEN', { pointer: '/reveal' });
  }

  openVersion(key: Buffer | undefined, v: StoredVersion): C2Part | undefined {
    return key && this.o.keyring.openJson(key, v.sealed, vAad(v.tenantId, v.partyId, v.version), SealedC2Schema);
  }

  async view(a: PartyActor, id: string, opts: { reveal: boolean; reason?: string | undefined }): Promise<PartyView> {
    if (opts.reveal) this.assertReveal(a);
    const head = await this.head(a, id);
    const v = await this.o.store.getVersion(a.tenantId, id, head.version);
    if (!v) throw new ZhiliError('ZHILI_E_NOT_FOUND');
    const key = await this.keyOrNone(a.tenantId, id);
    const c2 = this.openVersion(key, v);
    if (opts.reveal && c2) {
      await this.audit(a, 'party.reveal', id, v.contentHash);
      // The ledger takes no personal data, so the operator's stated reason is committed by its hash.
      if (opts.reason) await this.audit(a, 'party.reveal_reason', id, sha256Hex(opts.reason));
    }
    const rating = (await this.o.store.ratings(a.tenantId, id)).at(-1);
    const hits = (await currentHits(this.o.store, a.tenantId, id)).map((h) => this.hitView(a, h, key, opts.reveal));
    return {
      id,
      kind: head.kind,
      externalId: head.externalId,
      version: head.version,
      createdAt: head.createdAt,
      updatedAt: head.updatedAt,
      erasedAt: head.erasedAt,
      current: versionView(v, c2, opts.reveal),
      rating: ratingView(rating),
      screening: {
        listVersions: (await this.o.store.latestScreen(a.tenantId, id))?.listVersions ?? [],
        openHits: hits.filter((h) => h.status === 'open' || h.status === 'confirm_requested').length,
        hits,
      },
    };
  }

  private hitView(a: PartyActor, h: StoredHit, key: Buffer | undefined, reveal: boolean): HitView {
    return hitView(
      h,
      reveal && key
        ? this.o.keyring.openJson(key, h.sealed, hitAad(a.tenantId, h.partyId, h.id), SealedHitSchema)
        : undefined,
    );
  }

  /** A page of the tenant's parties by id, masked (names included): what a console lists. */
  async list(a: PartyActor, page: { after?: string | undefined; limit: number }): Promise<PartySummary[]> {
    const heads = await this.o.store.listParties(a.tenantId, {
      ...(page.after ? { after: page.after } : {}),
      limit: page.limit,
    });
    const out: PartySummary[] = [];
    for (const h of heads) {
      const v = await this.view(a, h.id, { reveal: false });
      const names = (v.current.data as { names?: { full?: unknown }[] }).names ?? [];
      out.push({
        id: v.id,
        kind: v.kind,
        externalId: v.externalId,
        version: v.version,
        updatedAt: v.updatedAt,
        erasedAt: v.erasedAt,
        name: typeof names[0]?.full === 'string' ? names[0].full : null,
        riskLevel: v.rating?.level ?? null,
        openHits: v.screening.hits.filter((x) => x.status === 'open' || x.status === 'confirm_requested'),
      });
    }
    return out;
  }

  /** Every version, oldest first; revealing them is one audited read. */
  async versions(a: PartyActor, id: string, opts: { reveal: boolean }): Promise<PartyVersionView[]> {
    if (opts.reveal) this.assertReveal(a);
    await this.head(a, id);
    const all = await this.o.store.listVersions(a.tenantId, id);
    const key = await this.keyOrNone(a.tenantId, id);
    if (opts.reveal && key)
      await this.audit(a, 'party.reveal_history', id, sha256Hex(all.map((v) => v.contentHash).join('\n')));
    return all.map((v) => versionView(v, this.openVersion(key, v), opts.reveal));
  }

  /** Every hit ever stored for the party (all screening data versions), newest decisions included. */
  async hits(a: PartyActor, id: string, opts: { reveal: boolean }): Promise<HitView[]> {
    if (opts.reveal) this.assertReveal(a);
    await this.head(a, id);
    const key = await this.keyOrNone(a.tenantId, id);
    if (opts.reveal && key) await this.audit(a, 'party.reveal_hits', id);
    return (await this.o.store.listHits(a.tenantId, id)).map((h) => this.hitView(a, h, key, opts.reveal));
  }

  async ratings(a: PartyActor, id: string): Promise<NonNullable<ReturnType<typeof ratingView>>[]> {
    await this.head(a, id);
    return (await this.o.store.ratings(a.tenantId, id)).map((r) => ratingView(r)).filter((r) => r !== null);
  }

  /** Exact lookup by ID number, phone or card through the blind index; nothing is decrypted. */
  async lookup(
    a: PartyActor,
    q: { idNumber?: string | undefined; phone?: string | undefined; cardNumber?: string | undefined },
  ): Promise<string[]> {
    const terms: [IndexToken['kind'], string][] = [];
    if (q.idNumber) terms.push(['id', normaliseIdNumber(q.idNumber)]);
    if (q.phone) terms.push(['phone', normalisePhone(q.phone)]);
    if (q.cardNumber) terms.push(['card', normaliseCard(q.cardNumber)]);
    if (!terms.length)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '',
        message: 'Give idNumber, phone or cardNumber.',
        messageZh: '请提供证件号码、手机号或银行卡号。',
      });
    const bi = await this.o.keyring.blindIndexer(a.tenantId);
    let found: Set<string> | undefined;
    for (const [kind, value] of terms) {
      const ids = new Set(await this.o.store.findByToken(a.tenantId, { kind, token: bi(kind, value) }));
      found = found ? new Set([...found].filter((x) => ids.has(x))) : ids;
    }
    return [...(found ?? [])].sort();
  }
}
