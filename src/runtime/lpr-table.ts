import { readFileSync } from 'node:fs';
import { withLprChanges, type LprTable } from '../credit/index.ts';
import { ConfigError } from './config.ts';

/** The one-year LPR table: the shipped one, with the rate changes in `ZHILI_LPR_FILE` added. */
export function lprTableOf(file: string | undefined): LprTable | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError('ZHILI_LPR_FILE', `cannot read ${file}`, { cause });
  }
  const r = withLprChanges(text);
  if (!r.ok) throw new ConfigError('ZHILI_LPR_FILE', `${file} line ${r.line}: ${r.message}`);
  return r.table;
}
