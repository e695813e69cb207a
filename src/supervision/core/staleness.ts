/** Platforms whose ledger checkpoints stopped advancing: a pure check over the hub's records. */
import type { PlatformStatus } from './status.ts';

export interface WitnessActivity {
  platformId: string;
  status: PlatformStatus;
  registeredAt: number;
  /** When the hub last accepted a larger tree from it; null when never. */
  lastAdvancedAt: number | null;
}

export interface Stale {
  platformId: string;
  since: number;
  silentMs: number;
}

/** Statuses in which a platform still runs a ledger the hub expects to see grow. */
const watched: readonly PlatformStatus[] = ['licensed', 'restricted', 'suspended', 'winding_down'];

export function staleWitnesses(platforms: readonly WitnessActivity[], now: number, intervalMs: number): Stale[] {
  const out: Stale[] = [];
  for (const p of platforms) {
    if (!watched.includes(p.status)) continue;
    const since = p.lastAdvancedAt ?? p.registeredAt;
    if (now - since > intervalMs) out.push({ platformId: p.platformId, since, silentMs: now - since });
  }
  return out;
}
