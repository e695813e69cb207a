import { delegate } from '../../kernel/index.ts';
import type { Store } from '../port.ts';
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
    async appendDecisions(batch, keys = []) {
      const sealed = vault.sealBatch(batch);
      const result = await inner.appendDecisions(sealed.records, [...keys, ...sealed.keys]);
      vault.stored(sealed.keys);
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
