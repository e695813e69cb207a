/**
 * The ISO 20022 intake's contract, on every adapter (memory, SQLite, PostgreSQL): per-tenant bound,
 * no eviction across tenants, expiry of stale messages, completion, and a tenant's own oldest
 * evaluations going past its evaluation bound.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../../../test/support/services.ts';
import { fixedClock } from '../../kernel/index.ts';
import { postgresDriver, sqliteDriver } from '../../store/adapters.ts';
import type { SqlDriver } from '../../store/index.ts';
import type { Evaluation, IsoIntake, IsoIntakeLimits } from './intake.ts';
import { IsoIntakeMemory } from './intake-memory.ts';
import { isoIntakeTables } from './intake-sql.ts';
import type { PendingTransfer } from './map.ts';

const transfer = (e2e: string): PendingTransfer => ({
  endToEndId: e2e,
  msgId: `msg-${e2e}`,
  amount: { value: '1.00', currency: 'USD' },
  dataCache: {
    dbtrId: 'dbtr',
    cdtrId: 'cdtr',
    dbtrAcctId: 'dbtr-acct',
    cdtrAcctId: 'cdtr-acct',
    intrBkSttlmAmt: { amt: 1, ccy: 'USD' },
    creDtTm: '2026-11-26T10:00:00.000Z',
  },
  debtorAgent: 'fsp001',
  creditorAgent: 'fsp002',
});
const evaluation = (msgId: string, e2e: string): Evaluation => ({
  msgId,
  transaction: {
    FIToFIPmtSts: {
      GrpHdr: { MsgId: msgId, CreDtTm: '2026-11-26T10:00:01.000Z' },
      TxInfAndSts: { OrgnlEndToEndId: e2e, TxSts: 'ACCC' },
    },
  },
  pending: transfer(e2e),
  eventId: `evt-${msgId}`,
  decision: {
    eventId: `evt-${msgId}`,
    outcome: 'allow',
    score: 0,
    reasons: [],
    obligations: [],
    shadow: [],
    features: { 'count.1h': 1 },
    ruleSetVersion: 'default-1',
    decidedAt: '2026-11-26T10:00:01.000Z',
  },
  prcgTmDP: 1,
  prcgTmED: 2,
  prcgTmTADP: 3,
});
const limits: IsoIntakeLimits = { maxPending: 2, maxEvaluations: 2, pendingTtlMs: 1000 };

function contract(name: string, open: (clock: ReturnType<typeof fixedClock>) => Promise<IsoIntake>): void {
  describe(`ISO 20022 intake: ${name}`, () => {
    it('bounds each tenant on its own, never evicting another tenant, and forgets stale messages', async () => {
      const clock = fixedClock(0);
      const intake = await open(clock);
      await intake.putPending('ten_b', transfer('b1'));
      await intake.putPending('ten_a', transfer('a1'));
      await intake.putPending('ten_a', transfer('a2'));
      await expect(intake.putPending('ten_a', transfer('a3'))).rejects.toMatchObject({
        code: 'ZHILI_E_ISO_PENDING_FULL',
        status: 429,
      });
      await intake.putPending('ten_a', transfer('a1')); // the same message again: no new place taken
      expect(await intake.getPending('ten_b', 'b1')).toEqual({ transfer: transfer('b1') });
      expect(await intake.getPending('ten_b', 'a1')).toBeUndefined();
      // A completed message frees its place, and keeps its completion.
      await intake.markStatus('ten_a', 'a1', 'ACCC', 'm1');
      expect(await intake.getPending('ten_a', 'a1')).toMatchObject({ completedBy: 'm1', lastStatus: 'ACCC' });
      await intake.putPending('ten_a', transfer('a3'));
      // Stale waiting messages no longer count.
      clock.advance(1000);
      await intake.putPending('ten_a', transfer('a4'));
      await intake.putPending('ten_a', transfer('a5'));
      expect(await intake.getPending('ten_a', 'a2')).toBeUndefined();
      expect(await intake.getPending('ten_a', 'a1')).toMatchObject({ completedBy: 'm1' });
    });

    it("keeps a tenant's own latest evaluations past its bound, and only its own", async () => {
      const intake = await open(fixedClock(0));
      await intake.putEvaluation('ten_b', evaluation('mb', 'eb'));
      for (const i of [1, 2, 3]) await intake.putEvaluation('ten_a', evaluation(`m${i}`, `e${i}`));
      expect(await intake.getEvaluation('ten_a', 'm1')).toBeUndefined();
      expect((await intake.getEvaluation('ten_a', 'm3'))?.eventId).toBe('evt-m3');
      expect((await intake.getEvaluation('ten_b', 'mb'))?.eventId).toBe('evt-mb');
      expect(await intake.getEvaluation('ten_b', 'm3')).toBeUndefined();
    });
  });
}

const drivers: SqlDriver[] = [];
let lastDb: SqlDriver | undefined;

/** The SQL adapters read their stored JSON back through its schema: an edited row is named, not passed on. */
function storedRows(name: string, open: () => Promise<IsoIntake>): void {
  it(`${name}: a stored transfer or evaluation that no longer fits its schema fails where it is read`, async () => {
    const intake = await open();
    const db = lastDb as SqlDriver;
    await intake.putPending('ten_a', transfer('a1'));
    await intake.putEvaluation('ten_a', evaluation('m1', 'a1'));
    expect(await intake.getPending('ten_a', 'a1')).toEqual({ transfer: transfer('a1') });
    expect(await intake.getEvaluation('ten_a', 'm1')).toEqual(evaluation('m1', 'a1'));
    const noOutcome = { ...evaluation('m1', 'a1'), decision: { ...evaluation('m1', 'a1').decision, outcome: 'maybe' } };
    await db.run('UPDATE iso_evaluations SET body = ? WHERE msg_id = ?', [JSON.stringify(noOutcome), 'm1']);
    await expect(intake.getEvaluation('ten_a', 'm1')).rejects.toMatchObject({
      name: 'RowShapeError',
      message: expect.stringContaining('iso_evaluations.body') as unknown,
    });
    await db.run('UPDATE iso_pending SET transfer = ? WHERE end_to_end_id = ?', ['{"endToEndId":"a1"', 'a1']);
    const broken = await intake.getPending('ten_a', 'a1').catch((e: unknown) => e);
    expect(broken).toMatchObject({ name: 'RowShapeError', message: expect.stringContaining('iso_pending.transfer') });
    expect((broken as Error).cause, 'the parse error is kept').toBeInstanceOf(SyntaxError);
  });
}
afterAll(async () => {
  for (const d of drivers) await d.close();
});

async function onSql(db: SqlDriver, clock: ReturnType<typeof fixedClock>): Promise<IsoIntake> {
  drivers.push(db);
  lastDb = db;
  const tables = isoIntakeTables(db);
  await tables.migrate();
  await tables.migrate(); // idempotent
  return tables.open(clock, limits);
}

contract('memory', async (clock) => new IsoIntakeMemory(limits, clock));
const onSqlite = (clock: ReturnType<typeof fixedClock>) =>
  onSql(sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-iso-')), 'zhili.db')), clock);
contract('SQLite', onSqlite);
describe('ISO 20022 intake: stored rows', () => {
  storedRows('SQLite', () => onSqlite(fixedClock(0)));
});

if (await postgresAvailable()) {
  const schemas: string[] = [];
  const onPostgres = (clock: ReturnType<typeof fixedClock>) => {
    const schema = uniqueSchema('zhili_iso');
    schemas.push(schema);
    return onSql(postgresDriver(pgUrl, schema), clock);
  };
  contract('PostgreSQL', onPostgres);
  describe('ISO 20022 intake: stored rows', () => {
    storedRows('PostgreSQL', () => onPostgres(fixedClock(0)));
  });
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });
} else {
  describe.skip('ISO 20022 intake: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
