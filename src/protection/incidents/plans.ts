/**
 * Contingency plans (应急预案) per incident type, versioned, and the drills (演练) that test them: date,
 * scenario, participants, findings. A new incident is linked to the latest plan for its type.
 */
import { ZhiliError, type Clock, type Ids } from '../../kernel/index.ts';
import { need, type RightsActor } from '../requests/permissions.ts';
import type { RegisterStore } from '../storage/register-port.ts';
import { checked, RegisterWriter, type WriterDeps } from '../requests/writer.ts';
import { DrillDocSchema, PlanDocSchema, type DrillDoc, type PlanDoc, type PlanInput } from './schemas.ts';
import type { Static } from '@sinclair/typebox';
import type { DrillInputSchema } from './schemas.ts';

export interface PlanServiceDeps extends WriterDeps {
  store: RegisterStore;
  clock: Clock;
  ids: Ids;
}

const iso = (ms: number) => new Date(ms).toISOString();
export type PlanView = Omit<PlanDoc, 'updatedAt'> & { updatedAt: string; version: number };
export type DrillView = Omit<DrillDoc, 'recordedAt'> & { recordedAt: string };

export class PlanService {
  private readonly w: RegisterWriter;
  constructor(private readonly o: PlanServiceDeps) {
    this.w = new RegisterWriter(o);
  }

  private doc(a: RightsActor, id: string, b: PlanInput): PlanDoc {
    const { expectedVersion: _v, ...rest } = b;
    return { ...rest, id, updatedBy: a.actorId, updatedAt: this.o.clock.now() };
  }

  // The record's `state` column holds the incident type: incidents find their plan by it.
  async create(a: RightsActor, b: PlanInput): Promise<PlanView> {
    need(a, 'incidents:write');
    const d = this.doc(a, this.o.ids.next('pln'), b);
    await this.w.create(
      a,
      { kind: 'plan', id: d.id, state: d.incidentType, openedAt: d.updatedAt, doc: d },
      'plan.created',
      d,
    );
    return { ...d, updatedAt: iso(d.updatedAt), version: 1 };
  }

  async update(a: RightsActor, id: string, b: PlanInput): Promise<PlanView> {
    need(a, 'incidents:write');
    const { rec } = await this.w.load(a, 'plan', id, PlanDocSchema);
    if (b.expectedVersion !== undefined && b.expectedVersion !== rec.version)
      throw new ZhiliError('ZHILI_E_STALE_WRITE');
    const d = this.doc(a, id, b);
    const version = await this.w.update(a, { ...rec }, d.incidentType, d, 'plan.revised', d);
    return { ...d, updatedAt: iso(d.updatedAt), version };
  }

  async get(a: RightsActor, id: string): Promise<PlanView> {
    need(a, 'incidents:read');
    const { rec, doc } = await this.w.load(a, 'plan', id, PlanDocSchema);
    return { ...doc, updatedAt: iso(doc.updatedAt), version: rec.version };
  }

  async list(a: RightsActor, q: { incidentType?: string | undefined; after?: string | undefined; limit: number }) {
    need(a, 'incidents:read');
    const rows = await this.o.store.list(a.tenantId, 'plan', { state: q.incidentType, after: q.after, limit: q.limit });
    return rows.map((r) => {
      const d = checked(PlanDocSchema, r.doc);
      return { ...d, updatedAt: iso(d.updatedAt), version: r.version };
    });
  }

  async recordDrill(a: RightsActor, b: Static<typeof DrillInputSchema>): Promise<DrillView> {
    need(a, 'incidents:write');
    const plan = b.planId ? await this.o.store.get(a.tenantId, 'plan', b.planId) : undefined;
    if (b.planId && !plan) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/planId' });
    const now = this.o.clock.now();
    const d: DrillDoc = {
      ...b,
      id: this.o.ids.next('drl'),
      ...(plan ? { planVersion: plan.version } : {}),
      recordedBy: a.actorId,
      recordedAt: now,
    };
    await this.w.create(a, { kind: 'drill', id: d.id, state: 'recorded', openedAt: now, doc: d }, 'drill.recorded', d);
    return { ...d, recordedAt: iso(now) };
  }

  async drill(a: RightsActor, id: string): Promise<DrillView> {
    need(a, 'incidents:read');
    const { doc } = await this.w.load(a, 'drill', id, DrillDocSchema);
    return { ...doc, recordedAt: iso(doc.recordedAt) };
  }

  async drills(a: RightsActor, q: { after?: string | undefined; limit: number }): Promise<DrillView[]> {
    need(a, 'incidents:read');
    return (await this.o.store.list(a.tenantId, 'drill', q)).map((r) => {
      const d = checked(DrillDocSchema, r.doc);
      return { ...d, recordedAt: iso(d.recordedAt) };
    });
  }
}
