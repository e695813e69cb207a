/** The complaint tables. Portable types (TEXT JSON, integer epoch ms) so one mapping serves SQLite and PostgreSQL. */
export function complaintSchema(dialect: 'sqlite' | 'postgres'): string {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE IF NOT EXISTS complaint_complaints (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, state TEXT NOT NULL, customer_id TEXT NOT NULL,
  received_at ${big} NOT NULL, version INT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE INDEX IF NOT EXISTS complaint_complaints_received ON complaint_complaints (tenant_id, received_at);
CREATE TABLE IF NOT EXISTS complaint_history (
  tenant_id TEXT NOT NULL, complaint_id TEXT NOT NULL, seq INT NOT NULL, action TEXT NOT NULL, actor TEXT NOT NULL,
  from_state TEXT, to_state TEXT NOT NULL, at ${big} NOT NULL, data_hash TEXT NOT NULL,
  PRIMARY KEY (tenant_id, complaint_id, seq));
CREATE TABLE IF NOT EXISTS complaint_personal (
  tenant_id TEXT NOT NULL, complaint_id TEXT NOT NULL, wrapped_key TEXT, sealed TEXT NOT NULL,
  PRIMARY KEY (tenant_id, complaint_id));
CREATE TABLE IF NOT EXISTS complaint_settings (
  tenant_id TEXT PRIMARY KEY, doc TEXT NOT NULL, updated_at ${big} NOT NULL, updated_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS complaint_reserve (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, amount_minor ${big} NOT NULL, currency TEXT NOT NULL,
  complaint_id TEXT, actor TEXT NOT NULL, at ${big} NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE INDEX IF NOT EXISTS complaint_reserve_at ON complaint_reserve (tenant_id, at);
`;
}
