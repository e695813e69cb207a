import type Database from 'better-sqlite3';
import { ZhiliError } from '../../kernel/index.ts';
import type { Store } from '../port.ts';
import type { OutboxRow, RuleSetEventRecord, RuleSetRecord, RuleSetStatus, RuleSetTransition } from '../records.ts';
import { OUTBOX_INSERT } from '../outbox-row.ts';
import { ruleSetStatuses } from '../records.ts';
import { rowOf } from '../row-decode.ts';
import { ruleSetEventFromRow as eventFromRow } from '../record-rows.ts';
import { Type } from '@sinclair/typebox';

type Row = Record<string, unknown>;

const ruleSetFromRow = (row: Row): RuleSetRecord => {
  const r = rowOf(row, 'rule_sets');
  return {
    tenantId: r.str('tenant_id'),
    version: r.str('version'),
    content: r.json('content', Type.Unknown()),
    createdAt: r.int('created_at'),
    createdBy: r.str('created_by'),
    active: r.bool('active'),
    status: r.oneOf('status', ruleSetStatuses),
    shadow: r.bool('shadow'),
  };
};

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && 'code' in e && String(e.code).startsWith('SQLITE_CONSTRAINT');
}

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

/** Rule-set versions, their lifecycle status and history (migration 2) on SQLite. */
export function sqliteRuleSets(db: Database.Database): RuleSetMethods {
  const insertOutbox = (o: OutboxRow): void => {
    db.prepare(OUTBOX_INSERT).run(o.tenantId, o.entry, o.createdAt);
  };
  const logEvent = (e: RuleSetEventRecord): void => {
    db.prepare(
      `INSERT INTO rule_set_events (tenant_id, version, action, from_status, to_status, actor_id, at, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.tenantId, e.version, e.action, e.fromStatus, e.toStatus, e.actorId, e.at, e.note ?? null);
  };
  const get = (tenantId: string, version: string): RuleSetRecord | undefined => {
    const r = db.prepare('SELECT * FROM rule_sets WHERE tenant_id = ? AND version = ?').get(tenantId, version) as
      Row | undefined;
    return r ? ruleSetFromRow(r) : undefined;
  };
  /** The tenant's active version (other than `version`) becomes superseded. */
  const supersede = (tenantId: string, version: string, actorId: string, at: number): void => {
    const prev = db
      .prepare('SELECT version, status FROM rule_sets WHERE tenant_id = ? AND active = 1 AND version <> ?')
      .all(tenantId, version) as Row[];
    for (const row of prev) {
      const p = rowOf(row, 'rule_sets');
      const prevVersion = p.str('version');
      db.prepare("UPDATE rule_sets SET active = 0, status = 'superseded' WHERE tenant_id = ? AND version = ?").run(
        tenantId,
        prevVersion,
      );
      logEvent({
        tenantId,
        version: prevVersion,
        action: 'supersede',
        fromStatus: p.oneOf('status', ruleSetStatuses),
        toStatus: 'superseded',
        actorId,
        at,
        note: `by ${version}`,
      });
    }
  };

  const putTx = db.transaction((r: RuleSetRecord, outbox: OutboxRow | undefined) => {
    if (outbox) insertOutbox(outbox);
    const status: RuleSetStatus = r.active ? 'active' : (r.status ?? 'draft');
    if (r.active) supersede(r.tenantId, r.version, r.createdBy, r.createdAt);
    db.prepare(
      'INSERT INTO rule_sets (tenant_id, version, content, created_at, created_by, active, status, shadow) VALUES (?, ?, ?, ?, ?, ?, ?, 0)',
    ).run(r.tenantId, r.version, JSON.stringify(r.content), r.createdAt, r.createdBy, r.active ? 1 : 0, status);
    logEvent({
      tenantId: r.tenantId,
      version: r.version,
      action: 'create',
      fromStatus: null,
      toStatus: status,
      actorId: r.createdBy,
      at: r.createdAt,
    });
  });

  const transitionTx = db.transaction((t: RuleSetTransition): RuleSetRecord => {
    const cur = get(t.tenantId, t.version);
    if (!cur) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/version' });
    const from = cur.status as RuleSetStatus;
    if (!t.from.includes(from)) {
      throw new ZhiliError('ZHILI_E_RULESET_TRANSITION', {
        message: `Version ${t.version} is ${from}; ${t.action} needs ${t.from.join(' or ')}.`,
        messageZh: `版本 ${t.version} 当前为 ${from} 状态，${t.action} 要求 ${t.from.join(' 或 ')} 状态。`,
      });
    }
    const active = t.to === 'active';
    if (active) supersede(t.tenantId, t.version, t.actorId, t.at);
    let shadow = cur.shadow === true;
    if (active) shadow = false;
    else if (t.shadow !== undefined) shadow = t.shadow;
    if (shadow && !cur.shadow) {
      db.prepare('UPDATE rule_sets SET shadow = 0 WHERE tenant_id = ? AND version <> ?').run(t.tenantId, t.version);
    }
    db.prepare('UPDATE rule_sets SET status = ?, active = ?, shadow = ? WHERE tenant_id = ? AND version = ?').run(
      t.to,
      active ? 1 : 0,
      shadow ? 1 : 0,
      t.tenantId,
      t.version,
    );
    logEvent({
      tenantId: t.tenantId,
      version: t.version,
      action: t.action,
      fromStatus: from,
      toStatus: t.to,
      actorId: t.actorId,
      at: t.at,
      ...(t.note === undefined ? {} : { note: t.note }),
    });
    if (t.outbox) insertOutbox(t.outbox);
    return get(t.tenantId, t.version) as RuleSetRecord;
  });

  return {
    async putRuleSet(r, outbox) {
      try {
        putTx.immediate(r, outbox);
      } catch (e) {
        if (isUniqueViolation(e)) throw new ZhiliError('ZHILI_E_CONFLICT', { pointer: '/version', cause: e });
        throw e;
      }
    },
    async getActiveRuleSet(tenantId) {
      const r = db.prepare('SELECT * FROM rule_sets WHERE tenant_id = ? AND active = 1').get(tenantId) as
        Row | undefined;
      return r ? ruleSetFromRow(r) : undefined;
    },
    async getShadowRuleSet(tenantId) {
      const r = db.prepare('SELECT * FROM rule_sets WHERE tenant_id = ? AND shadow = 1').get(tenantId) as
        Row | undefined;
      return r ? ruleSetFromRow(r) : undefined;
    },
    async listRuleSets(tenantId) {
      return (
        db.prepare('SELECT * FROM rule_sets WHERE tenant_id = ? ORDER BY created_at, version').all(tenantId) as Row[]
      ).map(ruleSetFromRow);
    },
    async getRuleSet(tenantId, version) {
      return get(tenantId, version);
    },
    async transitionRuleSet(t) {
      return transitionTx.immediate(t);
    },
    async listRuleSetEvents(tenantId, version) {
      const rows = (
        version === undefined
          ? db.prepare('SELECT * FROM rule_set_events WHERE tenant_id = ? ORDER BY id').all(tenantId)
          : db
              .prepare('SELECT * FROM rule_set_events WHERE tenant_id = ? AND version = ? ORDER BY id')
              .all(tenantId, version)
      ) as Row[];
      return rows.map(eventFromRow);
    },
  };
}
