/**
 * Ownership opacity of an organisation: how many layers of corporate owners stand between it and the
 * first natural person, and whether any natural person is recorded as owner or controller at all.
 */
import type { PartyKind } from './types.ts';

export interface OwnerNode {
  kind: PartyKind;
  owners: readonly { partyId: string }[];
}

export interface OwnershipFacts {
  /** 1 when natural persons own it directly; n when the nearest person is n corporate layers up; the depth explored when none is found. */
  layers: number;
  missingBeneficialOwner: boolean;
}

export const MAX_OWNERSHIP_DEPTH = 10;

/** Breadth-first over the owner graph (`graph` holds every party reachable; cycles are cut). */
export function ownershipFacts(
  rootOwners: readonly { partyId: string }[],
  graph: ReadonlyMap<string, OwnerNode>,
): OwnershipFacts {
  let frontier = rootOwners.map((o) => o.partyId);
  const seen = new Set<string>(frontier);
  let depth = 1;
  let maxDepth = rootOwners.length ? 1 : 0;
  while (frontier.length && depth <= MAX_OWNERSHIP_DEPTH) {
    const next: string[] = [];
    for (const id of frontier) {
      const n = graph.get(id);
      if (!n) continue;
      if (n.kind === 'person') return { layers: depth, missingBeneficialOwner: false };
      for (const o of n.owners) {
        if (seen.has(o.partyId)) continue;
        seen.add(o.partyId);
        next.push(o.partyId);
      }
    }
    if (next.length) maxDepth = depth + 1;
    frontier = next;
    depth += 1;
  }
  return { layers: maxDepth, missingBeneficialOwner: true };
}
