/**
 * `zhili ledger verify | export | rotate-key`. verify works from the outside (--url, --dir) or on the
 * local stores (--store, which also re-derives every decision entry from its decision row). It checks
 * every entry since the trusted checkpoint (--state), or every entry without one; --sample is opt-in.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { Store } from '../store/index.ts';
import { parseVerifierKey, type NoteVerifier } from './core/note.ts';
import { parseCosignerVerifierKey } from './core/cosignature.ts';
import { exportLedger, exportSource } from './export.ts';
import { newSigningKey, type KeyEncryptionKey } from './keys.ts';
import { httpSource, storeSource } from './sources.ts';
import type { LedgerStore } from './store/port.ts';
import { verifyLedger, type LedgerSource, type TrustedState, type VerifyReport } from './verify.ts';

/** The local stores the commands work on, opened by the composition root from the global flags. */
export interface LedgerCliContext {
  ledger: LedgerStore;
  main: Store;
  /** ZHILI_LEDGER_KEY_SECRET from the configuration. */
  keySecret: string | undefined;
  /** The master key a new signing key is wrapped under (loaded only when a key is made). */
  masterKey?: (() => KeyEncryptionKey) | undefined;
  close(): Promise<void>;
}

export interface LedgerCliOptions {
  open: (cmd: Command) => Promise<LedgerCliContext>;
  /** ZHILI_TOKEN: the default bearer token for --url. */
  token?: string | undefined;
}

type StoreLocation = () => Promise<LedgerCliContext>;

async function withStores<T>(
  open: StoreLocation,
  fn: (ledger: LedgerStore, main: Store, ctx: LedgerCliContext) => Promise<T>,
): Promise<T> {
  const ctx = await open();
  try {
    return await fn(ctx.ledger, ctx.main, ctx);
  } finally {
    await ctx.close();
  }
}

function progressBar(label: string): { update: (done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) {
    let last = 0;
    return {
      update: (done, total) => {
        if (total >= 10_000 && (done === total || done - last >= Math.floor(total / 10))) {
          last = done;
          process.stderr.write(`${label}: ${done}/${total}\n`);
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}`, stream: process.stderr },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

function verifiersFrom(keys: readonly string[]): NoteVerifier[] {
  return keys.map((k) => {
    const p = parseVerifierKey(k.trim());
    if (!p.ok) throw new Error(`bad verifier key ${JSON.stringify(k)}: ${p.reason}`);
    return p.verifier;
  });
}

function printReport(r: VerifyReport): void {
  const cp = r.checkpoint;
  console.log(`source: ${r.source}`);
  if (cp) console.log(`checkpoint: ${cp.origin} size ${cp.size} root ${cp.rootHash}`);
  if (r.range)
    console.log(
      `entries ${r.range.from}–${r.range.to - 1}${r.range.sampled ? ' (a random sample only · 仅抽样)' : ' (all · 全部)'}`,
    );
  console.log(`entries checked: ${r.checked}${r.skipped ? `, not visible to this caller: ${r.skipped}` : ''}`);
  for (const w of r.warnings) console.log(`warning: ${w}`);
  for (const p of r.problems) console.log(`PROBLEM: ${p}`);
  if (r.firstBad)
    console.log(`first bad entry: ${r.firstBad.index}${r.firstBad.eventId ? ` (event ${r.firstBad.eventId})` : ''}`);
  console.log(r.ok ? 'OK: the ledger verifies · 账本校验通过' : 'FAILED: the ledger does not verify · 账本校验未通过');
}

interface VerifyFlags {
  url?: string;
  dir?: string;
  store?: boolean;
  key: string[];
  witness: string[];
  token?: string;
  state?: string;
  full?: boolean;
  sample?: number;
  origin?: string;
  json?: boolean;
}

async function runVerify(flags: VerifyFlags, loc: StoreLocation, token?: string): Promise<VerifyReport> {
  const modes = [flags.url, flags.dir, flags.store].filter((x) => x !== undefined && x !== false).length;
  if (modes !== 1) throw new Error('give exactly one of --url, --dir or --store');
  const state =
    flags.state && existsSync(flags.state)
      ? (JSON.parse(readFileSync(flags.state, 'utf8')) as TrustedState)
      : undefined;
  const bar = progressBar('verifying entries');
  const run = async (source: LedgerSource, keys: string[]): Promise<VerifyReport> =>
    verifyLedger(source, {
      verifiers: verifiersFrom(keys),
      witnesses: flags.witness.map((k) => {
        const p = parseCosignerVerifierKey(k);
        if (!p.ok) throw new Error(`bad witness key ${JSON.stringify(k)}: ${p.reason}`);
        return p.verifier;
      }),
      ...(flags.origin ? { origin: flags.origin } : {}),
      ...(state ? { trusted: state } : {}),
      ...(flags.full ? { full: true } : flags.sample !== undefined ? { sample: flags.sample } : {}),
      concurrency: flags.url ? 16 : 1,
      progress: bar.update,
    });
  try {
    if (flags.url) return await run(httpSource(flags.url, flags.token ?? token), flags.key);
    if (flags.dir) return await run(exportSource(flags.dir), flags.key);
    return await withStores(loc, async (ledger, main) => {
      let keys = flags.key;
      if (keys.length === 0) {
        keys = (await ledger.keys()).map((k) => k.verifierKey);
        console.error('warning: no --key given; trusting the keys stored in the ledger itself');
      }
      return run(storeSource(ledger, main), keys);
    });
  } finally {
    bar.stop();
  }
}

export function registerLedgerCommands(program: Command, opts: LedgerCliOptions): void {
  const location =
    (cmd: Command): StoreLocation =>
    () =>
      opts.open(cmd);
  const ledger = program.command('ledger').description('the audit ledger: verify, export, rotate keys · 审计账本');

  ledger
    .command('verify')
    .description('check checkpoints, consistency and entries; names the first bad entry · 校验账本')
    .option('--url <url>', 'a running Zhili, e.g. https://zhili.example.com')
    .option('--dir <dir>', 'an export directory (offline)')
    .option('--store', 'the local stores (data dir / database URL); re-derives entries from decisions')
    .option(
      '--key <vkey>',
      'trusted verifier key (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option(
      '--witness <vkey>',
      "require the checkpoint to be cosigned by this witness (the supervision hub's key; repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--token <token>', 'bearer token for --url (env ZHILI_TOKEN)')
    .option('--state <file>', 'trusted-checkpoint file: consistency is checked from it, and it is updated on success')
    .option('--full', 'check every entry, also those before the trusted checkpoint of --state')
    .option(
      '--sample <n>',
      'check only n random entries of those since the trusted checkpoint, and the last (default: all of them)',
      (v) => {
        const n = Number(v);
        if (!Number.isSafeInteger(n) || n < 1) throw new Error('--sample takes a positive whole number');
        return n;
      },
    )
    .option('--origin <origin>', 'require this log origin')
    .option('--json', 'print the report as JSON')
    .action(async (flags: VerifyFlags, cmd: Command) => {
      if (!flags.store && flags.key.length === 0) throw new Error('--key is required with --url and --dir');
      const report = await runVerify(flags, location(cmd), opts.token);
      if (flags.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report);
      if (report.ok && report.newState && flags.state)
        writeFileSync(flags.state, `${JSON.stringify(report.newState, null, 2)}\n`);
      if (!report.ok) process.exitCode = 2;
    });

  ledger
    .command('export')
    .description('write entries, nodes, checkpoints and public keys for offline verification · 导出账本')
    .requiredOption('--dir <dir>', 'directory to write')
    .action(async (flags: { dir: string }, cmd: Command) => {
      const bar = progressBar('exporting entries');
      const summary = await withStores(location(cmd), (l, main) =>
        exportLedger(l, resolve(flags.dir), { main, now: Date.now(), progress: bar.update }),
      ).finally(bar.stop);
      console.log(
        `exported ${summary.size} entries, ${summary.checkpoints} checkpoints, ${summary.keys} keys to ${summary.dir}`,
      );
    });

  ledger
    .command('rotate-key')
    .description('a new checkpoint signing key from now on; old public keys stay published · 轮换签名密钥')
    .action(async (_flags: unknown, cmd: Command) => {
      await withStores(location(cmd), async (l, _main, ctx) => {
        const active = (await l.keys()).find((k) => k.retiredAt === null);
        if (!active) throw new Error('the ledger has no key yet: start the server once');
        const name = active.verifierKey.slice(0, active.verifierKey.indexOf('+'));
        const k = newSigningKey(name, { secret: ctx.keySecret, master: ctx.masterKey?.() });
        await l.addKey({ ...k, createdAt: Date.now(), retiredAt: null });
        console.log(`new verifier key: ${k.verifierKey}`);
      });
    });
}
