import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { amlsimDataset } from './amlsim.ts';
import { amlsimOutputDataset } from './amlsim-output.ts';
import { dataFormats, type DataFormat, type Dataset, type ImportOptions } from './types.ts';
import { zhiliCsvDataset, zhiliJsonlDataset } from './zhili-events.ts';

/** The layout of a path: a folder by the files it holds, a file by its name. */
export function detectFormat(path: string): DataFormat | undefined {
  if (statSync(path).isDirectory()) {
    if (existsSync(join(path, 'transactions.csv'))) return 'amlsim';
    if (existsSync(join(path, 'tx.csv'))) return 'amlsim-output';
    return undefined;
  }
  if (/transactions\.csv$/.test(path)) return 'amlsim';
  if (/(^|\/)tx\.csv$/.test(path)) return 'amlsim-output';
  if (/\.jsonl$|\.ndjson$/.test(path)) return 'jsonl';
  if (/\.csv$/.test(path)) return 'csv';
  return undefined;
}

/** Opens a data set for streaming; the format is detected when not given. */
export function openDataset(path: string, format?: DataFormat, opts: ImportOptions = {}): Dataset {
  if (!existsSync(path)) throw new Error(`no such file or folder: ${path}`);
  const f = format ?? detectFormat(path);
  if (f === undefined) throw new Error(`cannot tell the layout of ${path}; pass --format (${dataFormats.join('|')})`);
  switch (f) {
    case 'amlsim':
      return amlsimDataset(path, opts);
    case 'amlsim-output':
      return amlsimOutputDataset(path, opts);
    case 'csv':
      return zhiliCsvDataset(path);
    case 'jsonl':
      return zhiliJsonlDataset(path);
  }
}
