/**
 * Stored scorecards per tenant and the history of their life cycle, next to the main store's tables
 * (the same SQLite file or PostgreSQL schema), on the shared SqlDriver. A transition is one guarded
 * update with its history row in one transaction; activating supersedes the tenant's active card.
 */
import { ZhiliError } from '../kernel/index.ts';
import { isUniqueViolation, rowOf, type Row, type SqlDriver, type SqlExec } from '../store/index.ts';
import { ScorecardSchema, type Scorecard } from './core/scorecard.ts';
import { monitorSchema, sqlMonitorStore, type MonitorStore } from './monitor-store.ts';

export const scorecardStatuses = ['draft', 'submitted', 'approved', 'active', 'superseded', 'rejected'] as const;
export type ScorecardStatus = (typeof scorecardStatuses)[number];

export interface StoredScorecard {
  tenantId: string;
  version: string;
  name: string;
  status: ScorecardStatus;
  shadow: boolean;
  card: Scorecard;
  createdAt: number;
  createdBy: string;
}

export interface ScorecardEvent {
  action: string;
  fromStatus: string;
  toStatus: string;
  actorId: string;
  at: number;
  note?: string;
}

export interface ScorecardTransition {
  tenantId: string;
  version: string;
  action: string;
  from: readonly ScorecardStatus[];
  to: ScorecardStatus;
  actorId: string;
  at: number;
  note?: string;
  shadow?: boolean;
}

export interface CreditStore extends MonitorStore {
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A new draft; ZHILI_E_CONFLICT when the version is stored already. */
  put(s: StoredScorecard): Promise<void>;
  get(tenantId: string, version: string): Promise<StoredScorecard | undefined>;
  /** The tenant's cards, newest first, without their content. */
  list(tenantId: string): Promise<Omit<StoredScorecard, 'card'>[]>;
  history(tenantId: string, version: string): Promise<ScorecardEvent[]>;
  transition(t: ScorecardTransition): Promise<StoredScorecard>;
  /** Every tenant's active and shadow cards (loaded at start). */
  live(): Promise<StoredScorecard[]>;
  /** `tenant/version/status/shadow` of every live card, sorted: cheap enough to poll. */
  liveKeys(): Promise<string>;
}

const schema = (dialect: 'sqlite' | 'postgres'): string => {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE IF NOT EXISTS credit_scorecards (
  tenant_id TEXT NOT NULL, version TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  shadow INT NOT NULL, content TEXT NOT NULL, created_at ${big} NOT NULL, created_by TEXT NOT NULL,
  PRIMARY KEY (tenant_id, version));
CREATE TABLE IF NOT EXISTS credit_scorecard_events (
  tenant_id TEXT NOT NULL, version TEXT NOT NULL, seq INT NOT NULL, action TEXT NOT NULL,
  from_status TEXT NOT NULL, to_status TEXT NOT NULL, actor_id TEXT NOT NULL, at ${big} NOT NULL,
  note TEXT, PRIMARY KEY (tenant_id, version, seq));`;
};

// Rows are read through rowOf: a row edited to a wrong shape (a card that no longer fits its schema)
// fails where it is read, naming the column, instead of scoring with it.
const meta = (row: Row): Omit<StoredScorecard, 'card'> => {
  const r = rowOf(row, 'credit_scorecards');
  return {
    tenantId: r.str('tenant_id'),
    version: r.str('version'),
    name: r.str('name'),
    status: r.oneOf('status', scorecardStatuses),
    shadow: r.bool('shadow'),
    createdAt: r.int('created_at'),
    createdBy: r.str('created_by'),
  };
};
const full = (r: Row): StoredScorecard => ({
  ...meta(r),
  card: rowOf(r, 'credit_scorecards').json('content', ScorecardSchema),
});

async function logEvent(x: SqlExec, t: ScorecardTransition, fromStatus: string): Promise<void> {
  const [top] = await x.all(
    'SELECT COALESCE(MAX(seq), 0) AS n FROM credit_scorecard_events WHERE tenant_id = ? AND version = ?',
    [t.tenantId, t.version],
  );
  await x.run(
    `INSERT INTO credit_scorecard_events (tenant_id, version, seq, action, from_status, to_status, actor_id, at, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [t.tenantId, t.version, Number(top?.n ?? 0) + 1, t.action, fromStatus, t.to, t.actorId, t.at, t.note ?? null],
  );
}

export function sqlCreditStore(d: SqlDriver): CreditStore {
  const get = async (x: SqlExec, tenantId: string, version: string) =>
    (await x.all('SELECT * FROM credit_scorecards WHERE tenant_id = ? AND version = ?', [tenantId, version]))[0];
  return {
    ...sqlMonitorStore(d),
    migrate: () => d.exec(schema(d.dialect) + monitorSchema(d.dialect)),
    close: async () => undefined, // the driver is shared; its owner closes it
    async put(s) {
      try {
        await d.tx(async (x) => {
          await x.run(
            `INSERT INTO credit_scorecards (tenant_id, version, name, status, shadow, content, created_at, created_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            [s.tenantId, s.version, s.name, s.status, 0, JSON.stringify(s.card), s.createdAt, s.createdBy],
          );
          const t = { ...s, action: 'create', from: [], to: s.status, actorId: s.createdBy, at: s.createdAt };
          await logEvent(x, t, '');
        });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        throw new ZhiliError('ZHILI_E_CONFLICT', { pointer: '/scorecard/version' });
      }
    },
    async get(tenantId, version) {
      const r = await get(d, tenantId, version);
      return r && full(r);
    },
    async list(tenantId) {
      const rows = await d.all(
        'SELECT tenant_id, version, name, status, shadow, created_at, created_by FROM credit_scorecards WHERE tenant_id = ? ORDER BY created_at DESC, version DESC',
        [tenantId],
      );
      return rows.map(meta);
    },
    async history(tenantId, version) {
      const rows = await d.all(
        'SELECT * FROM credit_scorecard_events WHERE tenant_id = ? AND version = ? ORDER BY seq',
        [tenantId, version],
      );
      return rows.map((row) => {
        const r = rowOf(row, 'credit_scorecard_events');
        const note = r.optStr('note');
        return {
          action: r.str('action'),
          fromStatus: r.str('from_status'),
          toStatus: r.str('to_status'),
          actorId: r.str('actor_id'),
          at: r.int('at'),
          ...(note === null ? {} : { note }),
        };
      });
    },
    transition: (t) =>
      d.tx(async (x) => {
        const r = await get(x, t.tenantId, t.version);
        if (!r) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/version' });
        const from = rowOf(r, 'credit_scorecards').oneOf('status', scorecardStatuses);
        if (!t.from.includes(from))
          throw new ZhiliError('ZHILI_E_CONFLICT', {
            message: `Scorecard ${t.version} is ${from}; ${t.action} needs ${t.from.join(' or ')}.`,
            messageZh: `评分卡 ${t.version} 当前为 ${from} 状态，${t.action} 要求 ${t.from.join(' 或 ')} 状态。`,
          });
        const active = t.to === 'active';
        if (active) {
          const cur = await x.all("SELECT version FROM credit_scorecards WHERE tenant_id = ? AND status = 'active'", [
            t.tenantId,
          ]);
          for (const c of cur) {
            if (String(c.version) === t.version) continue;
            await x.run("UPDATE credit_scorecards SET status = 'superseded' WHERE tenant_id = ? AND version = ?", [
              t.tenantId,
              c.version,
            ]);
            const sup = { ...t, version: String(c.version), action: 'supersede', to: 'superseded' as const };
            await logEvent(x, sup, 'active');
          }
        }
        const shadow = active ? false : (t.shadow ?? rowOf(r, 'credit_scorecards').bool('shadow'));
        if (shadow) await x.run('UPDATE credit_scorecards SET shadow = 0 WHERE tenant_id = ?', [t.tenantId]);
        await x.run('UPDATE credit_scorecards SET status = ?, shadow = ? WHERE tenant_id = ? AND version = ?', [
          t.to,
          shadow ? 1 : 0,
          t.tenantId,
          t.version,
        ]);
        await logEvent(x, t, from);
        return full((await get(x, t.tenantId, t.version))!);
      }),
    async live() {
      const rows = await d.all("SELECT * FROM credit_scorecards WHERE status = 'active' OR shadow = 1");
      return rows.map(full);
    },
    async liveKeys() {
      const rows = await d.all(
        "SELECT tenant_id, version, status, shadow FROM credit_scorecards WHERE status = 'active' OR shadow = 1 ORDER BY tenant_id, version",
      );
      return rows
        .map((r) => `${String(r.tenant_id)}/${String(r.version)}/${String(r.status)}/${String(r.shadow)}`)
        .join(',');
    },
  };
}
