import type { Clock, Ids } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { commitLogReader } from '../monitoring/index.ts';
import { alertsOf, maxPriority, movementOf, type CommittedDecision } from './core/alerts.ts';
import type { AlertRecord, CaseRecord, HistoryEntry, Priority } from './core/types.ts';
import { ProjectionConflictError, type CaseStore, type Projection } from './storage/port.ts';

export interface ProjectorOptions {
  /** Where committed decisions are read: the commit log as stored (personal fields sealed) is enough. */
  store: Pick<Store, 'scanDecisions'>;
  cases: CaseStore;
  clock: Clock;
  ids: Ids;
  /** Alerts on one customer within this window (event time) join the same open case. Default 7 days. */
  groupingWindowMs?: number;
  /** Time to work a case by priority. */
  slaMs?: Partial<Record<Priority, number>>;
  queueOf?: (alerts: readonly AlertRecord[]) => string;
  batchSize?: number;
  pollMs?: number;
  onError?: (e: unknown) => void;
}

const HOUR = 3_600_000;
export const defaultSla: Record<Priority, number> = {
  critical: 24 * HOUR,
  high: 72 * HOUR,
  medium: 5 * 24 * HOUR,
  low: 10 * 24 * HOUR,
};

interface Slot {
  c: CaseRecord;
  isNew: boolean;
  bump?: Projection['caseBumps'][number];
}

/**
 * Tails the main store's committed decisions in commit order and turns them into alerts, grouped into
 * cases per customer, and indexes every money movement. The progress marker lives in the case tables
 * and moves in the same transaction as what it produced, so after a crash the projector resumes
 * exactly after the last projected decision: no alert is lost or made twice.
 */
export class CaseProjector {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<unknown> | undefined;
  private readonly window: number;
  private readonly sla: Record<Priority, number>;
  private readonly batch: number;

  constructor(private readonly o: ProjectorOptions) {
    this.window = o.groupingWindowMs ?? 7 * 24 * HOUR;
    this.sla = { ...defaultSla, ...o.slaMs };
    this.batch = o.batchSize ?? 1000;
  }

  /** Projects one batch; returns how many decisions it covered (0 when caught up). */
  async runOnce(): Promise<number> {
    const { store, cases, clock, ids } = this.o;
    const from = await cases.progress();
    const decisions: CommittedDecision[] = await commitLogReader(store).read(from, this.batch);
    const last = decisions[decisions.length - 1];
    if (!last) return 0;
    const now = clock.now();
    const p: Projection = {
      expectedSeq: from,
      seq: last.seq,
      newCases: [],
      alerts: [],
      caseBumps: [],
      movements: [],
      history: [],
    };
    const slots = new Map<string, Slot>();
    const system = (
      subjectId: string,
      tenantId: string,
      action: string,
      detail: Record<string, unknown>,
    ): HistoryEntry => ({
      id: ids.next('hst'),
      tenantId,
      subjectId,
      at: now,
      actor: 'system',
      action,
      detail,
    });

    for (const d of decisions) {
      const m = movementOf(d);
      if (m) p.movements.push(m);
      const drafts = alertsOf(d);
      const first = drafts[0];
      if (!first) continue;
      const key = `${d.tenantId}\u0000${first.customerId}`;
      const since = d.occurredAt - this.window;
      let slot = slots.get(key);
      if (slot && slot.c.lastAlertAt < since) slot = undefined;
      if (!slot) {
        const found = await cases.findGroupingCase(d.tenantId, first.customerId, since);
        if (found) slot = { c: found, isNew: false };
      }
      const alerts: AlertRecord[] = drafts.map((a) => ({ ...a, id: ids.next('alr'), caseId: '', createdAt: now }));
      const priority = alerts.reduce<Priority>((acc, a) => maxPriority(acc, a.priority), 'low');
      const score = Math.max(...alerts.map((a) => a.score));
      if (!slot) {
        const c: CaseRecord = {
          id: ids.next('case'),
          tenantId: d.tenantId,
          customerId: first.customerId,
          status: 'open',
          priority,
          score,
          queue: this.o.queueOf?.(alerts) ?? 'aml',
          assignee: null,
          tags: [],
          dueAt: now + this.sla[priority],
          openedAt: now,
          lastAlertAt: d.occurredAt,
          alertCount: 0,
          pending: null,
          resolution: null,
          closedAt: null,
          version: 1,
          updatedAt: now,
        };
        slot = { c, isNew: true };
        p.newCases.push(c);
        p.history.push(system(c.id, c.tenantId, 'opened', { customerId: c.customerId, priority, dueAt: c.dueAt }));
      }
      slots.set(key, slot);
      for (const a of alerts) a.caseId = slot.c.id;
      p.alerts.push(...alerts);
      const c = slot.c;
      c.priority = maxPriority(c.priority, priority);
      c.score = Math.max(c.score, score);
      c.lastAlertAt = Math.max(c.lastAlertAt, d.occurredAt);
      if (slot.isNew) c.alertCount += alerts.length;
      else {
        slot.bump ??= { caseId: c.id, priority: c.priority, score: c.score, lastAlertAt: c.lastAlertAt, alerts: 0 };
        Object.assign(slot.bump, { priority: c.priority, score: c.score, lastAlertAt: c.lastAlertAt });
        slot.bump.alerts += alerts.length;
      }
      p.history.push(
        system(c.id, c.tenantId, 'alerts_added', {
          eventId: d.eventId,
          alertIds: alerts.map((a) => a.id),
          types: alerts.map((a) => a.type),
        }),
      );
    }
    for (const s of slots.values()) if (s.bump) p.caseBumps.push(s.bump);

    try {
      await cases.applyProjection(p);
    } catch (e) {
      if (e instanceof ProjectionConflictError) return decisions.length; // another node moved on: read again
      throw e;
    }
    return decisions.length;
  }

  /** Projects until caught up. */
  async catchUp(): Promise<void> {
    // SQLite calls resolve without a turn of the event loop: let requests in between batches.
    while ((await this.runOnce()) >= this.batch) await new Promise<void>((r) => setImmediate(r));
  }

  start(): void {
    this.running = true;
    this.schedule(0);
  }

  /** New commits are there: run now rather than at the next poll. */
  notify(): void {
    if (this.running && !this.current) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.current = this.catchUp()
        .catch((e: unknown) => this.o.onError?.(e))
        .finally(() => {
          this.current = undefined;
          if (this.running) this.schedule(this.o.pollMs ?? 250);
        });
    }, ms);
    this.timer.unref();
  }
}
