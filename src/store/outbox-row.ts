/**
 * The audit ledger's outbox table as the main store writes to it: a rule-set step queues its entry,
 * encoded by the ledger module (`encodeAuditRow`), in the step's own transaction. The table belongs to
 * the ledger (src/ledger/store/outbox-sql.ts); these statements are its insert, for each dialect.
 */
export const OUTBOX_INSERT = 'INSERT INTO ledger_outbox (tenant_id, entry, created_at) VALUES (?, ?, ?)';
export const OUTBOX_INSERT_PG = 'INSERT INTO ledger_outbox (tenant_id, entry, created_at) VALUES ($1, $2, $3)';
