import { TypeCompiler } from '@sinclair/typebox/compiler';
import { EventSchema, type EventInput } from '../core/event-schema.ts';
import { csvRecords, readProgress, textLines } from './csv-rows.ts';
import { reject, type Dataset, type Labels } from './types.ts';

const checkEvent = TypeCompiler.Compile(EventSchema);

function firstError(value: unknown): string {
  const e = checkEvent.Errors(value).First();
  return e ? `${e.path || '/'}: ${e.message}` : 'not an event';
}

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

/** Per-event labels carried in the data: a `label` column / field (1/true = suspicious), removed from the event. */
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
                  reject(ds, { file, line, message: `JSON: ${(e as Error).message}` });
                }
              }
            })();
      for await (const { line, obj } of rows) {
        if (obj !== null && typeof obj === 'object') takeLabel(obj, suspicious, seen);
        if (checkEvent.Check(obj)) yield obj;
        else reject(ds, { file, line, message: firstError(obj) });
      }
    },
    async labels(): Promise<Labels | undefined> {
      return seen.any ? { accounts: new Map(), transactions: suspicious } : undefined;
    },
  };
  return ds;
}

/** Zhili events as CSV, one event per row, dotted column names; optional `label` column. */
export const zhiliCsvDataset = (file: string): Dataset => zhiliDataset(file, 'csv');
/** Zhili events as JSON Lines, the body of `POST /v1/events` per line; optional `label` field. */
export const zhiliJsonlDataset = (file: string): Dataset => zhiliDataset(file, 'jsonl');
