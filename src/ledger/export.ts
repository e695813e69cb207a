/**
 * A regulator's export: every entry (JSON Lines), the perfect nodes, every signed checkpoint and the
 * public keys, as files that `zhili ledger verify --dir` checks offline. Decision entries re-derived
 * from the decisions table at export time go in `rederived.jsonl` (hashes and ids only, like the
 * ledger), so the offline check also catches a decision row changed after it was logged.
 */
import { appendFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store/index.ts';
import { decodeBase64, encodeBase64 } from './core/base64.ts';
import { consistencyProof } from './core/consistency.ts';
import { parseEntry } from './core/entries.ts';
import { HASH_SIZE } from './core/hash.ts';
import { inclusionProof } from './core/inclusion.ts';
import type { NodeReader } from './core/tree.ts';
import { rederiveFrom } from './sources.ts';
import type { LedgerStore } from './store/port.ts';
import type { EntryView, LedgerSource } from './verify.ts';

export const EXPORT_FORMAT = 'zhili-ledger-export/1';
const PAGE = 5000;

export interface ExportSummary {
  dir: string;
  size: number;
  checkpoints: number;
  keys: number;
}

export async function exportLedger(
  ledger: LedgerStore,
  dir: string,
  opts: { main?: Store; origin?: string; now?: number; progress?: (done: number, total: number) => void } = {},
): Promise<ExportSummary> {
  const { size } = await ledger.state();
  mkdirSync(join(dir, 'nodes'), { recursive: true });
  const entriesFile = join(dir, 'entries.jsonl');
  const rederivedFile = join(dir, 'rederived.jsonl');
  writeFileSync(entriesFile, '');
  writeFileSync(rederivedFile, '');
  const rederive = opts.main ? rederiveFrom(opts.main) : undefined;
  for (let from = 0; from < size; from += PAGE) {
    const rows = await ledger.readLeaves(from, Math.min(PAGE, size - from));
    let lines = '';
    let fresh = '';
    for (const r of rows) {
      lines += `${JSON.stringify({ index: r.index, leafHash: encodeBase64(r.leafHash), entry: r.entry })}\n`;
      const e = rederive && parseEntry(r.entry);
      if (rederive && e && e.kind === 'decision')
        fresh += `${JSON.stringify({ index: r.index, entry: await rederive(e) })}\n`;
    }
    appendFileSync(entriesFile, lines);
    if (fresh) appendFileSync(rederivedFile, fresh);
    opts.progress?.(from + rows.length, size);
  }
  for (let level = 1; 2 ** level <= size; level++) {
    const count = Math.floor(size / 2 ** level);
    const file = join(dir, 'nodes', `level-${String(level).padStart(2, '0')}.bin`);
    writeFileSync(file, '');
    for (let from = 0; from < count; from += PAGE * 4) {
      appendFileSync(file, Buffer.concat(await ledger.scanNodes(level, from, Math.min(PAGE * 4, count - from))));
    }
  }
  let checkpoints = '';
  let n = 0;
  for (let after = 0; ;) {
    const list = await ledger.listCheckpoints(after, 1000);
    if (list.length === 0) break;
    for (const c of list)
      checkpoints += `${JSON.stringify({ size: c.size, createdAt: c.createdAt, keyId: c.keyId, note: c.note })}\n`;
    n += list.length;
    after = (list[list.length - 1] as { id: number }).id;
  }
  writeFileSync(join(dir, 'checkpoints.jsonl'), checkpoints);
  const keys = (await ledger.keys()).map((k) => k.verifierKey);
  writeFileSync(join(dir, 'keys.txt'), keys.map((k) => `${k}\n`).join(''));
  const manifest = { format: EXPORT_FORMAT, origin: opts.origin, size, checkpoints: n, exportedAt: opts.now, keys };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, size, checkpoints: n, keys: keys.length };
}

const lines = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);

/** An export directory as a verify source: proofs come from the exported nodes, as a server's would. */
export function exportSource(dir: string): LedgerSource {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { format?: string; size?: number };
  if (manifest.format !== EXPORT_FORMAT) throw new Error(`${dir} is not a ${EXPORT_FORMAT} directory`);
  const entries: EntryView[] = [];
  for (const l of lines(join(dir, 'entries.jsonl'))) {
    const r = JSON.parse(l) as { index: number; leafHash: string; entry: string };
    const leafHash = decodeBase64(r.leafHash);
    if (r.index !== entries.length || !leafHash)
      throw new Error(`entries.jsonl: malformed line for entry ${entries.length}`);
    entries.push({ entryJson: r.entry, leafHash });
  }
  const levels = new Map<number, Buffer>();
  for (const f of readdirSync(join(dir, 'nodes'))) {
    const m = /^level-(\d+)\.bin$/.exec(f);
    if (m) levels.set(Number(m[1]), readFileSync(join(dir, 'nodes', f)));
  }
  const reader: NodeReader = {
    node(level, index) {
      if (level === 0) {
        const e = entries[index];
        if (!e) throw new RangeError(`no entry ${index} in the export`);
        return e.leafHash;
      }
      const buf = levels.get(level);
      const at = index * HASH_SIZE;
      if (!buf || at + HASH_SIZE > buf.length) throw new RangeError(`node (${level}, ${index}) is not in the export`);
      return new Uint8Array(buf.subarray(at, at + HASH_SIZE));
    },
  };
  const notes = lines(join(dir, 'checkpoints.jsonl')).map((l) => (JSON.parse(l) as { note: string }).note);
  const rederived = new Map<number, string | null>();
  for (const l of lines(join(dir, 'rederived.jsonl'))) {
    const r = JSON.parse(l) as { index: number; entry: string | null };
    rederived.set(r.index, r.entry);
  }
  return {
    name: dir,
    async checkpoint() {
      const last = notes[notes.length - 1];
      if (last === undefined) throw new Error('the export holds no checkpoint');
      return last;
    },
    async checkpoints() {
      return notes;
    },
    async entry(index) {
      return entries[index];
    },
    async inclusion(index, size) {
      return inclusionProof(reader, index, size);
    },
    async consistency(from, to) {
      return consistencyProof(reader, from, to);
    },
    ...(rederived.size > 0 ? { rederive: async (_e: unknown, index: number) => rederived.get(index) } : {}),
  };
}
