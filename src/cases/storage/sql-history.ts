import type { HistoryEntry } from '../core/types.ts';
import type { SqlExec } from '../../store/index.ts';
import { historyParams, placeholders } from './rows.ts';

const HISTORY_INSERT = `INSERT INTO case_history (id, tenant_id, subject_id, at, actor, action, detail) VALUES (${placeholders(7)})`;

export async function insertHistory(x: SqlExec, h: readonly HistoryEntry[]): Promise<void> {
  for (const e of h) await x.run(HISTORY_INSERT, historyParams(e));
}
