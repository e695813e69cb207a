/**
 * The key holder's and the registry's stores on the shared SqlDriver (SQLite file or PostgreSQL
 * schema). Deployed apart: each service opens its own database, so neither store ever holds what the
 * other knows (the registry has tokens, never blinded elements or keys; the key holder has neither).
 */
import { isUniqueViolation, rowOf, type Row, type SqlDriver, type SqlExec } from '../../store/index.ts';
import { windowStart, type Quota, type TokenBalance } from './core/policy.ts';
import type {
  Admission,
  AuditFilter,
  EvaluationRecord,
  KeyHolderStore,
  LoanOutcome,
  QueryRecord,
  RegistryStore,
} from './store.ts';

const big = (d: SqlDriver): string => (d.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT');

const seenTable = (d: SqlDriver): string => `
CREATE TABLE IF NOT EXISTS ml_seen_requests (
  platform_id TEXT NOT NULL, request_id TEXT NOT NULL, at ${big(d)} NOT NULL,
  PRIMARY KEY (platform_id, request_id));
CREATE INDEX IF NOT EXISTS ml_seen_requests_at ON ml_seen_requests (at);`;

/** False when the request id was seen before: the caller refuses the request as a replay. */
async function remember(x: SqlExec, platformId: string, requestId: string, at: number): Promise<boolean> {
  try {
    await x.run('INSERT INTO ml_seen_requests (platform_id, request_id, at) VALUES (?, ?, ?)', [
      platformId,
      requestId,
      at,
    ]);
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

const auditWhere = (f: AuditFilter): { sql: string; params: unknown[] } => {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.platformId !== undefined) {
    clauses.push('platform_id = ?');
    params.push(f.platformId);
  }
  if (f.from !== undefined) {
    clauses.push('at >= ?');
    params.push(f.from);
  }
  if (f.to !== undefined) {
    clauses.push('at < ?');
    params.push(f.to);
  }
  params.push(Math.min(f.limit ?? 100, 1000));
  return { sql: `${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ?`, params };
};

class QuotaRefused extends Error {
  constructor(readonly quota: Quota) {
    super('quota refused');
  }
}

const evaluationOf = (r: Row): EvaluationRecord => {
  const x = rowOf(r, 'ml_evaluations');
  const app = x.optStr('application_event_id');
  return {
    id: x.str('id'),
    platformId: x.str('platform_id'),
    requestId: x.str('request_id'),
    at: x.int('at'),
    count: x.int('count'),
    purpose: x.oneOf('purpose', ['register', 'query'] as const),
    ...(app === null ? {} : { applicationEventId: app }),
    blindedDigest: x.str('blinded_digest'),
    outcome: x.oneOf('outcome', ['evaluated', 'refused_quota'] as const),
  };
};

export function sqlKeyHolderStore(d: SqlDriver): KeyHolderStore {
  const record = (x: SqlExec, e: EvaluationRecord) =>
    x.run(
      `INSERT INTO ml_evaluations (id, platform_id, request_id, at, count, purpose, application_event_id, blinded_digest, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        e.id,
        e.platformId,
        e.requestId,
        e.at,
        e.count,
        e.purpose,
        e.applicationEventId ?? null,
        e.blindedDigest,
        e.outcome,
      ],
    );
  return {
    migrate: () =>
      d.exec(`${seenTable(d)}
CREATE TABLE IF NOT EXISTS ml_quota_use (
  platform_id TEXT NOT NULL, window_ms ${big(d)} NOT NULL, window_start ${big(d)} NOT NULL, used ${big(d)} NOT NULL,
  PRIMARY KEY (platform_id, window_ms, window_start));
CREATE TABLE IF NOT EXISTS ml_evaluations (
  id TEXT PRIMARY KEY, platform_id TEXT NOT NULL, request_id TEXT NOT NULL, at ${big(d)} NOT NULL,
  count INT NOT NULL, purpose TEXT NOT NULL, application_event_id TEXT, blinded_digest TEXT NOT NULL,
  outcome TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ml_evaluations_platform_at ON ml_evaluations (platform_id, at);`),
    close: async () => undefined, // the driver's owner closes it
    async admit(e, quotas): Promise<Admission> {
      try {
        return await d.tx(async (x) => {
          if (!(await remember(x, e.platformId, e.requestId, e.at))) return { ok: false, reason: 'replayed' };
          for (const q of quotas) {
            const start = windowStart(e.at, q.windowMs);
            await x.run(
              `INSERT INTO ml_quota_use (platform_id, window_ms, window_start, used) VALUES (?, ?, ?, 0)
               ON CONFLICT (platform_id, window_ms, window_start) DO NOTHING`,
              [e.platformId, q.windowMs, start],
            );
            // One guarded update per window: concurrent requests cannot both pass on PostgreSQL either.
            const n = await x.run(
              `UPDATE ml_quota_use SET used = used + ?
               WHERE platform_id = ? AND window_ms = ? AND window_start = ? AND used + ? <= ?`,
              [e.count, e.platformId, q.windowMs, start, e.count, q.max],
            );
            if (n !== 1) throw new QuotaRefused(q);
          }
          await record(x, e);
          return { ok: true } as const;
        });
      } catch (err) {
        if (!(err instanceof QuotaRefused)) throw err;
        // The quota updates rolled back; the refusal itself is kept (and its request id, so it is not retried as is).
        await d.tx(async (x) => {
          if (await remember(x, e.platformId, e.requestId, e.at)) await record(x, { ...e, outcome: 'refused_quota' });
        });
        return { ok: false, reason: 'limited', quota: err.quota };
      }
    },
    async evaluations(f) {
      const w = auditWhere(f);
      return (await d.all(`SELECT * FROM ml_evaluations ${w.sql}`, w.params)).map(evaluationOf);
    },
    async prune(before) {
      const n = await d.run('DELETE FROM ml_seen_requests WHERE at < ?', [before]);
      await d.run('DELETE FROM ml_quota_use WHERE window_start + window_ms < ?', [before]);
      return n;
    },
  };
}

const queryOf = (r: Row): QueryRecord => {
  const x = rowOf(r, 'ml_queries');
  const app = x.optStr('application_event_id');
  return {
    id: x.str('id'),
    platformId: x.str('platform_id'),
    requestId: x.str('request_id'),
    at: x.int('at'),
    tokenDigest: x.str('token_digest'),
    ...(app === null ? {} : { applicationEventId: app }),
    platforms: x.int('platforms'),
  };
};

export function sqlRegistryStore(d: SqlDriver): RegistryStore {
  return {
    migrate: () =>
      d.exec(`${seenTable(d)}
CREATE TABLE IF NOT EXISTS ml_loans (
  platform_id TEXT NOT NULL, loan_ref TEXT NOT NULL, token TEXT NOT NULL, currency TEXT NOT NULL,
  outstanding_minor ${big(d)} NOT NULL, settled INT NOT NULL, as_of ${big(d)} NOT NULL, updated_at ${big(d)} NOT NULL,
  PRIMARY KEY (platform_id, loan_ref));
CREATE INDEX IF NOT EXISTS ml_loans_token ON ml_loans (token);
CREATE TABLE IF NOT EXISTS ml_registrations (
  platform_id TEXT NOT NULL, request_id TEXT NOT NULL, at ${big(d)} NOT NULL, count INT NOT NULL,
  PRIMARY KEY (platform_id, request_id));
CREATE TABLE IF NOT EXISTS ml_queries (
  id TEXT PRIMARY KEY, platform_id TEXT NOT NULL, request_id TEXT NOT NULL, at ${big(d)} NOT NULL,
  token_digest TEXT NOT NULL, application_event_id TEXT, platforms INT NOT NULL);
CREATE INDEX IF NOT EXISTS ml_queries_platform_at ON ml_queries (platform_id, at);
CREATE INDEX IF NOT EXISTS ml_queries_token ON ml_queries (token_digest);`),
    close: async () => undefined, // the driver's owner closes it
    putLoans: (p) =>
      d.tx(async (x) => {
        if (!(await remember(x, p.platformId, p.requestId, p.at))) return 'replayed' as const;
        const out: LoanOutcome[] = [];
        for (const l of p.loans) {
          const n = await x.run(
            `INSERT INTO ml_loans (platform_id, loan_ref, token, currency, outstanding_minor, settled, as_of, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (platform_id, loan_ref) DO UPDATE SET currency = excluded.currency,
               outstanding_minor = excluded.outstanding_minor, settled = excluded.settled, as_of = excluded.as_of,
               updated_at = excluded.updated_at
             WHERE ml_loans.token = excluded.token AND ml_loans.as_of <= excluded.as_of`,
            [
              p.platformId,
              l.loanRef,
              l.token,
              l.currency,
              l.settled ? 0 : l.outstandingMinor,
              l.settled ? 1 : 0,
              l.asOf,
              p.at,
            ],
          );
          if (n === 1) {
            out.push('stored');
            continue;
          }
          const [row] = await x.all('SELECT token FROM ml_loans WHERE platform_id = ? AND loan_ref = ?', [
            p.platformId,
            l.loanRef,
          ]);
          out.push(row && row.token !== l.token ? 'conflict' : 'stale');
        }
        await x.run('INSERT INTO ml_registrations (platform_id, request_id, at, count) VALUES (?, ?, ?, ?)', [
          p.platformId,
          p.requestId,
          p.at,
          p.loans.length,
        ]);
        return out;
      }),
    query: (q, answer) =>
      d.tx(async (x) => {
        if (!(await remember(x, q.platformId, q.requestId, q.at))) return 'replayed' as const;
        const rows = await x.all(
          `SELECT platform_id, currency, SUM(outstanding_minor) AS outstanding FROM ml_loans
           WHERE token = ? AND settled = 0 GROUP BY platform_id, currency`,
          [q.token],
        );
        const balances: TokenBalance[] = rows.map((r) => {
          const y = rowOf(r, 'ml_loans');
          return {
            platformId: y.str('platform_id'),
            currency: y.str('currency'),
            outstandingMinor: y.int('outstanding'),
          };
        });
        const result = answer(balances);
        await x.run(
          `INSERT INTO ml_queries (id, platform_id, request_id, at, token_digest, application_event_id, platforms)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [q.id, q.platformId, q.requestId, q.at, q.tokenDigest, q.applicationEventId ?? null, result.platforms],
        );
        return result;
      }),
    async queries(f) {
      const w = auditWhere(f);
      return (await d.all(`SELECT * FROM ml_queries ${w.sql}`, w.params)).map(queryOf);
    },
    prune: (before) => d.run('DELETE FROM ml_seen_requests WHERE at < ?', [before]),
  };
}
