/**
 * Supervisors handling hub alerts: acknowledge (taking it on, with a note), resolve (with a resolution
 * note), and — for rewritten-history and unknown-key alerts — a second supervisor confirming the
 * proposed resolution (core/alert-handling.ts). Each step is written with its audit entry, and so lands
 * in the hub's own ledger.
 */
import { ZhiliError, type Clock } from '../kernel/index.ts';
import { alertState, checkAlertAction, needsSecondSupervisor, type AlertAction } from './core/alert-handling.ts';
import type { HandledAlert, HubStore } from './store/port.ts';
import type { Supervisor } from './supervisors.ts';

/** An alert as supervisors see it: its state, whether it needs two of them, and who did what (by name). */
export type AlertView = HandledAlert & {
  state: ReturnType<typeof alertState>;
  fourEyes: boolean;
  names: Record<string, string>;
};

export class HubAlerts {
  constructor(private readonly d: { store: HubStore; clock: Clock }) {}

  async views(alerts: HandledAlert[]): Promise<AlertView[]> {
    const ids = new Set(
      alerts.flatMap((a) =>
        a.handling ? [a.handling.acknowledgedBy, a.handling.resolutionProposedBy, a.handling.resolvedBy] : [],
      ),
    );
    const names: Record<string, string> = {};
    for (const id of ids) {
      if (id === null) continue;
      const s = await this.d.store.supervisor(id);
      if (s) names[id] = s.username;
    }
    return alerts.map((a) => ({
      ...a,
      state: alertState(a),
      fourEyes: needsSecondSupervisor(a.kind),
      names: Object.fromEntries(Object.entries(names).filter(([id]) => isActor(a, id))),
    }));
  }

  async get(id: string): Promise<AlertView> {
    const a = await this.d.store.alert(id);
    if (!a) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
    const [view] = await this.views([a]);
    if (!view) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
    return view;
  }

  acknowledge = (id: string, note: string, by: Supervisor): Promise<AlertView> =>
    this.step(id, 'acknowledge', note, by);
  /** Resolves, or — for an alert that needs four eyes — proposes the resolution for a second supervisor. */
  resolve = (id: string, note: string, by: Supervisor): Promise<AlertView> => this.step(id, 'resolve', note, by);
  confirm = (id: string, note: string, by: Supervisor): Promise<AlertView> => this.step(id, 'confirm', note, by);
  /** Sends a proposed resolution back to acknowledged (a second supervisor disagreeing, or its proposer). */
  reject = (id: string, note: string, by: Supervisor): Promise<AlertView> => this.step(id, 'reject', note, by);

  private async step(id: string, action: AlertAction, note: string, by: Supervisor): Promise<AlertView> {
    const a = await this.get(id);
    const v = checkAlertAction(a, action, by.id);
    if (!v.ok) throw new ZhiliError(v.code, { message: v.reason, messageZh: v.reasonZh });
    const at = this.d.clock.now();
    const step = { by: by.id, at, note };
    const audit = {
      actorId: by.id,
      action: `alert.${auditAction[v.effect]}`,
      subjectId: id,
      detail: JSON.stringify({ platformId: a.platformId, kind: a.kind, note }),
      at,
    };
    const s = this.d.store;
    const done = await (v.effect === 'acknowledge'
      ? s.acknowledgeAlert(id, step, audit)
      : v.effect === 'resolve'
        ? s.resolveAlert(id, step, audit)
        : v.effect === 'propose'
          ? s.proposeResolution(id, step, audit)
          : v.effect === 'confirm'
            ? s.confirmResolution(id, { by: by.id, at }, audit)
            : s.rejectResolution(id, audit));
    // Checked above and refused by the store: someone else (or the hub) moved the alert meanwhile.
    if (!done) throw new ZhiliError('ZHILI_E_STALE_WRITE');
    return this.get(id);
  }
}

const auditAction = {
  acknowledge: 'acknowledge',
  resolve: 'resolve',
  propose: 'resolve_propose',
  confirm: 'resolve_confirm',
  reject: 'resolve_reject',
} as const;

const isActor = (a: HandledAlert, id: string): boolean =>
  a.handling !== null &&
  (a.handling.acknowledgedBy === id || a.handling.resolutionProposedBy === id || a.handling.resolvedBy === id);
