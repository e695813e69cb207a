import { commitLogMigration, commitSequenceMigration } from './commit-log.ts';

/** PostgreSQL migrations; the same logical schema as SQLite, with native types. */
export const postgresMigrations: readonly { id: number; sql: string }[] = [
  {
    id: 1,
    sql: `
CREATE TABLE tenants (id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE api_keys (key_hash TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), prefix TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE users (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants(id), username TEXT NOT NULL,
  password_hash TEXT NOT NULL, roles JSONB NOT NULL, created_at BIGINT NOT NULL, UNIQUE (tenant_id, username));
CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), tenant_id TEXT NOT NULL, expires_at BIGINT NOT NULL);
CREATE TABLE decisions (seq BIGSERIAL PRIMARY KEY, tenant_id TEXT NOT NULL, event_id TEXT NOT NULL,
  type TEXT NOT NULL, occurred_at BIGINT NOT NULL, body_hash TEXT NOT NULL, event JSONB NOT NULL, decision JSONB NOT NULL,
  outcome TEXT NOT NULL, rule_set_version TEXT NOT NULL, decided_at BIGINT NOT NULL, UNIQUE (tenant_id, event_id));
CREATE TABLE rule_sets (tenant_id TEXT NOT NULL, version TEXT NOT NULL, content JSONB NOT NULL, created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL, active BOOLEAN NOT NULL, PRIMARY KEY (tenant_id, version));
CREATE UNIQUE INDEX rule_sets_one_active ON rule_sets (tenant_id) WHERE active;
`,
  },
  {
    id: 2,
    sql: `
ALTER TABLE rule_sets ADD COLUMN status TEXT NOT NULL DEFAULT 'superseded';
UPDATE rule_sets SET status = 'active' WHERE active;
ALTER TABLE rule_sets ADD COLUMN shadow BOOLEAN NOT NULL DEFAULT false;
CREATE UNIQUE INDEX rule_sets_one_shadow ON rule_sets (tenant_id) WHERE shadow;
CREATE TABLE rule_set_events (id BIGSERIAL PRIMARY KEY, tenant_id TEXT NOT NULL, version TEXT NOT NULL,
  action TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, actor_id TEXT NOT NULL, at BIGINT NOT NULL, note TEXT);
CREATE INDEX rule_set_events_version ON rule_set_events (tenant_id, version, id);
INSERT INTO rule_set_events (tenant_id, version, action, from_status, to_status, actor_id, at)
  SELECT tenant_id, version, 'create', NULL, status, created_by, created_at FROM rule_sets ORDER BY created_at, version;
CREATE INDEX decisions_tenant_time ON decisions (tenant_id, occurred_at);
`,
  },
  {
    id: 3,
    sql: `
CREATE TABLE pii_keys (tenant_id TEXT NOT NULL, subject TEXT NOT NULL, key_id TEXT NOT NULL, wrapped TEXT NOT NULL,
  created_at BIGINT NOT NULL, PRIMARY KEY (tenant_id, subject, key_id));
`,
  },
  { id: 4, sql: commitLogMigration },
  { id: 5, sql: commitSequenceMigration },
];
