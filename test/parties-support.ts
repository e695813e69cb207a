/** Shared set-up for the parties tests: a SQLite party store in a fresh directory, a test list, an audit sink. */
import { loadMasterKey, openSqlitePartyStore } from '../src/parties/adapters.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, systemIds, type AuditSink } from '../src/kernel/index.ts';
import { ScreeningService, type ListEntry, type ListVersion } from '../src/screening/index.ts';
import { PartyService, type PartyActor, type PartyStore } from '../src/parties/index.ts';

export const listVersion = (listId: string, hash = 'aaaaaaaaaaaa'): ListVersion => ({
  listId,
  source: 'generic',
  version: `${listId}@${hash}`,
  contentHash: hash,
  loadedAt: 0,
  loadMs: 0,
  counts: {
    entries: 1,
    persons: 1,
    organisations: 0,
    vessels: 0,
    aircraft: 0,
    names: 1,
    weakAliases: 0,
    idDocuments: 0,
  },
});

export const xiEntry = (over: Partial<ListEntry> = {}): ListEntry => ({
  id: '100',
  listId: 'ofac-sdn',
  kind: 'person',
  names: [{ full: 'XI, Jinping', kind: 'primary', weak: false }],
  dobs: [{ year: 1953, month: 6, day: 15 }],
  nationalities: ['CN'],
  countries: [],
  ids: [],
  programs: ['TEST'],
  ...over,
});

export const actor = (tenantId: string, kind: 'admin' | 'auditor' | 'key' = 'admin'): PartyActor => ({
  tenantId,
  actorId: kind === 'key' ? 'key:zk_abcde' : `usr_${kind}`,
  permissions:
    kind === 'admin'
      ? ['parties:read', 'parties:write', 'parties:reveal', 'parties:review', 'parties:erase']
      : kind === 'auditor'
        ? ['parties:read']
        : ['parties:read', 'parties:write'],
});

export interface PartiesFixture {
  dir: string;
  store: PartyStore;
  service: PartyService;
  screening: ScreeningService;
  audits: Parameters<AuditSink>[0][];
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

export async function partiesFixture(): Promise<PartiesFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'zhili-parties-svc-'));
  const store = openSqlitePartyStore(join(dir, 'zhili.db'));
  await store.migrate();
  const clock = fixedClock(Date.parse('2026-11-27T02:00:00Z'));
  const screening = new ScreeningService({ clock });
  screening.put(listVersion('ofac-sdn'), [xiEntry()]);
  const audits: Parameters<AuditSink>[0][] = [];
  const master = loadMasterKey({ dataDir: dir, configured: randomBytes(32).toString('hex') });
  const service = new PartyService({
    store,
    master,
    clock,
    ids: systemIds(),
    screening,
    audit: async (e) => audits.push(e),
  });
  return { dir, store, service, screening, audits, clock, close: () => store.close() };
}

export const zhang = {
  kind: 'person' as const,
  externalId: 'cust-001',
  names: [
    { full: '张伟', kind: 'primary' as const },
    { full: 'ZHANG Wei', kind: 'aka' as const },
  ],
  dateOfBirth: '1990-01-02',
  gender: 'male' as const,
  nationalities: ['CN'],
  idDocuments: [{ type: 'resident_id', number: '11010119900102123X', country: 'CN' }],
  addresses: [{ line: '北京市朝阳区建国路88号', country: 'CN' }],
  phones: ['+86 138 1234 5678'],
  bankCards: [{ number: '6222021234567890123' }],
  occupation: 'engineer',
  products: ['payment'],
  channel: 'online_verified',
};
