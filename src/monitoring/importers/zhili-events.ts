import { existsSync } from 'node:fs';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { EventSchema, type EventInput } from '../core/event-schema.ts';
import { csvRecords, readProgress, textLines } from './csv-rows.ts';
import { readLabelsFile } from './labels.ts';
import { reject, type AccountLabel, type Dataset, type Labels } from './types.ts';

const checkEvent = TypeCompiler.Compile(EventSchema);

/** The first schema error of a row, and the reason it is counted under: the field it is about. */
function firstError(value: unknown): { reason: string; message: string } {
  const e = checkEvent.Errors(value).First();
  if (!e) return { reason: 'schema /', message: 'not an event' };
  const path = e.path || '/';
  return { reason: `schema ${path.replace(/\/\d+(?=\/|$)/g, '/*')}`, message: `${path}: ${e.message}` };
}

/** Where the account labels of an events file live: `events.jsonl` → `events.labels.csv`. */
export const siblingLabelsFile = (file: string): string => file.replace(/\.(jsonl|ndjson|csv)$/, '') + '.labels.csv';

/**
 * A CSV row with dotted column names (`amount.value`, `debtor.accountId`, `attributes.mcc`, …) as the
 * nested event of `POST /v1/events`. Empty cells are absent fields; `isCustomer` takes true/false.
 */
export function eventFromCsvRow(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [col, raw] of Object.entries(row)) {
    if (raw === '') continue;
    const path = col.split('.');
    let node = out;
    for (const key of path.slice(0, -1)) {
      const next = (node[key] ?? {}) as Record<string, unknown>;
      node[key] = next;
      node = next;
    }
    const leaf = path[path.length - 1] ?? col;
    const isAttr = path[0] === 'attributes';
    node[leaf] =
      leaf === 'isCustomer' || (isAttr && /^(true|false)$/.test(raw))
        ? raw === 'true'
        : isAttr && /^-?\d+(\.\d+)?$/.test(raw)
          ? Number(raw)
          : raw;
  }
  return out;
}

/**
 * Per-event labels carried in the data: a `label` column / field (1/true = suspicious), removed from
 * the event before anything else reads it. Account labels come from `<name>.labels.csv` beside the file.
 */
function takeLabel(obj: Record<string, unknown>, labels: Set<string>, seen: { any: boolean }): void {
  if (!('label' in obj)) return;
  seen.any = true;
  const l = obj.label;
  delete obj.label;
  if ((l === true || l === 1 || l === '1' || l === 'true') && typeof obj.id === 'string') labels.add(obj.id);
}

function zhiliDataset(file: string, format: 'csv' | 'jsonl'): Dataset {
  const suspicious = new Set<string>();
  const seen = { any: false };
  const ds: Dataset = {
    format,
    files: [file],
    progress: readProgress([file]),
    rejected: [],
    rejectedCount: 0,
    rejectedByReason: {},
    lastLine: 0,
    async *events(): AsyncGenerator<EventInput> {
      const rows =
        format === 'csv'
          ? (async function* () {
              for await (const { row, line } of csvRecords(file, ds.progress))
                yield { line, obj: eventFromCsvRow(row) };
            })()
          : (async function* () {
              for await (const { text, line } of textLines(file, ds.progress)) {
                try {
                  yield { line, obj: JSON.parse(text) as Record<string, unknown> };
                } catch (e) {
                  reject(ds, { file, line, reason: 'invalid-json', message: `JSON: ${(e as Error).message}` });
                }
              }
            })();
      for await (const { line, obj } of rows) {
        if (obj !== null && typeof obj === 'object') takeLabel(obj, suspicious, seen);
        ds.lastLine = line;
        if (checkEvent.Check(obj)) yield obj;
        else reject(ds, { file, line, ...firstError(obj) });
      }
    },
    async labels(): Promise<Labels | undefined> {
      const sibling = siblingLabelsFile(file);
      const beside = sibling !== file && existsSync(sibling) ? await readLabelsFile(sibling) : undefined;
      if (seen.any) return { accounts: beside?.accounts ?? new Map<string, AccountLabel>(), transactions: suspicious };
      return beside;
    },
  };
  return ds;
}

/** Zhili events as CSV, one event per row, dotted column names; optional `label` column. */
export const zhiliCsvDataset = (file: string): Dataset => zhiliDataset(file, 'csv');
/** Zhili events as JSON Lines, the body of `POST /v1/events` per line; optional `label` field. */
export const zhiliJsonlDataset = (file: string): Dataset => zhiliDataset(file, 'jsonl');
