import type pg from 'pg';
import { ZhiliError } from '../../kernel/index.ts';
import type { Store } from '../port.ts';
import type { OutboxRow, RuleSetEventRecord, RuleSetRecord, RuleSetStatus, RuleSetTransition } from '../records.ts';
import { OUTBOX_INSERT_PG } from '../outbox-row.ts';
import { ruleSetStatuses } from '../records.ts';
import { rowOf } from '../row-decode.ts';
import { ruleSetEventFromRow as eventFromRow } from '../record-rows.ts';

type Row = Record<string, unknown>;
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;
type Tx = <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>;

const ruleSetFromRow = (row: Row): RuleSetRecord => {
  const r = rowOf(row, 'rule_sets');
  return {
    tenantId: r.str('tenant_id'),
    version: r.str('version'),
    content: row.content, // JSONB: pg has parsed it already; any JSON value is a valid content
    createdAt: r.int('created_at'),
    createdBy: r.str('created_by'),
    active: r.bool('active'),
    status: r.oneOf('status', ruleSetStatuses),
    shadow: r.bool('shadow'),
  };
};

const isUniqueViolation = (e: unknown): boolean => e instanceof Error && 'code' in e && e.code === '23505';

type RuleSetMethods = Pick<
  Store,
  | 'putRuleSet'
  | 'getActiveRuleSet'
  | 'listRuleSets'
  | 'getRuleSet'
  | 'getShadowRuleSet'
  | 'transitionRuleSet'
  | 'listRuleSetEvents'
>;

async function logEvent(c: pg.PoolClient, e: RuleSetEventRecord): Promise<void> {
  await c.query(
    `INSERT INTO rule_set_events (tenant_id, version, action, from_status, to_status, actor_id, at, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [e.tenantId, e.version, e.action, e.fromStatus, e.toStatus, e.actorId, e.at, e.note ?? null],
  );
}

/** The tenant's active version (other than `version`) becomes superseded. */
async function supersede(c: pg.PoolClient, tenantId: string, version: string, actorId: string, at: number) {
  const prev = (
    await c.query(
      `UPDATE rule_sets r SET active = false, status = 'superseded' FROM rule_sets o
       WHERE r.tenant_id = $1 AND r.active AND r.version <> $2 AND o.tenant_id = r.tenant_id AND o.version = r.version
       RETURNING r.version, o.status AS old_status`,
      [tenantId, version],
    )
  ).rows as Row[];
  for (const row of prev) {
    const p = rowOf(row, 'rule_sets');
    await logEvent(c, {
      tenantId,
      version: p.str('version'),
      action: 'supersede',
      fromStatus: p.oneOf('old_status', ruleSetStatuses),
      toStatus: 'superseded',
      actorId,
      at,
      note: `by ${version}`,
    });
  }
}

const insertOutbox = async (c: pg.PoolClient, o: OutboxRow): Promise<void> => {
  await c.query(OUTBOX_INSERT_PG, [o.tenantId, o.entry, o.createdAt]);
};

/** Rule-set versions, their lifecycle status and history (migration 2) on PostgreSQL. */
export function postgresRuleSets(q: Query, tx: Tx): RuleSetMethods {
  return {
    async putRuleSet(r, outbox) {
      const status: RuleSetStatus = r.active ? 'active' : (r.status ?? 'draft');
      await tx(async (c) => {
        if (outbox) await insertOutbox(c, outbox);
        if (r.active) await supersede(c, r.tenantId, r.version, r.createdBy, r.createdAt);
        await c.query(
          `INSERT INTO rule_sets (tenant_id, version, content, created_at, created_by, active, status, shadow)
           VALUES ($1, $2, $3, $4, $5, $6, $7, false)`,
          [r.tenantId, r.version, JSON.stringify(r.content), r.createdAt, r.createdBy, r.active, status],
        );
        await logEvent(c, {
          tenantId: r.tenantId,
          version: r.version,
          action: 'create',
          fromStatus: null,
          toStatus: status,
          actorId: r.createdBy,
          at: r.createdAt,
        });
      }).catch((e: unknown) => {
        if (isUniqueViolation(e)) throw new ZhiliError('ZHILI_E_CONFLICT', { pointer: '/version', cause: e });
        throw e;
      });
    },
    async getActiveRuleSet(tenantId) {
      const [r] = await q('SELECT * FROM rule_sets WHERE tenant_id = $1 AND active', [tenantId]);
      return r ? ruleSetFromRow(r) : undefined;
    },
    async getShadowRuleSet(tenantId) {
      const [r] = await q('SELECT * FROM rule_sets WHERE tenant_id = $1 AND shadow', [tenantId]);
      return r ? ruleSetFromRow(r) : undefined;
    },
    async listRuleSets(tenantId) {
      return (await q('SELECT * FROM rule_sets WHERE tenant_id = $1 ORDER BY created_at, version', [tenantId])).map(
        ruleSetFromRow,
      );
    },
    async getRuleSet(tenantId, version) {
      const [r] = await q('SELECT * FROM rule_sets WHERE tenant_id = $1 AND version = $2', [tenantId, version]);
      return r ? ruleSetFromRow(r) : undefined;
    },
    async transitionRuleSet(t: RuleSetTransition) {
      return tx(async (c) => {
        // Lock the tenant's versions: concurrent steps on one tenant are applied one after the other.
        const rows = (
          await c.query('SELECT * FROM rule_sets WHERE tenant_id = $1 ORDER BY version FOR UPDATE', [t.tenantId])
        ).rows as Row[];
        const row = rows.find((r) => r.version === t.version);
        if (!row) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/version' });
        const cur = ruleSetFromRow(row);
        const from = cur.status as RuleSetStatus;
        if (!t.from.includes(from)) {
          throw new ZhiliError('ZHILI_E_RULESET_TRANSITION', {
            message: `Version ${t.version} is ${from}; ${t.action} needs ${t.from.join(' or ')}.`,
            messageZh: `版本 ${t.version} 当前为 ${from} 状态，${t.action} 要求 ${t.from.join(' 或 ')} 状态。`,
          });
        }
        const active = t.to === 'active';
        if (active) await supersede(c, t.tenantId, t.version, t.actorId, t.at);
        const shadow = active ? false : (t.shadow ?? cur.shadow === true);
        if (shadow && !cur.shadow) {
          await c.query('UPDATE rule_sets SET shadow = false WHERE tenant_id = $1 AND version <> $2', [
            t.tenantId,
            t.version,
          ]);
        }
        const [updated] = (
          await c.query(
            'UPDATE rule_sets SET status = $1, active = $2, shadow = $3 WHERE tenant_id = $4 AND version = $5 RETURNING *',
            [t.to, active, shadow, t.tenantId, t.version],
          )
        ).rows as Row[];
        await logEvent(c, {
          tenantId: t.tenantId,
          version: t.version,
          action: t.action,
          fromStatus: from,
          toStatus: t.to,
          actorId: t.actorId,
          at: t.at,
          ...(t.note === undefined ? {} : { note: t.note }),
        });
        if (t.outbox) await insertOutbox(c, t.outbox);
        return ruleSetFromRow(updated as Row);
      });
    },
    async listRuleSetEvents(tenantId, version) {
      const rows =
        version === undefined
          ? await q('SELECT * FROM rule_set_events WHERE tenant_id = $1 ORDER BY id', [tenantId])
          : await q('SELECT * FROM rule_set_events WHERE tenant_id = $1 AND version = $2 ORDER BY id', [
              tenantId,
              version,
            ]);
      return rows.map(eventFromRow);
    },
  };
}
