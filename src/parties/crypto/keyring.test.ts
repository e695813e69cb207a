import { describe, expect, it } from 'vitest';
import { newKey } from './aead.ts';
import { PartyKeyring } from './keyring.ts';
import type { PartyStore } from '../storage/port.ts';
import type { MasterKey } from './master-key.ts';
import { SealedC2Schema, SealedHitSchema } from '../storage/sealed.ts';

// openJson/sealJson touch neither the store nor the master key.
const unusedStore = new Proxy({} as PartyStore, {
  get: () => {
    throw new Error('the store is not used by sealJson/openJson');
  },
});
const keyring = new PartyKeyring(
  unusedStore,
  { id: 'k', key: newKey(), source: 'generated' } satisfies MasterKey,
  () => 0,
);

describe('sealed JSON is checked against its schema when opened', () => {
  const key = newKey();

  it('opens a well-formed C2 part', () => {
    const c2 = { names: [{ full: '张三', kind: 'primary' }], dateOfBirth: '1980-01-02' };
    const sealed = keyring.sealJson(key, c2, 'aad');
    expect(keyring.openJson(key, sealed, 'aad', SealedC2Schema)).toEqual(c2);
  });

  it('refuses authenticated plaintext of the wrong shape, naming the schema and the path', () => {
    const sealed = keyring.sealJson(key, { names: 'not a list' }, 'aad');
    expect(() => keyring.openJson(key, sealed, 'aad', SealedC2Schema)).toThrow(/SealedC2Part.*\/names/);
  });

  it('refuses a hit detail with an unknown recommendation', () => {
    const hit = {
      listId: 'l',
      entryId: 'e',
      kind: 'person',
      score: 0.9,
      matchedName: 'x',
      nameKind: 'primary',
      weakOnly: false,
      decisive: false,
      recommendation: 'allow',
      parts: [],
      factors: [],
    };
    const sealed = keyring.sealJson(key, hit, 'aad');
    expect(() => keyring.openJson(key, sealed, 'aad', SealedHitSchema)).toThrow(/SealedHit.*recommendation/);
    const ok = keyring.sealJson(key, { ...hit, recommendation: 'review' }, 'aad');
    expect(keyring.openJson(key, ok, 'aad', SealedHitSchema).recommendation).toBe('review');
  });

  it('still refuses the wrong associated data before any shape check', () => {
    const sealed = keyring.sealJson(key, { names: [] }, 'aad');
    expect(() => keyring.openJson(key, sealed, 'other', SealedC2Schema)).toThrow();
  });
});
