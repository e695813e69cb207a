/**
 * Hub alerts and their handling by supervisors (acknowledge, resolve, four-eyes confirm), both SQL
 * dialects. Handling lives in a table of its own (`hub_alert_handling`), so hub databases made before it
 * existed need no column migration. Each write re-checks the alert's state under a row lock (a no-op
 * UPDATE of the alert), so concurrent supervisors and the hub's own closing cannot both win, and is
 * written with its audit entry (and hub-ledger outbox row) in the same transaction.
 */
import { isUniqueViolation, rowOf, type Row, type SqlDriver, type SqlExec } from '../../store/index.ts';
import type { AlertHandling } from '../core/alert-handling.ts';
import { writeAudit } from './sql-audit.ts';
import type { HandledAlert, HubAlert, HubStore } from './port.ts';

const alertKinds = ['inconsistent', 'unknown_key', 'stale', 'disclosure_mismatch'] as const;
/** Kinds resolved only by a proposal and a second supervisor's confirmation (core/alert-handling.ts). */
const FOUR_EYES_KINDS = "('inconsistent', 'unknown_key')";

const SELECT = `SELECT a.*, h.acknowledged_by, h.acknowledged_at, h.acknowledge_note, h.resolution_proposed_by,
  h.resolution_proposed_at, h.resolution_note, h.resolved_by, h.resolved_at
  FROM hub_alerts a LEFT JOIN hub_alert_handling h ON h.alert_id = a.id`;

const alertOf = (row: Row): HandledAlert => {
  const r = rowOf(row, 'hub_alerts');
  const acknowledgedBy = r.optStr('acknowledged_by');
  const handling: AlertHandling | null =
    acknowledgedBy === null
      ? null
      : {
          acknowledgedBy,
          acknowledgedAt: r.int('acknowledged_at'),
          acknowledgeNote: r.str('acknowledge_note'),
          resolutionProposedBy: r.optStr('resolution_proposed_by'),
          resolutionProposedAt: r.optInt('resolution_proposed_at'),
          resolutionNote: r.optStr('resolution_note'),
          resolvedBy: r.optStr('resolved_by'),
          resolvedAt: r.optInt('resolved_at'),
        };
  return {
    id: r.str('id'),
    platformId: r.str('platform_id'),
    kind: r.oneOf('kind', alertKinds),
    message: r.str('message'),
    messageZh: r.str('message_zh'),
    acceptedCheckpoint: r.optStr('accepted_checkpoint'),
    submittedCheckpoint: r.optStr('submitted_checkpoint'),
    raisedAt: r.int('raised_at'),
    closedAt: r.optInt('closed_at'),
    handling,
  };
};

/** Locks the alert's row if it is still open (and, with `oneStep`, of a kind one supervisor may resolve). */
async function lockOpen(x: SqlExec, id: string, oneStep = false): Promise<boolean> {
  const n = await x.run(
    `UPDATE hub_alerts SET closed_at = closed_at WHERE id = ? AND closed_at IS NULL
     ${oneStep ? `AND kind NOT IN ${FOUR_EYES_KINDS}` : ''}`,
    [id],
  );
  return n === 1;
}

type AlertMethods = Pick<
  HubStore,
  | 'raiseAlert'
  | 'openAlert'
  | 'closeAlerts'
  | 'alerts'
  | 'alert'
  | 'acknowledgeAlert'
  | 'resolveAlert'
  | 'proposeResolution'
  | 'confirmResolution'
  | 'rejectResolution'
>;

export function sqlAlerts(db: SqlDriver): AlertMethods {
  return {
    raiseAlert: (a: HubAlert) =>
      db.tx(async (x) => {
        await x.run(
          `INSERT INTO hub_alerts (id, platform_id, kind, message, message_zh, accepted_checkpoint, submitted_checkpoint,
           raised_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            a.id,
            a.platformId,
            a.kind,
            a.message,
            a.messageZh,
            a.acceptedCheckpoint,
            a.submittedCheckpoint,
            a.raisedAt,
            a.closedAt,
          ],
        );
        await writeAudit(x, {
          actorId: 'hub',
          action: 'alert.raise',
          subjectId: a.id,
          detail: JSON.stringify({ platformId: a.platformId, kind: a.kind }),
          at: a.raisedAt,
        });
      }),
    async openAlert(platformId, kind) {
      const [row] = await db.all(
        `${SELECT} WHERE a.platform_id = ? AND a.kind = ? AND a.closed_at IS NULL ORDER BY a.raised_at LIMIT 1`,
        [platformId, kind],
      );
      return row === undefined ? undefined : alertOf(row);
    },
    closeAlerts: (platformId, kind, at) =>
      db.tx(async (x) => {
        const n = await x.run(
          'UPDATE hub_alerts SET closed_at = ? WHERE platform_id = ? AND kind = ? AND closed_at IS NULL',
          [at, platformId, kind],
        );
        if (n > 0)
          await writeAudit(x, {
            actorId: 'hub',
            action: 'alert.close',
            subjectId: platformId,
            detail: JSON.stringify({ kind, closed: n }),
            at,
          });
        return n;
      }),
    async alerts({ platformId, open, limit }) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (platformId !== undefined) {
        where.push('a.platform_id = ?');
        params.push(platformId);
      }
      if (open !== undefined) where.push(open ? 'a.closed_at IS NULL' : 'a.closed_at IS NOT NULL');
      const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.raised_at DESC, a.id DESC LIMIT ?`;
      return (await db.all(sql, [...params, limit])).map(alertOf);
    },
    async alert(id) {
      const [row] = await db.all(`${SELECT} WHERE a.id = ?`, [id]);
      return row === undefined ? undefined : alertOf(row);
    },

    acknowledgeAlert: (id, h, audit) =>
      db
        .tx(async (x) => {
          if (!(await lockOpen(x, id))) return false;
          if ((await x.all('SELECT alert_id FROM hub_alert_handling WHERE alert_id = ?', [id])).length) return false;
          await x.run(
            'INSERT INTO hub_alert_handling (alert_id, acknowledged_by, acknowledged_at, acknowledge_note) VALUES (?, ?, ?, ?)',
            [id, h.by, h.at, h.note],
          );
          await writeAudit(x, audit);
          return true;
        })
        .catch((e: unknown) => {
          if (isUniqueViolation(e)) return false; // acknowledged concurrently
          throw e;
        }),
    resolveAlert: (id, r, audit) =>
      db.tx(async (x) => {
        if (!(await lockOpen(x, id, true))) return false;
        const n = await x.run(
          `UPDATE hub_alert_handling SET resolution_note = ?, resolved_by = ?, resolved_at = ?
           WHERE alert_id = ? AND resolution_proposed_by IS NULL AND resolved_at IS NULL`,
          [r.note, r.by, r.at, id],
        );
        if (n !== 1) return false;
        await x.run('UPDATE hub_alerts SET closed_at = ? WHERE id = ?', [r.at, id]);
        await writeAudit(x, audit);
        return true;
      }),
    proposeResolution: (id, r, audit) =>
      db.tx(async (x) => {
        if (!(await lockOpen(x, id))) return false;
        const n = await x.run(
          `UPDATE hub_alert_handling SET resolution_proposed_by = ?, resolution_proposed_at = ?, resolution_note = ?
           WHERE alert_id = ? AND resolution_proposed_by IS NULL AND resolved_at IS NULL`,
          [r.by, r.at, r.note, id],
        );
        if (n !== 1) return false;
        await writeAudit(x, audit);
        return true;
      }),
    confirmResolution: (id, r, audit) =>
      db.tx(async (x) => {
        if (!(await lockOpen(x, id))) return false;
        // The proposer can never confirm, whatever the caller checked: four eyes hold in the store too.
        const n = await x.run(
          `UPDATE hub_alert_handling SET resolved_by = ?, resolved_at = ?
           WHERE alert_id = ? AND resolution_proposed_by IS NOT NULL AND resolution_proposed_by <> ?
             AND resolved_at IS NULL`,
          [r.by, r.at, id, r.by],
        );
        if (n !== 1) return false;
        await x.run('UPDATE hub_alerts SET closed_at = ? WHERE id = ?', [r.at, id]);
        await writeAudit(x, audit);
        return true;
      }),
    rejectResolution: (id, audit) =>
      db.tx(async (x) => {
        if (!(await lockOpen(x, id))) return false;
        const n = await x.run(
          `UPDATE hub_alert_handling SET resolution_proposed_by = NULL, resolution_proposed_at = NULL,
             resolution_note = NULL WHERE alert_id = ? AND resolution_proposed_by IS NOT NULL AND resolved_at IS NULL`,
          [id],
        );
        if (n !== 1) return false;
        await writeAudit(x, audit);
        return true;
      }),
  };
}
