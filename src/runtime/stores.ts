import { join } from 'node:path';
import { AccountStore } from '../access/adapters.ts';
import { sealingReports, sqlCaseStore, type CaseStore } from '../cases/adapters.ts';
import { openPostgresLedgerStore, openSqliteLedgerStore, type LedgerStore } from '../ledger/adapters.ts';
import { enqueueAudit } from '../ledger/index.ts';
import { sqlPartyStore, type PartyStore } from '../parties/adapters.ts';
import { isoIntakeTables, type IsoIntakeTables } from '../monitoring/adapters.ts';
import { sqlListStore, type ListStore } from '../screening/adapters.ts';
import { sqlCreditStore, type CreditStore } from '../credit/adapters.ts';
import {
  sqlComplaintStore,
  sqlRegisterStore,
  sqlSuitabilityStore,
  type ComplaintStore,
  type RegisterStore,
  type SuitabilityStore,
} from '../protection/adapters.ts';
import {
  openPostgresStore,
  openSqliteStore,
  postgresDriverOn,
  postgresPool,
  sqliteDriver,
  type WriteTurns,
  PersonalDataVault,
  sealingStore,
  sqlWindowSnapshots,
  type Store,
} from '../store/adapters.ts';
import type { WindowSnapshotStore } from '../store/index.ts';
import type { Config } from './config.ts';

export { snapshotDeps } from './window-snapshots.ts';

/** Every module's store, on the database the configuration names. */
export interface Stores {
  readonly dialect: 'sqlite' | 'postgres';
  /** The decisions store; events' personal fields sealed at rest when `personal` was given. */
  main: Store;
  /**
   * The commit log as stored, for its tailers (the audit ledger, the case projector): personal fields
   * stay sealed, since neither reads them (the DecisionCommitted contract holds none), so tailing costs
   * no key lookups or decryption per decision.
   */
  commitLog: Pick<Store, 'scanDecisions'>;
  /** Seals, opens and shreds events' personal data (undefined: events stored as received). */
  vault: PersonalDataVault | undefined;
  ledger: LedgerStore;
  cases: CaseStore;
  parties: PartyStore;
  /** Stored sanctions list versions and tenant screening settings. */
  lists: ListStore;
  /** ISO 20022 messages waiting for their status, and evaluations, per tenant. */
  iso: IsoIntakeTables;
  /** Operator administration: disabled operators, API-key rotation and revocation, role grants. */
  accounts: AccountStore;
  /** Consumer complaints, their history, sealed personal data and the risk reserve. */
  complaints: ComplaintStore;
  /** Investor suitability: questionnaires, assessments, products, acknowledgements, lesson progress. */
  suitability: SuitabilityStore;
  /** Data-subject requests, incidents, contingency plans and drills. */
  rights: RegisterStore;
  /** Stored scorecards and their life-cycle history. */
  credit: CreditStore;
  /** Each tenant's feature windows at a commit position (restores replay only the log after it). */
  windowSnapshots: WindowSnapshotStore;
  /** Migrates every module's tables, in dependency order. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Erases a data subject: their data keys (crypto-shredding events and reports) and the tenant's window
 * snapshots, which hold entity keys (device addresses among them); the next restore replays the log as
 * it now reads.
 */
export function subjectEraser(stores: Pick<Stores, 'vault' | 'windowSnapshots'>) {
  return async (tenantId: string, subject: string): Promise<{ eventKeys: number; reports: number }> => {
    const done = await stores.vault?.shred(tenantId, subject);
    await stores.windowSnapshots.dropTenant(tenantId);
    return { eventKeys: done?.eventKeys ?? 0, reports: done?.reports ?? 0 };
  };
}

export type DatabaseLocation = Pick<Config, 'databaseUrl' | 'dataDir'>;

const isPostgres = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

/** The SQLite file: `sqlite:<path>` or `<data dir>/zhili.db`. */
export const sqliteFile = (loc: DatabaseLocation): string =>
  loc.databaseUrl?.startsWith('sqlite:') ? loc.databaseUrl.slice('sqlite:'.length) : join(loc.dataDir, 'zhili.db');

/**
 * The one place that turns a database URL into adapters. PostgreSQL: one pool for the whole process,
 * shared by every module (the schema comes from `?schema=`, default `zhili`). SQLite: the main store's
 * connection (with its writer thread), the ledger's, and one shared by the cases and parties tables —
 * those three keep separate connections because each runs transactions the others must not join
 * (see docs/decisions/0005-composition-root.md).
 */
export interface StoreOptions {
  main?: Store;
  writerThread?: boolean;
  /**
   * SQLite: turns at the write lock between the writer thread's group commits (`writer`: the process
   * that owns it) and the background thread's tailers (`guest`), see store/sqlite/write-turns.ts.
   */
  turns?: { shared: WriteTurns; role: 'writer' | 'guest' };
  /** Seal events' personal fields under per-subject keys wrapped by this master key. */
  personal?: { master: { id: string; key: Buffer }; attributes: readonly string[]; now: () => number };
}

export function openStores(loc: DatabaseLocation, opts: StoreOptions = {}): Stores {
  const stores = openPlainStores(loc, opts);
  if (!opts.personal) return stores;
  const vault = new PersonalDataVault(stores.main, {
    master: opts.personal.master,
    personalAttributes: opts.personal.attributes,
    now: opts.personal.now,
  });
  const cases = sealingReports(stores.cases, {
    shares: stores.main,
    master: opts.personal.master,
    now: opts.personal.now,
  });
  return { ...stores, main: sealingStore(stores.main, vault), commitLog: stores.main, cases, vault };
}

function openPlainStores(loc: DatabaseLocation, opts: StoreOptions): Stores {
  if (isPostgres(loc.databaseUrl)) {
    const schema = new URL(loc.databaseUrl).searchParams.get('schema') ?? 'zhili';
    const pool = postgresPool(loc.databaseUrl, schema, 12);
    const modules = postgresDriverOn(pool, schema);
    return assemble('postgres', opts.main ?? openPostgresStore(pool, { schema }), {
      ledger: openPostgresLedgerStore(pool, { schema }),
      cases: sqlCaseStore(modules, { auditOutbox: true }),
      parties: sqlPartyStore(modules, { outbox: enqueueAudit }),
      lists: sqlListStore(modules),
      credit: sqlCreditStore(modules),
      iso: isoIntakeTables(modules),
      windowSnapshots: sqlWindowSnapshots(modules),
      accounts: new AccountStore(modules, { outbox: enqueueAudit }),
      complaints: sqlComplaintStore(modules, { outbox: enqueueAudit }),
      suitability: sqlSuitabilityStore(modules, { outbox: enqueueAudit }),
      rights: sqlRegisterStore(modules, { outbox: enqueueAudit }),
      close: () => pool.end(),
    });
  }
  const file = sqliteFile(loc);
  const guest = opts.turns?.role === 'guest' ? opts.turns.shared : undefined;
  const connection = sqliteDriver(file, { turns: guest });
  // Cases and parties share the connection (and its queue of transactions); it closes once, here.
  const modules = { ...connection, close: async () => undefined };
  const writerTurns = opts.turns?.role === 'writer' ? opts.turns.shared : undefined;
  const main = opts.main ?? openSqliteStore(file, { writerThread: opts.writerThread ?? true, turns: writerTurns });
  return assemble('sqlite', main, {
    ledger: openSqliteLedgerStore(file, { turns: guest }),
    cases: sqlCaseStore(modules, { auditOutbox: true }),
    parties: sqlPartyStore(modules, { outbox: enqueueAudit }),
    lists: sqlListStore(modules),
    credit: sqlCreditStore(modules),
    iso: isoIntakeTables(modules),
    windowSnapshots: sqlWindowSnapshots(modules),
    accounts: new AccountStore(modules, { outbox: enqueueAudit }),
    complaints: sqlComplaintStore(modules, { outbox: enqueueAudit }),
    suitability: sqlSuitabilityStore(modules, { outbox: enqueueAudit }),
    rights: sqlRegisterStore(modules, { outbox: enqueueAudit }),
    close: () => connection.close(),
  });
}

function assemble(
  dialect: Stores['dialect'],
  main: Store,
  m: Pick<
    Stores,
    'ledger' | 'cases' | 'parties' | 'lists' | 'accounts' | 'complaints' | 'rights' | 'suitability' | 'windowSnapshots'
  > & {
    iso: IsoIntakeTables;
    credit: CreditStore;
    close(): Promise<void>;
  },
): Stores {
  return {
    dialect,
    main,
    commitLog: main,
    vault: undefined,
    ledger: m.ledger,
    cases: m.cases,
    parties: m.parties,
    lists: m.lists,
    iso: m.iso,
    credit: m.credit,
    accounts: m.accounts,
    complaints: m.complaints,
    suitability: m.suitability,
    rights: m.rights,
    windowSnapshots: m.windowSnapshots,
    async migrate() {
      await main.migrate();
      await m.ledger.migrate();
      await m.cases.migrate();
      await m.parties.migrate();
      await m.lists.migrate();
      await m.iso.migrate();
      await m.credit.migrate();
      await m.accounts.migrate(); // after main: it reads the users, api_keys and sessions tables
      await m.complaints.migrate();
      await m.suitability.migrate();
      await m.rights.migrate();
      await m.windowSnapshots.migrate();
    },
    async close() {
      await Promise.allSettled([m.cases.close(), m.parties.close(), m.ledger.close()]);
      await main.close();
      await m.close();
    },
  };
}
