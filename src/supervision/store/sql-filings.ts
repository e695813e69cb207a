/** The hub store's filings, disclosures, report files, exit plans and sign-in throttle (both dialects). */
import { Type } from '@sinclair/typebox';
import { rowOf, type Row, type SqlDriver } from '../../store/index.ts';
import type { ExitPlan } from '../core/exit-plan.ts';
import { ExitPlanSchema, type HubDisclosure } from '../filings/schemas.ts';
import type { HubStore, ReportFileRecord } from './port.ts';
import { writeAudit } from './sql-audit.ts';

type FilingsPart = Pick<
  HubStore,
  | 'putFilings'
  | 'filings'
  | 'lastFilingAt'
  | 'disclosure'
  | 'putDisclosure'
  | 'disclosures'
  | 'requestFile'
  | 'fileRequests'
  | 'putFile'
  | 'reportFile'
  | 'exitPlan'
  | 'putExitPlan'
  | 'loginFailure'
  | 'loginState'
  | 'clearLogin'
>;

const Reasons = Type.Array(Type.Object({ en: Type.String(), zh: Type.String() }));
const states = ['verified', 'pending', 'mismatch'] as const;

const disclosureOf = (row: Row): HubDisclosure => {
  const r = rowOf(row, 'hub_disclosures');
  return {
    platformId: r.str('platform_id'),
    tenantId: r.str('tenant_id'),
    id: r.str('id'),
    period: r.str('period'),
    version: r.int('version'),
    publishedBy: r.str('published_by'),
    publishedAt: r.int('published_at'),
    canonical: r.str('canonical'),
    hash: r.str('hash'),
    computedHash: r.str('computed_hash'),
    state: r.oneOf('state', states),
    reasons: r.json('reasons', Reasons),
    treeSize: r.optInt('tree_size'),
    receivedAt: r.int('received_at'),
  };
};

const fileOf = (row: Row): ReportFileRecord => {
  const r = rowOf(row, 'hub_report_files');
  return {
    platformId: r.str('platform_id'),
    tenantId: r.str('tenant_id'),
    reportId: r.str('report_id'),
    requestedBy: r.str('requested_by'),
    requestedAt: r.int('requested_at'),
    fileName: r.optStr('file_name'),
    sha256: r.optStr('sha256'),
    content: r.optStr('content'),
    receivedAt: r.optInt('received_at'),
  };
};

const throttleOf = (row: Row) => {
  const r = rowOf(row, 'hub_login_throttle');
  return { failures: r.int('failures'), lockedUntil: r.int('locked_until'), lastFailureAt: r.int('last_failure_at') };
};

/** What an exit plan's audit entry records: each item's figure and whether it is closed (not the data's time). */
const planState = (p: ExitPlan | undefined): string =>
  JSON.stringify(p?.items.map((i) => ({ key: i.key, current: i.current, closedAt: i.closedAt })) ?? null);

export function sqlFilings(db: SqlDriver): FilingsPart {
  return {
    putFilings: (platformId, items, at) =>
      db.tx(async (x) => {
        for (const i of items)
          await x.run(
            `INSERT INTO hub_filings (platform_id, kind, item_key, body, received_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (platform_id, kind, item_key) DO UPDATE SET body = excluded.body, received_at = excluded.received_at`,
            [platformId, i.kind, i.key, i.body, at],
          );
      }),
    filings: async (platformId, kind, limit) =>
      (
        await db.all(
          'SELECT item_key, body, received_at FROM hub_filings WHERE platform_id = ? AND kind = ? ORDER BY item_key LIMIT ?',
          [platformId, kind, limit],
        )
      ).map((row) => {
        const r = rowOf(row, 'hub_filings');
        return { key: r.str('item_key'), body: r.str('body'), receivedAt: r.int('received_at') };
      }),
    async lastFilingAt(platformId) {
      const [row] = await db.all('SELECT MAX(received_at) AS at FROM hub_filings WHERE platform_id = ?', [platformId]);
      return row === undefined ? undefined : (rowOf(row, 'hub_filings').optInt('at') ?? undefined);
    },
    async disclosure(platformId, tenantId, id) {
      const [row] = await db.all('SELECT * FROM hub_disclosures WHERE platform_id = ? AND tenant_id = ? AND id = ?', [
        platformId,
        tenantId,
        id,
      ]);
      return row === undefined ? undefined : disclosureOf(row);
    },
    async putDisclosure(d) {
      await db.run(
        `INSERT INTO hub_disclosures (platform_id, tenant_id, id, period, version, published_by, published_at, canonical,
           hash, computed_hash, state, reasons, tree_size, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform_id, tenant_id, id) DO UPDATE SET period = excluded.period, version = excluded.version,
           published_by = excluded.published_by, published_at = excluded.published_at, canonical = excluded.canonical,
           hash = excluded.hash, computed_hash = excluded.computed_hash, state = excluded.state,
           reasons = excluded.reasons, tree_size = excluded.tree_size, received_at = excluded.received_at`,
        [
          d.platformId,
          d.tenantId,
          d.id,
          d.period,
          d.version,
          d.publishedBy,
          d.publishedAt,
          d.canonical,
          d.hash,
          d.computedHash,
          d.state,
          JSON.stringify(d.reasons),
          d.treeSize,
          d.receivedAt,
        ],
      );
    },
    disclosures: async (platformId, limit) =>
      (
        await db.all(
          'SELECT * FROM hub_disclosures WHERE platform_id = ? ORDER BY period DESC, version DESC, id LIMIT ?',
          [platformId, limit],
        )
      ).map(disclosureOf),
    requestFile: (r, audit) =>
      db.tx(async (x) => {
        const [seen] = await x.all(
          'SELECT report_id FROM hub_report_files WHERE platform_id = ? AND tenant_id = ? AND report_id = ?',
          [r.platformId, r.tenantId, r.reportId],
        );
        if (seen) return false;
        await x.run(
          `INSERT INTO hub_report_files (platform_id, tenant_id, report_id, requested_by, requested_at)
           VALUES (?, ?, ?, ?, ?)`,
          [r.platformId, r.tenantId, r.reportId, r.requestedBy, r.requestedAt],
        );
        await writeAudit(x, audit);
        return true;
      }),
    fileRequests: async (platformId) =>
      (
        await db.all(
          `SELECT * FROM hub_report_files WHERE platform_id = ? AND received_at IS NULL ORDER BY requested_at LIMIT 100`,
          [platformId],
        )
      ).map((row) => {
        const f = fileOf(row);
        return { tenantId: f.tenantId, reportId: f.reportId };
      }),
    async putFile(platformId, tenantId, reportId, f, at) {
      const n = await db.run(
        `UPDATE hub_report_files SET file_name = ?, sha256 = ?, content = ?, received_at = ?
         WHERE platform_id = ? AND tenant_id = ? AND report_id = ? AND received_at IS NULL`,
        [f.fileName, f.sha256, f.content, at, platformId, tenantId, reportId],
      );
      return n === 1;
    },
    async reportFile(platformId, tenantId, reportId) {
      const [row] = await db.all(
        'SELECT * FROM hub_report_files WHERE platform_id = ? AND tenant_id = ? AND report_id = ?',
        [platformId, tenantId, reportId],
      );
      return row === undefined ? undefined : fileOf(row);
    },
    async exitPlan(platformId) {
      const [row] = await db.all('SELECT plan FROM hub_exit_plans WHERE platform_id = ?', [platformId]);
      return row === undefined ? undefined : rowOf(row, 'hub_exit_plans').json('plan', ExitPlanSchema);
    },
    putExitPlan: (plan) =>
      db.tx(async (x) => {
        const [row] = await x.all('SELECT plan FROM hub_exit_plans WHERE platform_id = ?', [plan.platformId]);
        const before = row === undefined ? undefined : rowOf(row, 'hub_exit_plans').json('plan', ExitPlanSchema);
        await x.run(
          `INSERT INTO hub_exit_plans (platform_id, plan) VALUES (?, ?)
           ON CONFLICT (platform_id) DO UPDATE SET plan = excluded.plan`,
          [plan.platformId, JSON.stringify(plan)],
        );
        // A change of the plan (opened, an item's figure moved, closed or reopened) goes to the ledger.
        const after = planState(plan);
        if (planState(before) !== after)
          await writeAudit(x, {
            actorId: 'hub',
            action: 'exit_plan.update',
            subjectId: plan.platformId,
            detail: after,
            at: plan.dataAt ?? plan.openedAt,
          });
      }),
    loginFailure: (key, now, forgetBefore, lockMs) =>
      db.tx(async (x) => {
        // One statement counts the failure, so concurrent failures are all counted (the row stays locked).
        await x.run(
          `INSERT INTO hub_login_throttle (throttle_key, failures, locked_until, last_failure_at) VALUES (?, 1, 0, ?)
           ON CONFLICT (throttle_key) DO UPDATE SET
             failures = CASE WHEN hub_login_throttle.last_failure_at >= ? THEN hub_login_throttle.failures + 1 ELSE 1 END,
             last_failure_at = excluded.last_failure_at`,
          [key, now, forgetBefore],
        );
        const [row] = await x.all('SELECT * FROM hub_login_throttle WHERE throttle_key = ?', [key]);
        const counted = throttleOf(row as Row);
        const lock = lockMs(counted.failures);
        const lockedUntil = lock > 0 ? Math.max(now + lock, counted.lockedUntil) : counted.lockedUntil;
        if (lockedUntil !== counted.lockedUntil)
          await x.run('UPDATE hub_login_throttle SET locked_until = ? WHERE throttle_key = ?', [lockedUntil, key]);
        return { ...counted, lockedUntil };
      }),
    async loginState(key) {
      const [row] = await db.all('SELECT * FROM hub_login_throttle WHERE throttle_key = ?', [key]);
      return row === undefined ? undefined : throttleOf(row);
    },
    async clearLogin(key) {
      await db.run('DELETE FROM hub_login_throttle WHERE throttle_key = ?', [key]);
    },
  };
}
