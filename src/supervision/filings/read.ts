/** The platform's latest filings as the hub keeps them, read back with their schemas (never `as T`). */
import { Value } from '@sinclair/typebox/value';
import type { TSchema, Static } from '@sinclair/typebox';
import type { FilingKind, HubStore } from '../hub-store.ts';
import {
  ComplaintStatsCopySchema,
  IncidentCopySchema,
  IndicatorsCopySchema,
  ReportCopySchema,
  type ComplaintStatsCopy,
  type IncidentCopy,
  type IndicatorsCopy,
  type ReportCopy,
} from './schemas.ts';

const LIMIT = 10_000;

async function read<S extends TSchema>(store: HubStore, platformId: string, kind: FilingKind, schema: S) {
  const out: Static<S>[] = [];
  for (const f of await store.filings(platformId, kind, LIMIT)) {
    let v: unknown;
    try {
      v = JSON.parse(f.body);
    } catch {
      throw new Error(`hub_filings ${platformId}/${kind}/${f.key}: not JSON`);
    }
    if (!Value.Check(schema, v)) throw new Error(`hub_filings ${platformId}/${kind}/${f.key}: not a ${kind} copy`);
    out.push(v);
  }
  return out;
}

export interface LatestFilings {
  reports: ReportCopy[];
  complaintStats: ComplaintStatsCopy[];
  incidents: IncidentCopy[];
  indicators: IndicatorsCopy[];
}

export async function latestFilings(store: HubStore, platformId: string): Promise<LatestFilings> {
  return {
    reports: await read(store, platformId, 'report', ReportCopySchema),
    complaintStats: await read(store, platformId, 'complaint_stats', ComplaintStatsCopySchema),
    incidents: await read(store, platformId, 'incident', IncidentCopySchema),
    indicators: await read(store, platformId, 'indicators', IndicatorsCopySchema),
  };
}

/** Incident states that are over (the protection module's register). */
export const incidentOpen = (i: IncidentCopy): boolean => i.closedAt === null && i.state !== 'closed';
