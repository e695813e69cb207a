/**
 * The outbox table, next to the ledger's own (same SQLite file or PostgreSQL schema as the main store),
 * so that a module can write an operator action's outbox row in the transaction of the action itself.
 */
export const OUTBOX_SQLITE = `
CREATE TABLE IF NOT EXISTS ledger_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL,
  entry TEXT NOT NULL, created_at INTEGER NOT NULL);
`;

export const OUTBOX_POSTGRES = `
CREATE TABLE IF NOT EXISTS ledger_outbox (id BIGSERIAL PRIMARY KEY, tenant_id TEXT NOT NULL, entry TEXT NOT NULL,
  created_at BIGINT NOT NULL);
`;

/** With `?` placeholders, for either dialect's SqlExec (the PostgreSQL one numbers them). */
export const INSERT_OUTBOX = 'INSERT INTO ledger_outbox (tenant_id, entry, created_at) VALUES (?, ?, ?)';
