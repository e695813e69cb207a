/** The parties tables. Portable types (TEXT JSON, integer epoch ms) so one mapping serves SQLite and PostgreSQL. */
export function partySchema(dialect: 'sqlite' | 'postgres'): string {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const real = dialect === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION';
  return `
CREATE TABLE IF NOT EXISTS party_tenant_keys (
  tenant_id TEXT PRIMARY KEY, wrapped TEXT NOT NULL, kek_id TEXT NOT NULL, created_at ${big} NOT NULL);
CREATE TABLE IF NOT EXISTS party_subject_keys (
  tenant_id TEXT NOT NULL, party_id TEXT NOT NULL, wrapped TEXT NOT NULL, created_at ${big} NOT NULL,
  PRIMARY KEY (tenant_id, party_id));
CREATE TABLE IF NOT EXISTS party_parties (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, version INT NOT NULL, external_id TEXT,
  risk_level TEXT, created_at ${big} NOT NULL, updated_at ${big} NOT NULL, erased_at ${big},
  PRIMARY KEY (tenant_id, id));
CREATE INDEX IF NOT EXISTS party_parties_ext ON party_parties (tenant_id, external_id);
CREATE TABLE IF NOT EXISTS party_versions (
  tenant_id TEXT NOT NULL, party_id TEXT NOT NULL, version INT NOT NULL, clear TEXT NOT NULL, sealed TEXT NOT NULL,
  content_hash TEXT NOT NULL, screen_key TEXT NOT NULL, actor TEXT NOT NULL, created_at ${big} NOT NULL,
  PRIMARY KEY (tenant_id, party_id, version));
CREATE TABLE IF NOT EXISTS party_owner_refs (
  tenant_id TEXT NOT NULL, owner_id TEXT NOT NULL, party_id TEXT NOT NULL, PRIMARY KEY (tenant_id, owner_id, party_id));
CREATE TABLE IF NOT EXISTS party_blind_index (
  tenant_id TEXT NOT NULL, kind TEXT NOT NULL, token TEXT NOT NULL, party_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, kind, token, party_id));
CREATE INDEX IF NOT EXISTS party_blind_index_party ON party_blind_index (tenant_id, party_id);
CREATE TABLE IF NOT EXISTS party_hits (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, party_id TEXT NOT NULL, party_version INT NOT NULL, screen_key TEXT NOT NULL,
  list_id TEXT NOT NULL, entry_id TEXT NOT NULL, entry_fp TEXT NOT NULL, matched_name TEXT NOT NULL, score ${real} NOT NULL,
  recommendation TEXT NOT NULL, sanctions INT NOT NULL, list_versions TEXT NOT NULL, sealed TEXT NOT NULL,
  status TEXT NOT NULL, decided_by TEXT, decided_at ${big}, reason TEXT, first_seen_at ${big} NOT NULL,
  last_screened_at ${big} NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE UNIQUE INDEX IF NOT EXISTS party_hits_same ON party_hits (tenant_id, party_id, list_id, entry_id, screen_key, entry_fp);
CREATE TABLE IF NOT EXISTS party_screens (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, party_id TEXT NOT NULL, party_version INT NOT NULL,
  list_versions TEXT NOT NULL, hit_ids TEXT NOT NULL, at ${big} NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE INDEX IF NOT EXISTS party_screens_party ON party_screens (tenant_id, party_id, at);
CREATE TABLE IF NOT EXISTS party_ratings (
  tenant_id TEXT NOT NULL, id TEXT NOT NULL, party_id TEXT NOT NULL, party_version INT NOT NULL, level TEXT NOT NULL,
  points INT NOT NULL, reasons TEXT NOT NULL, country_list TEXT NOT NULL, list_versions TEXT NOT NULL, trigger_kind TEXT NOT NULL, at ${big} NOT NULL,
  PRIMARY KEY (tenant_id, id));
CREATE INDEX IF NOT EXISTS party_ratings_party ON party_ratings (tenant_id, party_id, at);
`;
}
