/**
 * Seals the personal fields of stored events under per-subject data keys (AES-256-GCM), the keys
 * wrapped by the master key and stored in `pii_keys` in the same commit as the events they open.
 * A subject may have several keys (one per process and key lifetime), so two nodes never race to create
 * "the" key of a subject; each sealed part names its key. Shredding deletes a subject's keys: its fields
 * can no longer be read anywhere, in the database or in any backup of it, while the rest of the event,
 * its hash and the ledger stay as they are.
 */
import { counterSealer, newKey, open, seal } from '../../kernel/index.ts';
import type { DecisionRecord, PiiKeyRecord, StoredDecision } from '../records.ts';
import type { Store } from '../port.ts';
import { mergePersonal, sealedField, splitPersonal, type SealedPart } from './fields.ts';

export interface VaultOptions {
  master: { id: string; key: Buffer };
  /** Attribute names whose values are personal data. */
  personalAttributes: readonly string[];
  now: () => number;
  /** How long a process seals new data with one key before making another (bounds a stale key after a shred elsewhere). */
  keyLifetimeMs?: number;
  /** How long an opened key is kept in memory (a shred by another node takes effect within it). */
  openCacheMs?: number;
  maxCachedKeys?: number;
}

interface SealingKey {
  keyId: string;
  key: Buffer;
  row: PiiKeyRecord;
  until: number;
  /** Stored for certain: no later batch needs to carry its row. */
  stored: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSealedPart = (v: unknown): v is SealedPart =>
  isObj(v) && typeof v.s === 'string' && typeof v.k === 'string' && typeof v.c === 'string';

export class PersonalDataVault {
  readonly personal: ReadonlySet<string>;
  private readonly sealing = new Map<string, SealingKey>();
  private readonly opening = new Map<string, { key: Buffer | null; until: number }>();
  private readonly lifetime: number;
  private readonly openTtl: number;
  private readonly maxKeys: number;
  private nextKey = 0;
  /** Event keys are made by this process and used by it alone: counter nonces are unique (see counterSealer). */
  private readonly sealPart = counterSealer();

  constructor(
    private readonly store: Pick<Store, 'getPiiKey' | 'shredPiiSubject'>,
    private readonly o: VaultOptions,
  ) {
    this.personal = new Set(o.personalAttributes);
    this.lifetime = o.keyLifetimeMs ?? 10 * 60_000;
    this.openTtl = o.openCacheMs ?? 60_000;
    this.maxKeys = o.maxCachedKeys ?? 100_000;
  }

  /** The batch with personal fields sealed, and the key rows it needs stored with it. Synchronous. */
  sealBatch(batch: readonly DecisionRecord[]): { records: DecisionRecord[]; keys: PiiKeyRecord[] } {
    const keys = new Map<string, PiiKeyRecord>();
    const now = this.o.now();
    const records = batch.map((d) => {
      const { rest, parts } = splitPersonal(d.event, this.personal);
      // Fields are only ever taken out of an object: a non-object event has nothing to seal.
      if (parts.size === 0 || !isObj(rest)) return d;
      const sealed: SealedPart[] = [];
      for (const [subject, fields] of parts) {
        const k = this.sealingKey(d.tenantId, subject, now);
        if (!k.stored) keys.set(`${d.tenantId}\u0000${subject}\u0000${k.keyId}`, k.row);
        const plain = Buffer.from(JSON.stringify(fields), 'utf8');
        sealed.push({
          s: subject,
          k: k.keyId,
          c: this.sealPart(k.key, plain, aad(d.tenantId, subject, k.keyId, d.eventId)),
        });
      }
      return { ...d, event: { ...rest, [sealedField]: sealed } };
    });
    return { records, keys: [...keys.values()] };
  }

  /** After the batch that carried them committed: later batches need not carry these rows again. */
  stored(keys: readonly PiiKeyRecord[]): void {
    for (const r of keys) {
      const k = this.sealing.get(`${r.tenantId}\u0000${r.subject}`);
      if (k?.keyId === r.keyId) k.stored = true;
    }
  }

  /** The event with its personal fields back; fields whose key is shredded are left out. */
  async open<T extends StoredDecision>(d: T): Promise<T> {
    if (!isObj(d.event) || !Array.isArray(d.event[sealedField])) return d;
    const { [sealedField]: parts, ...rest } = d.event;
    let fields: Obj = {};
    if (!parts.every(isSealedPart)) throw new Error(`event ${d.eventId}: ${sealedField} holds a malformed sealed part`);
    for (const p of parts) {
      const key = await this.openingKey(d.tenantId, p.s, p.k);
      if (!key) continue;
      const plain = open(key, p.c, aad(d.tenantId, p.s, p.k, d.eventId));
      const opened: unknown = JSON.parse(plain.toString('utf8'));
      if (!isObj(opened)) throw new Error(`event ${d.eventId}: a sealed part of ${p.s} is not an object`);
      fields = { ...fields, ...opened };
    }
    return { ...d, event: mergePersonal(rest, fields) };
  }

  async openAll<T extends StoredDecision>(ds: T[]): Promise<T[]> {
    const out: T[] = [];
    for (const d of ds) out.push(await this.open(d));
    return out;
  }

  /**
   * Crypto-shreds everything sealed for a subject: its fields in every stored event, and every report
   * and package sealed with a share under it. Returns how many of each kind of key went.
   */
  async shred(tenantId: string, subject: string): Promise<{ eventKeys: number; reports: number; packages: number }> {
    this.sealing.delete(`${tenantId}\u0000${subject}`);
    const prefix = `${tenantId}\u0000${subject}\u0000`;
    for (const k of this.opening.keys()) if (k.startsWith(prefix)) this.opening.delete(k);
    const ids = await this.store.shredPiiSubject(tenantId, subject);
    const reports = ids.filter((k) => k.startsWith('rpt:')).length;
    const packages = ids.filter((k) => k.startsWith('pkg:')).length;
    return { eventKeys: ids.length - reports - packages, reports, packages };
  }

  private sealingKey(tenantId: string, subject: string, now: number): SealingKey {
    const id = `${tenantId}\u0000${subject}`;
    const cached = this.sealing.get(id);
    if (cached && cached.until > now) return cached;
    if (this.sealing.size >= this.maxKeys) this.sealing.delete(this.sealing.keys().next().value as string);
    const key = newKey();
    const keyId = `${now.toString(36)}${(this.nextKey++).toString(36)}${key.subarray(0, 4).toString('hex')}`;
    const k: SealingKey = {
      keyId,
      key,
      until: now + this.lifetime,
      stored: false,
      row: {
        tenantId,
        subject,
        keyId,
        wrapped: seal(this.o.master.key, key, wrapAad(this.o.master.id, tenantId, subject, keyId)),
        createdAt: now,
      },
    };
    this.sealing.set(id, k);
    this.opening.set(`${id}\u0000${keyId}`, { key, until: now + this.openTtl });
    return k;
  }

  private async openingKey(tenantId: string, subject: string, keyId: string): Promise<Buffer | null> {
    const id = `${tenantId}\u0000${subject}\u0000${keyId}`;
    const now = this.o.now();
    const cached = this.opening.get(id);
    if (cached && cached.until > now) return cached.key;
    const row = await this.store.getPiiKey(tenantId, subject, keyId);
    const key = row ? open(this.o.master.key, row.wrapped, wrapAad(this.o.master.id, tenantId, subject, keyId)) : null;
    if (this.opening.size >= this.maxKeys) this.opening.delete(this.opening.keys().next().value as string);
    this.opening.set(id, { key, until: now + this.openTtl });
    return key;
  }
}

const aad = (tenantId: string, subject: string, keyId: string, eventId: string) =>
  `event-pii|${tenantId}|${subject}|${keyId}|${eventId}`;
const wrapAad = (kekId: string, tenantId: string, subject: string, keyId: string) =>
  `pii-key|${kekId}|${tenantId}|${subject}|${keyId}`;
