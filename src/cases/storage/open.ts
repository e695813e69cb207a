import { join } from 'node:path';
import type { CaseStore } from './port.ts';
import { openPostgresCaseStore, openSqliteCaseStore } from './sql-store.ts';

/** The case tables next to the main store's: the same PostgreSQL schema, or the same SQLite file. */
export function openCaseStore(opts: { databaseUrl?: string | undefined; dataDir: string }): CaseStore {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return openPostgresCaseStore(url, { schema: new URL(url).searchParams.get('schema') ?? 'zhili' });
  }
  return openSqliteCaseStore(url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(opts.dataDir, 'zhili.db'));
}
