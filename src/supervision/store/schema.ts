/** The hub's tables, for SQLite and PostgreSQL (the hub has a database of its own). */
export function hubSchema(dialect: 'sqlite' | 'postgres'): string {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const serial = dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY';
  return `
CREATE TABLE IF NOT EXISTS hub_supervisors (id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL, admin ${big} NOT NULL, created_at ${big} NOT NULL, disabled ${big} NOT NULL);
CREATE TABLE IF NOT EXISTS hub_sessions (token_hash TEXT PRIMARY KEY, supervisor_id TEXT NOT NULL,
  expires_at ${big} NOT NULL);
CREATE TABLE IF NOT EXISTS hub_platforms (id TEXT PRIMARY KEY, name TEXT NOT NULL, licence_type TEXT NOT NULL,
  business_scope TEXT NOT NULL, status TEXT NOT NULL, origin TEXT NOT NULL UNIQUE, ledger_keys TEXT NOT NULL,
  request_key TEXT NOT NULL, registered_at ${big} NOT NULL, registered_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_status_changes (id TEXT PRIMARY KEY, platform_id TEXT NOT NULL,
  from_status TEXT NOT NULL, to_status TEXT NOT NULL, reason TEXT NOT NULL, proposed_by TEXT NOT NULL,
  proposed_at ${big} NOT NULL, decision TEXT NOT NULL, decided_by TEXT, decided_at ${big});
CREATE INDEX IF NOT EXISTS hub_status_changes_platform ON hub_status_changes (platform_id, proposed_at);
CREATE TABLE IF NOT EXISTS hub_witness_state (platform_id TEXT PRIMARY KEY, size ${big} NOT NULL,
  root_hash TEXT NOT NULL, note TEXT NOT NULL, cosignature TEXT NOT NULL, at ${big} NOT NULL,
  advanced_at ${big} NOT NULL);
CREATE TABLE IF NOT EXISTS hub_checkpoints (seq ${serial}, platform_id TEXT NOT NULL, size ${big} NOT NULL,
  root_hash TEXT NOT NULL, note TEXT NOT NULL, cosignature TEXT NOT NULL, at ${big} NOT NULL);
CREATE INDEX IF NOT EXISTS hub_checkpoints_platform ON hub_checkpoints (platform_id, seq);
CREATE TABLE IF NOT EXISTS hub_alerts (id TEXT PRIMARY KEY, platform_id TEXT NOT NULL, kind TEXT NOT NULL,
  message TEXT NOT NULL, message_zh TEXT NOT NULL, accepted_checkpoint TEXT, submitted_checkpoint TEXT,
  raised_at ${big} NOT NULL, closed_at ${big});
CREATE INDEX IF NOT EXISTS hub_alerts_platform ON hub_alerts (platform_id, kind, closed_at);
CREATE TABLE IF NOT EXISTS hub_alert_handling (alert_id TEXT PRIMARY KEY, acknowledged_by TEXT NOT NULL,
  acknowledged_at ${big} NOT NULL, acknowledge_note TEXT NOT NULL, resolution_proposed_by TEXT,
  resolution_proposed_at ${big}, resolution_note TEXT, resolved_by TEXT, resolved_at ${big});
CREATE TABLE IF NOT EXISTS hub_nonces (key_id TEXT NOT NULL, nonce TEXT NOT NULL, expires_at ${big} NOT NULL,
  PRIMARY KEY (key_id, nonce));
CREATE TABLE IF NOT EXISTS hub_audit (seq ${serial}, actor_id TEXT NOT NULL, action TEXT NOT NULL,
  subject_id TEXT NOT NULL, detail TEXT NOT NULL, at ${big} NOT NULL);
CREATE INDEX IF NOT EXISTS hub_audit_at ON hub_audit (at);
CREATE TABLE IF NOT EXISTS hub_filings (platform_id TEXT NOT NULL, kind TEXT NOT NULL, item_key TEXT NOT NULL,
  body TEXT NOT NULL, received_at ${big} NOT NULL, PRIMARY KEY (platform_id, kind, item_key));
CREATE TABLE IF NOT EXISTS hub_disclosures (platform_id TEXT NOT NULL, tenant_id TEXT NOT NULL, id TEXT NOT NULL,
  period TEXT NOT NULL, version ${big} NOT NULL, published_by TEXT NOT NULL, published_at ${big} NOT NULL,
  canonical TEXT NOT NULL, hash TEXT NOT NULL, computed_hash TEXT NOT NULL, state TEXT NOT NULL, reasons TEXT NOT NULL,
  tree_size ${big}, received_at ${big} NOT NULL, PRIMARY KEY (platform_id, tenant_id, id));
CREATE TABLE IF NOT EXISTS hub_report_files (platform_id TEXT NOT NULL, tenant_id TEXT NOT NULL, report_id TEXT NOT NULL,
  requested_by TEXT NOT NULL, requested_at ${big} NOT NULL, file_name TEXT, sha256 TEXT, content TEXT,
  received_at ${big}, PRIMARY KEY (platform_id, tenant_id, report_id));
CREATE TABLE IF NOT EXISTS hub_exit_plans (platform_id TEXT PRIMARY KEY, plan TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS hub_login_throttle (throttle_key TEXT PRIMARY KEY, failures ${big} NOT NULL,
  locked_until ${big} NOT NULL, last_failure_at ${big} NOT NULL);
`;
}
