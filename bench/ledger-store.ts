/**
 * Ledger storage benchmark (SQLite adapter, WAL, synchronous=FULL): batched appends of decision-sized
 * entries, then inclusion proof build (O(log n) node reads in one round of point queries) + verify,
 * and consistency proofs, at the sizes in LEDGER_BENCH_SIZES (default 1,000,000). Prints one JSON object.
 * Run: node --import tsx bench/ledger-store.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson, sha256Hex } from '../src/kernel/index.ts';
import {
  Frontier,
  consistencyProof,
  hashLeaf,
  inclusionProof,
  MapReader,
  nodesNeeded,
  rootAt,
  verifyConsistency,
  verifyInclusion,
  type LeafRow,
  type LedgerStore,
  type NodeHash,
  type NodeReader,
} from '../src/ledger/index.ts';
import { openSqliteLedgerStore } from '../src/ledger/adapters.ts';

const SIZES = (process.env.LEDGER_BENCH_SIZES ?? '1000000').split(',').map(Number);
const BATCH = Number(process.env.LEDGER_BENCH_BATCH ?? 10_000);
const SAMPLES = 500;
const now = (): number => Number(process.hrtime.bigint()) / 1e3; // µs

const entryText = (i: number): string =>
  canonicalJson({
    kind: 'decision',
    tenantId: 'ten_01jbench',
    eventId: `evt-${i}`,
    seq: i + 1,
    bodyHash: sha256Hex(`b${i}`),
    ruleSetVersion: 'v12',
    outcome: 'allow',
    reasonsHash: sha256Hex(`r${i % 7}`),
    decisionHash: sha256Hex(`d${i}`),
    decidedAt: 1_764_000_000_000 + i,
  });

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
  return { medianUs: at(0.5), p99Us: at(0.99) };
}

async function withNodes<T>(store: LedgerStore, f: (r: NodeReader) => T): Promise<T> {
  const ids = nodesNeeded(f);
  return f(new MapReader(ids, await store.readNodes(ids)));
}

async function run(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'zhili-ledger-bench-'));
  const file = join(dir, 'zhili.db');
  const store = openSqliteLedgerStore(file);
  await store.migrate();
  const frontier = new Frontier();
  let state = { size: 0, sourceSeq: 0 };
  let appendUs = 0;
  let hashUs = 0;
  let entryUs = 0;
  for (let from = 0; from < n; from += BATCH) {
    const h0 = now();
    const leaves: LeafRow[] = [];
    const nodes: NodeHash[] = [];
    const texts: string[] = [];
    for (let i = from; i < Math.min(n, from + BATCH); i++) texts.push(entryText(i));
    const h0b = now();
    entryUs += h0b - h0;
    for (let i = from; i < Math.min(n, from + BATCH); i++) {
      const entry = texts[i - from]!;
      const leafHash = hashLeaf(entry);
      nodes.push(...frontier.append(leafHash).nodes);
      leaves.push({ index: i, kind: 'decision', tenantId: 'ten_01jbench', eventId: `evt-${i}`, entry, leafHash });
    }
    const h1 = now();
    await store.append({ expected: state, leaves, nodes, sourceSeq: state.sourceSeq + leaves.length });
    appendUs += now() - h1;
    hashUs += h1 - h0b;
    state = { size: state.size + leaves.length, sourceSeq: state.sourceSeq + leaves.length };
  }
  const root = await withNodes(store, (r) => rootAt(r, n));
  let x = 12345;
  const rand = (): number => ((x = (x * 1103515245 + 12345) % 2147483648), x / 2147483648);
  const incl: number[] = [];
  const cons: number[] = [];
  let reads = 0;
  for (let k = 0; k < SAMPLES + 50; k++) {
    const index = Math.floor(rand() * n);
    const t0 = now();
    const ids = nodesNeeded((r) => inclusionProof(r, index, n));
    const proof = inclusionProof(new MapReader(ids, await store.readNodes(ids)), index, n);
    const ok = verifyInclusion(hashLeaf(entryText(index)), index, n, proof, root).ok;
    const t1 = now();
    if (!ok) throw new Error(`inclusion ${index} failed`);
    const m = 1 + Math.floor(rand() * (n - 1));
    const t2 = now();
    const cproof = await withNodes(store, (r) => consistencyProof(r, m, n));
    const root1 = await withNodes(store, (r) => rootAt(r, m));
    const cok = verifyConsistency(m, n, cproof, root1, root).ok;
    const t3 = now();
    if (!cok) throw new Error(`consistency ${m} failed`);
    if (k >= 50) {
      incl.push(t1 - t0);
      cons.push(t3 - t2);
      reads = Math.max(reads, ids.length);
    }
  }
  await store.close();
  const bytes = statSync(file).size;
  rmSync(dir, { recursive: true, force: true });
  const totalS = (appendUs + hashUs) / 1e6;
  return {
    entries: n,
    batch: BATCH,
    appendsPerSecond: Math.round(n / totalS),
    appendsPerSecondWithEntryBuilding: Math.round(n / (totalS + entryUs / 1e6)),
    appendsPerSecondStoreOnly: Math.round(n / (appendUs / 1e6)),
    appendSeconds: Math.round(totalS * 10) / 10,
    dbBytesPerEntry: Math.round(bytes / n),
    inclusionBuildVerify: { ...stats(incl), maxNodeReads: reads },
    consistencyBuildVerify: { ...stats(cons), note: 'includes computing root(m) from the store' },
  };
}

const results = [];
for (const n of SIZES) results.push(await run(n));
console.log(
  JSON.stringify(
    { bench: 'ledger-store', adapter: 'sqlite (WAL, synchronous=FULL)', node: process.version, results },
    null,
    2,
  ),
);
