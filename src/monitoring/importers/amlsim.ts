import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EventInput } from '../core/event-schema.ts';
import { csvRecords, readProgress } from './csv-rows.ts';
import { centsString, SimClock } from './sim-time.ts';
import { reject, type AccountLabel, type Dataset, type ImportOptions, type Labels } from './types.ts';

/**
 * The pattern named in an AMLSim sample's metadata.txt ("patterns: 200 cycles" → "cycle"), so labelled
 * accounts carry the typology the simulation planted.
 */
export function metadataTypology(dir: string): string | undefined {
  const file = join(dir, 'metadata.txt');
  if (!existsSync(file)) return undefined;
  const m = /patterns:\s*[\d,]+\s+([A-Za-z-]+)/.exec(readFileSync(file, 'utf8'));
  const name = m?.[1]?.toLowerCase();
  return name === undefined ? undefined : name.replace(/s$/, '');
}

/** Account labels from AMLSim's nodes.csv (`nodeid,isFraud,init_balance,fraudStep`). */
export async function readNodesLabels(file: string, typology?: string): Promise<Labels> {
  const accounts = new Map<string, AccountLabel>();
  for await (const { row } of csvRecords(file)) {
    const id = row.nodeid ?? row.nodeId ?? '';
    if (id === '') continue;
    const suspicious = row.isFraud === '1' || row.isFraud?.toLowerCase() === 'true';
    accounts.set(id, suspicious && typology ? { suspicious, typology } : { suspicious });
  }
  return { accounts };
}

/**
 * IBM AMLSim's sample layout (e.g. 20K_cycle200): `transactions.csv` with
 * `sourceNodeId,targetNodeId,value,time` (time = day step) and `nodes.csv` with per-account labels.
 * `path` is the folder or its transactions.csv. Each row becomes a transfer between person accounts
 * whose account id is also the party id; the amount is rounded to the cent.
 */
export function amlsimDataset(path: string, opts: ImportOptions = {}): Dataset {
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const txFile = statSync(path).isDirectory() ? join(path, 'transactions.csv') : path;
  const nodes = join(dir, 'nodes.csv');
  const currency = opts.currency ?? 'USD';
  const ds: Dataset = {
    format: 'amlsim',
    files: [txFile],
    progress: readProgress([txFile]),
    rejected: [],
    rejectedCount: 0,
    rejectedByReason: {},
    lastLine: 0,
    async *events(): AsyncGenerator<EventInput> {
      const clock = new SimClock(opts.epoch);
      let n = 0;
      for await (const { row, line } of csvRecords(txFile, ds.progress)) {
        n++;
        const from = row.sourceNodeId ?? '';
        const to = row.targetNodeId ?? '';
        const value = centsString(row.value ?? '');
        const occurredAt = clock.at(Number(row.time));
        if (from === '' || to === '' || value === undefined || occurredAt === undefined) {
          reject(ds, {
            file: txFile,
            line,
            reason: 'missing-fields',
            message: 'needs sourceNodeId, targetNodeId, value >= 0, whole time step',
          });
          continue;
        }
        ds.lastLine = line;
        yield {
          id: `amlsim-${n}`,
          type: 'transfer',
          occurredAt,
          amount: { value, currency },
          debtor: { partyId: from, partyType: 'person', accountId: from },
          creditor: { partyId: to, partyType: 'person', accountId: to },
          channel: 'amlsim',
        };
      }
    },
    async labels() {
      return existsSync(nodes) ? readNodesLabels(nodes, metadataTypology(dir)) : undefined;
    },
  };
  return ds;
}
