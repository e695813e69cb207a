/**
 * Micro benchmark of the ledger core: MemoryTree appends, then inclusion and consistency proof
 * build + verify at 1M entries. Prints one JSON object. Run: node --import tsx bench/ledger-core.ts
 */
import {
  hashLeaf,
  MemoryTree,
  inclusionProof,
  verifyInclusion,
  consistencyProof,
  verifyConsistency,
} from '../src/ledger/index.ts';

const N = Number(process.env.LEDGER_BENCH_LEAVES ?? 1_000_000);
const SAMPLES = 1_000;

/** Deterministic xorshift32 so runs are comparable. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

const now = (): number => Number(process.hrtime.bigint()) / 1_000; // µs

function stats(samples: number[]): { median: number; p99: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  const round = (x: number): number => Math.round(x * 100) / 100;
  return { median: round(at(0.5)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

// Appends (leaf hashing included: appendEntry hashes the entry bytes, then completes perfect nodes).
const tree = new MemoryTree();
const t0 = now();
for (let i = 0; i < N; i++) tree.appendEntry(`audit event ${i}`);
const appendUs = now() - t0;

const tr = now();
const root = tree.root();
const rootUs = now() - tr;

// Inclusion proofs at size N for random indices (after a short JIT warm-up).
const rand = rng(42);
for (let k = 0; k < 200; k++) {
  const index = Math.floor(rand() * N);
  verifyInclusion(tree.node(0, index), index, N, inclusionProof(tree, index, N), root);
  const m = 1 + Math.floor(rand() * (N - 1));
  verifyConsistency(m, N, consistencyProof(tree, m, N), tree.root(m), root);
}
const build: number[] = [];
const check: number[] = [];
const total: number[] = [];
let proofLen = 0;
for (let k = 0; k < SAMPLES; k++) {
  const index = Math.floor(rand() * N);
  const a = now();
  const proof = inclusionProof(tree, index, N);
  const b = now();
  const verdict = verifyInclusion(hashLeaf(`audit event ${index}`), index, N, proof, root);
  const c = now();
  if (!verdict.ok) throw new Error(`inclusion proof for ${index} failed: ${verdict.reason}`);
  build.push(b - a);
  check.push(c - b);
  total.push(c - a);
  proofLen = Math.max(proofLen, proof.length);
}

// Consistency proofs from random earlier sizes to N.
const cbuild: number[] = [];
const ccheck: number[] = [];
let cproofLen = 0;
for (let k = 0; k < SAMPLES; k++) {
  const m = 1 + Math.floor(rand() * (N - 1));
  const root1 = tree.root(m);
  const a = now();
  const proof = consistencyProof(tree, m, N);
  const b = now();
  const verdict = verifyConsistency(m, N, proof, root1, root);
  const c = now();
  if (!verdict.ok) throw new Error(`consistency proof ${m} → ${N} failed: ${verdict.reason}`);
  cbuild.push(b - a);
  ccheck.push(c - b);
  cproofLen = Math.max(cproofLen, proof.length);
}

console.log(
  JSON.stringify({
    bench: 'ledger-core',
    node: process.version,
    leaves: N,
    append: { seconds: Math.round(appendUs / 1e4) / 100, appendsPerSec: Math.round(N / (appendUs / 1e6)) },
    rootUs: Math.round(rootUs * 100) / 100,
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    arrayBuffersMB: Math.round(process.memoryUsage().arrayBuffers / 2 ** 20),
    inclusion: {
      samples: SAMPLES,
      maxProofLength: proofLen,
      buildUs: stats(build),
      verifyUs: stats(check),
      buildAndVerifyUs: stats(total),
    },
    consistency: { samples: SAMPLES, maxProofLength: cproofLen, buildUs: stats(cbuild), verifyUs: stats(ccheck) },
  }),
);
