/** Migrations run in order; each runs once and is recorded in schema_migrations. */
export const sqliteMigrations: readonly { id: number; sql: string }[] = [
  {
    id: 1,
    sql: `
CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE api_keys (key_hash TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), prefix TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE users (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), username TEXT NOT NULL,
  password_hash TEXT NOT NULL, roles TEXT NOT NULL, created_at INTEGER NOT NULL, UNIQUE (tenant_id, username));
CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), tenant_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE decisions (seq INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, event_id TEXT NOT NULL,
  type TEXT NOT NULL, occurred_at INTEGER NOT NULL, body_hash TEXT NOT NULL, event TEXT NOT NULL, decision TEXT NOT NULL,
  outcome TEXT NOT NULL, rule_set_version TEXT NOT NULL, decided_at INTEGER NOT NULL, UNIQUE (tenant_id, event_id));
CREATE TABLE rule_sets (tenant_id TEXT NOT NULL, version TEXT NOT NULL, content TEXT NOT NULL, created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL, active INTEGER NOT NULL, PRIMARY KEY (tenant_id, version));
`,
  },
];
