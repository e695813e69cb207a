/**
 * Envelope encryption of party data: KEK (master key) → tenant data key → party key → C2 data.
 * The tenant key also derives the blind-index key (HMAC) for exact lookups without decrypting.
 * Deleting a party key shreds that party; deleting a tenant key shreds the whole tenant. Keys are read
 * from the store on every use (no cache), so a shred by another process takes effect at once.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { PartyStore, SubjectKeyRow } from '../storage/port.ts';
import { hmacHex, newKey, open, seal, subKey } from './aead.ts';
import type { MasterKey } from './master-key.ts';

/** The key needed to read this data is gone (crypto-shredded) or was never there. */
export class KeyShreddedError extends Error {
  constructor(readonly subject: string) {
    super(`the key of ${subject} is shredded: its personal data cannot be read`);
    this.name = 'KeyShreddedError';
  }
}

export class PartyKeyring {
  constructor(
    private readonly store: PartyStore,
    private readonly master: MasterKey,
    private readonly now: () => number,
  ) {}

  /** The tenant's data key, created (and wrapped by the KEK) on first use. */
  async tenantKey(tenantId: string, create = true): Promise<Buffer> {
    let row = await this.store.getTenantKey(tenantId);
    if (!row) {
      if (!create) throw new KeyShreddedError(tenantId);
      row = await this.store.putTenantKey({
        tenantId,
        wrapped: seal(this.master.key, newKey(), `tenant|${tenantId}`),
        kekId: this.master.id,
        createdAt: this.now(),
      });
    }
    if (row.kekId !== this.master.id)
      throw new Error(
        `the data key of tenant ${tenantId} is wrapped by master key ${row.kekId}, not the configured ${this.master.id}`,
      );
    return open(this.master.key, row.wrapped, `tenant|${tenantId}`);
  }

  /** A fresh key for a new party, wrapped by the tenant key (stored by the caller with the party). */
  async newPartyKey(tenantId: string, partyId: string): Promise<{ key: Buffer; row: SubjectKeyRow }> {
    const tk = await this.tenantKey(tenantId);
    const key = newKey();
    return {
      key,
      row: { tenantId, partyId, wrapped: seal(tk, key, `party|${tenantId}|${partyId}`), createdAt: this.now() },
    };
  }

  async partyKey(tenantId: string, partyId: string): Promise<Buffer> {
    const row = await this.store.getSubjectKey(tenantId, partyId);
    if (!row) throw new KeyShreddedError(partyId);
    let tk: Buffer;
    try {
      tk = await this.tenantKey(tenantId, false);
    } catch (e) {
      if (e instanceof KeyShreddedError) throw new KeyShreddedError(partyId);
      throw e;
    }
    try {
      return open(tk, row.wrapped, `party|${tenantId}|${partyId}`);
    } catch {
      // A tenant key shredded and re-created since: the old party key no longer opens.
      throw new KeyShreddedError(partyId);
    }
  }

  async blindIndex(tenantId: string, kind: string, normalised: string): Promise<string> {
    return hmacHex(subKey(await this.tenantKey(tenantId), 'blind-index'), `${kind}\u0000${normalised}`);
  }

  async blindIndexer(tenantId: string): Promise<(kind: string, normalised: string) => string> {
    const k = subKey(await this.tenantKey(tenantId), 'blind-index');
    return (kind, normalised) => hmacHex(k, `${kind}\u0000${normalised}`);
  }

  sealJson(key: Buffer, value: unknown, aad: string): string {
    return seal(key, Buffer.from(JSON.stringify(value), 'utf8'), aad);
  }

  /** Opens sealed JSON and checks it against its schema (authenticated is not the same as well-formed). */
  openJson<S extends TSchema>(key: Buffer, sealed: string, aad: string, schema: S): Static<S> {
    const value: unknown = JSON.parse(open(key, sealed, aad).toString('utf8'));
    if (Value.Check(schema, value)) return value;
    const first = Value.Errors(schema, value).First();
    throw new Error(
      `sealed ${schema.$id ?? 'value'} does not match its schema at ${first?.path ?? '/'}: ${first?.message ?? ''}`,
    );
  }
}
