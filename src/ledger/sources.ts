/** Where `verifyLedger` reads from: the HTTP API of a running Zhili, or the stores directly. */
import type { Store } from '../store/index.ts';
import { decodeBase64 } from './core/base64.ts';
import { decisionEntry, encodeEntry, type LedgerEntry } from './core/entries.ts';
import { storeConsistencyProof, storeInclusionProof } from './proofs.ts';
import type { LeafRow, LedgerStore } from './store/port.ts';
import type { EntryView, LedgerSource } from './verify.ts';

function hashes(list: unknown): Uint8Array[] {
  if (!Array.isArray(list)) throw new Error('proof is not a list');
  return list.map((s) => {
    const h = typeof s === 'string' ? decodeBase64(s) : undefined;
    if (!h) throw new Error('proof holds a malformed hash');
    return h;
  });
}

/** The API of a running server (`GET /v1/ledger/…`), with a bearer token. */
export function httpSource(baseUrl: string, token?: string): LedgerSource {
  const base = baseUrl.replace(/\/+$/, '');
  const get = async (path: string): Promise<Response> =>
    fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const json = async (path: string): Promise<Record<string, unknown>> => {
    const res = await get(path);
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    name: base,
    async checkpoint() {
      const res = await get('/v1/ledger/checkpoint');
      if (!res.ok) throw new Error(`GET /v1/ledger/checkpoint: HTTP ${res.status}`);
      return res.text();
    },
    async entry(index) {
      const res = await get(`/v1/ledger/entries/${index}`);
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`GET entry ${index}: HTTP ${res.status}`);
      const body = (await res.json()) as { entryJson: string; leafHash: string };
      const leafHash = decodeBase64(body.leafHash);
      if (!leafHash) throw new Error(`entry ${index}: malformed leaf hash`);
      return { entryJson: body.entryJson, leafHash };
    },
    async inclusion(index, size) {
      return hashes((await json(`/v1/ledger/proofs/inclusion?index=${index}&size=${size}`)).proof);
    },
    async consistency(from, to) {
      return hashes((await json(`/v1/ledger/proofs/consistency?from=${from}&to=${to}`)).proof);
    },
  };
}

/** Re-derives decision entries from the main store's decisions (audit entries have no other source). */
export function rederiveFrom(store: Store): (entry: LedgerEntry) => Promise<string | null | undefined> {
  return async (entry) => {
    if (entry.kind !== 'decision') return undefined;
    const d = await store.getDecision(entry.tenantId, entry.eventId);
    return d ? encodeEntry(decisionEntry(d)) : null;
  };
}

/**
 * The ledger tables themselves (an operator's or auditor's local check). With the main store given,
 * every decision entry is also re-derived from its decision row.
 */
export function storeSource(ledger: LedgerStore, main?: Store): LedgerSource {
  const PAGE = 1000;
  const pages = new Map<number, Promise<LeafRow[]>>();
  const page = (p: number): Promise<LeafRow[]> => {
    let got = pages.get(p);
    if (!got) {
      if (pages.size > 64) pages.delete(pages.keys().next().value as number);
      got = ledger.readLeaves(p * PAGE, PAGE);
      pages.set(p, got);
    }
    return got;
  };
  return {
    name: `${ledger.kind} ledger tables`,
    async checkpoint() {
      const cp = await ledger.latestCheckpoint();
      if (!cp) throw new Error('the ledger has no checkpoint yet');
      return cp.note;
    },
    async checkpoints() {
      const out: string[] = [];
      for (let after = 0; ;) {
        const list = await ledger.listCheckpoints(after, 1000);
        if (list.length === 0) return out;
        out.push(...list.map((c) => c.note));
        after = (list[list.length - 1] as { id: number }).id;
      }
    },
    async entry(index): Promise<EntryView | undefined> {
      const row = (await page(Math.floor(index / PAGE))).find((r) => r.index === index);
      return row && { entryJson: row.entry, leafHash: row.leafHash };
    },
    inclusion: (index, size) => storeInclusionProof(ledger, index, size),
    consistency: (from, to) => storeConsistencyProof(ledger, from, to),
    ...(main ? { rederive: rederiveFrom(main) } : {}),
  };
}
