/** The register tables. Portable types (TEXT JSON, integer epoch ms) so one mapping serves SQLite and PostgreSQL. */
export function registerSchema(dialect: 'sqlite' | 'postgres'): string {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE IF NOT EXISTS protection_register (
  tenant_id TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, state TEXT NOT NULL, version INT NOT NULL,
  opened_at ${big} NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (tenant_id, kind, id));
CREATE TABLE IF NOT EXISTS protection_register_steps (
  tenant_id TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL, seq INT NOT NULL, action TEXT NOT NULL,
  actor TEXT NOT NULL, at ${big} NOT NULL, data_hash TEXT NOT NULL, PRIMARY KEY (tenant_id, kind, record_id, seq));
CREATE TABLE IF NOT EXISTS protection_register_settings (
  tenant_id TEXT NOT NULL, kind TEXT NOT NULL, doc TEXT NOT NULL, updated_at ${big} NOT NULL, updated_by TEXT NOT NULL,
  PRIMARY KEY (tenant_id, kind));
`;
}
