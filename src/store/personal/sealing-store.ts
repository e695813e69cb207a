import { delegate } from '../../kernel/index.ts';
import type { Store } from '../port.ts';
import type { PiiKeyRecord } from '../records.ts';
import { chunksInSlices } from '../slices.ts';
import type { PersonalDataVault } from './vault.ts';

/**
 * A Store whose events hold personal fields only as ciphertext at rest: sealed on the way in (in the
 * group commit, keys in the same transaction), opened on the way out, so every reader — reports,
 * rebuilds, backtests — sees the event as received, minus what was shredded.
 */
export function sealingStore(inner: Store, vault: PersonalDataVault): Store {
  const forwarded = delegate(inner);
  return {
    ...forwarded,
    async appendDecisions(batch, keys = [], options = {}) {
      // Sealed a chunk at a time, letting the event loop run in between (see chunksInSlices).
      const sealedKeys = new Map<string, PiiKeyRecord>();
      const records = await chunksInSlices(batch, (chunk) => {
        const sealed = vault.sealBatch(chunk);
        for (const k of sealed.keys) sealedKeys.set(`${k.tenantId}\u0000${k.subject}\u0000${k.keyId}`, k);
        return sealed.records;
      });
      const newKeys = [...sealedKeys.values()];
      const result = await inner.appendDecisions(records, [...keys, ...newKeys], options);
      vault.stored(newKeys);
      return result;
    },
    async getDecision(tenantId, eventId) {
      const d = await inner.getDecision(tenantId, eventId);
      return d && vault.open(d);
    },
    async scanDecisions(afterSeq, limit) {
      return vault.openAll(await inner.scanDecisions(afterSeq, limit));
    },
    async scanTenantDecisions(tenantId, range, afterSeq, limit) {
      return vault.openAll(await inner.scanTenantDecisions(tenantId, range, afterSeq, limit));
    },
  };
}
