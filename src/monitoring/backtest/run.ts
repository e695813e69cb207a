import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chinaCalendar, makeFxTable, type FxTable } from '../../kernel/index.ts';
import { compileRuleSet } from '../core/rules/compile.ts';
import type { CompiledRuleSet } from '../core/rules/compiled.ts';
import { openDataset, readLabelsFile, type DataFormat, type ImportOptions, type Labels } from '../importers/index.ts';
import { fxTableData } from '../packs/load.ts';
import { loadEvents } from './load.ts';
import { buildReport, type BacktestReport } from './report.ts';
import { replay } from './runner.ts';

/** Built-in packs by name (`aml-typologies`, `default`), or a rule set file. */
export function readPack(nameOrFile: string): unknown {
  const builtIn = fileURLToPath(new URL(`../packs/${nameOrFile}.json`, import.meta.url));
  const file = existsSync(nameOrFile)
    ? nameOrFile
    : /^[a-z0-9-]+$/.test(nameOrFile) && existsSync(builtIn)
      ? builtIn
      : undefined;
  if (file === undefined) throw new Error(`no rule pack or file named ${nameOrFile}`);
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

export function compilePack(doc: unknown, timeZone = 'Asia/Shanghai'): CompiledRuleSet {
  const r = compileRuleSet(doc, { calendar: chinaCalendar(), defaultTimeZone: timeZone });
  if (!r.ok) {
    const lines = r.errors.map((e) => `${e.pointer}: ${e.message}`);
    throw new Error(`the rule set is invalid:\n${lines.join('\n')}`);
  }
  return r.ruleSet;
}

export interface BacktestRequest {
  readonly data: string;
  readonly format?: DataFormat;
  /** A rule set document (already read). */
  readonly rules: unknown;
  /** A labels file; without it, labels shipped with the data are used when there are any. */
  readonly labels?: string;
  readonly importOptions?: ImportOptions;
  readonly fx?: FxTable;
  readonly onLoad?: (bytesRead: number, bytesTotal: number) => void;
  readonly onReplay?: (done: number, total: number) => void;
}

/** Reads the data, replays it through the rules and reports: the whole `zhili backtest`, without the printing. */
export async function runBacktest(req: BacktestRequest): Promise<BacktestReport> {
  const rs = compilePack(req.rules);
  const ds = openDataset(req.data, req.format, req.importOptions);
  const fx = req.fx ?? makeFxTable(fxTableData());
  const loaded = await loadEvents(ds, { timeZone: rs.timeZone, fx, ...(req.onLoad ? { onProgress: req.onLoad } : {}) });
  const labels: Labels | undefined = req.labels ? await readLabelsFile(req.labels) : await ds.labels();
  const run = replay(rs, loaded.events, req.onReplay ? { onProgress: req.onReplay } : {});
  return buildReport({
    rs,
    events: loaded.events,
    run,
    labels,
    data: {
      format: ds.format,
      files: ds.files,
      rejected: loaded.rejectedCount,
      loadSeconds: loaded.seconds,
      rejectedByReason: loaded.rejectedByReason,
      rejectedRows: loaded.rejected,
    },
  });
}
