/** The suitability tables: TEXT JSON documents and integer epoch ms, one mapping for SQLite and PostgreSQL. */
export function suitabilitySchema(dialect: 'sqlite' | 'postgres'): string {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE IF NOT EXISTS suit_questionnaires (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, version INT NOT NULL, created_at ${big} NOT NULL, created_by TEXT NOT NULL,
  doc TEXT NOT NULL, PRIMARY KEY (tenant_id, id, version));
CREATE TABLE IF NOT EXISTS suit_assessments (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, customer_id TEXT NOT NULL, assessed_at ${big} NOT NULL, doc TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id));
CREATE INDEX IF NOT EXISTS suit_assessments_customer ON suit_assessments (tenant_id, customer_id, assessed_at);
CREATE TABLE IF NOT EXISTS suit_products (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, updated_at ${big} NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE TABLE IF NOT EXISTS suit_acknowledgements (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, customer_id TEXT NOT NULL, product_id TEXT NOT NULL, at ${big} NOT NULL,
  doc TEXT NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE INDEX IF NOT EXISTS suit_acknowledgements_customer ON suit_acknowledgements (tenant_id, customer_id, at);
CREATE TABLE IF NOT EXISTS suit_professionals (
  tenant_id TEXT NOT NULL, customer_id TEXT NOT NULL, version INT NOT NULL, doc TEXT NOT NULL,
  PRIMARY KEY (tenant_id, customer_id));
CREATE TABLE IF NOT EXISTS suit_progress (
  tenant_id TEXT NOT NULL, customer_id TEXT NOT NULL, lesson_id TEXT NOT NULL, started_at ${big} NOT NULL,
  completed_at ${big}, PRIMARY KEY (tenant_id, customer_id, lesson_id));
CREATE TABLE IF NOT EXISTS suit_settings (
  tenant_id TEXT PRIMARY KEY, doc TEXT NOT NULL, updated_at ${big} NOT NULL, updated_by TEXT NOT NULL);
`;
}
