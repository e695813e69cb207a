/** The cases tables. Types are kept portable (TEXT JSON, integer epoch ms) so one mapping serves both. */
export function caseSchema(dialect: 'sqlite' | 'postgres'): string {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const bytes = dialect === 'sqlite' ? 'BLOB' : 'BYTEA';
  const serial = dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY';
  return `
CREATE TABLE IF NOT EXISTS case_progress (id INT PRIMARY KEY CHECK (id = 1), seq ${big} NOT NULL);
INSERT INTO case_progress (id, seq) VALUES (1, 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS case_cases (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, customer_id TEXT NOT NULL, status TEXT NOT NULL,
  priority TEXT NOT NULL, priority_rank INT NOT NULL, score ${big} NOT NULL, queue TEXT NOT NULL, assignee TEXT,
  tags TEXT NOT NULL, due_at ${big} NOT NULL, opened_at ${big} NOT NULL, last_alert_at ${big} NOT NULL,
  alert_count INT NOT NULL, pending TEXT, resolution TEXT, closed_at ${big}, version INT NOT NULL,
  updated_at ${big} NOT NULL);
CREATE INDEX IF NOT EXISTS case_cases_customer ON case_cases (tenant_id, customer_id, last_alert_at);
CREATE INDEX IF NOT EXISTS case_cases_status ON case_cases (tenant_id, status, id);
CREATE TABLE IF NOT EXISTS case_alerts (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, case_id TEXT NOT NULL, event_id TEXT NOT NULL,
  decision_seq ${big} NOT NULL, customer_id TEXT NOT NULL, source TEXT NOT NULL, type TEXT NOT NULL,
  code TEXT NOT NULL, rule_ids TEXT NOT NULL, score ${big} NOT NULL, priority TEXT NOT NULL, due_by TEXT,
  occurred_at ${big} NOT NULL, created_at ${big} NOT NULL, report_id TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS case_alerts_origin ON case_alerts (tenant_id, event_id, source, type, code);
CREATE INDEX IF NOT EXISTS case_alerts_case ON case_alerts (tenant_id, case_id);
CREATE INDEX IF NOT EXISTS case_alerts_customer ON case_alerts (tenant_id, customer_id, id);
CREATE TABLE IF NOT EXISTS case_history (
  seq ${serial}, id TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL, subject_id TEXT NOT NULL,
  at ${big} NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS case_history_subject ON case_history (tenant_id, subject_id, seq);
CREATE TABLE IF NOT EXISTS case_movements (
  tenant_id TEXT NOT NULL, event_id TEXT NOT NULL, seq ${big} NOT NULL, type TEXT NOT NULL,
  occurred_at ${big} NOT NULL, outcome TEXT NOT NULL, debtor_party TEXT, debtor_account TEXT,
  creditor_party TEXT, creditor_account TEXT, amount_minor ${big}, currency TEXT,
  PRIMARY KEY (tenant_id, event_id));
CREATE INDEX IF NOT EXISTS case_mv_dp ON case_movements (tenant_id, debtor_party, occurred_at);
CREATE INDEX IF NOT EXISTS case_mv_cp ON case_movements (tenant_id, creditor_party, occurred_at);
CREATE INDEX IF NOT EXISTS case_mv_da ON case_movements (tenant_id, debtor_account, occurred_at);
CREATE INDEX IF NOT EXISTS case_mv_ca ON case_movements (tenant_id, creditor_account, occurred_at);
CREATE TABLE IF NOT EXISTS case_reports (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, format TEXT NOT NULL, message_type TEXT NOT NULL,
  status TEXT NOT NULL, str INT NOT NULL, case_id TEXT, alert_ids TEXT NOT NULL, corrects_id TEXT,
  payload TEXT NOT NULL, due_by TEXT NOT NULL, created_by TEXT NOT NULL, created_at ${big} NOT NULL,
  approved_by TEXT, approved_at ${big}, submitted_at ${big}, file_name TEXT, package_name TEXT, sha256 TEXT,
  ack_at ${big}, ack_note TEXT, version INT NOT NULL);
CREATE INDEX IF NOT EXISTS case_reports_tenant ON case_reports (tenant_id, status, id);
CREATE TABLE IF NOT EXISTS case_counters (
  tenant_id TEXT NOT NULL, name TEXT NOT NULL, value ${big} NOT NULL, PRIMARY KEY (tenant_id, name));
CREATE TABLE IF NOT EXISTS case_packages (
  tenant_id TEXT NOT NULL, name TEXT NOT NULL, report_ids TEXT NOT NULL, sha256 TEXT NOT NULL,
  bytes ${bytes} NOT NULL, created_at ${big} NOT NULL, PRIMARY KEY (tenant_id, name));
${attachmentsMigration(dialect)}`;
}

/** Added after the first release: case attachments (bytes and their SHA-256). Idempotent, as the rest. */
export function attachmentsMigration(dialect: 'sqlite' | 'postgres'): string {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const bytes = dialect === 'sqlite' ? 'BLOB' : 'BYTEA';
  return `
CREATE TABLE IF NOT EXISTS case_attachments (
  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, case_id TEXT NOT NULL, name TEXT NOT NULL,
  content_type TEXT NOT NULL, size ${big} NOT NULL, sha256 TEXT NOT NULL, bytes ${bytes} NOT NULL,
  created_by TEXT NOT NULL, created_at ${big} NOT NULL);
CREATE INDEX IF NOT EXISTS case_attachments_case ON case_attachments (tenant_id, case_id, id);
`;
}
