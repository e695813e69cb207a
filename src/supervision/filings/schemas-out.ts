/** Response bodies of the dashboard, filings and exit-plan routes (TypeBox mirrors of the service types). */
import { Type } from '@sinclair/typebox';
import { ThresholdsSchema } from '../core/flags.ts';
import { Status } from '../schemas.ts';
import {
  ComplaintStatsCopySchema,
  ExitPlanSchema,
  HubDisclosureSchema,
  IncidentCopySchema,
  IndicatorsCopySchema,
  ReportCopySchema,
} from './schemas.ts';

const N = Type.Number();
const NN = Type.Union([Type.Number(), Type.Null()]);

export const FlagOut = Type.Object({
  code: Type.String(),
  severity: Type.Union([Type.Literal('warning'), Type.Literal('critical')]),
  value: N,
  threshold: N,
  setting: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
  messageZh: Type.String(),
});

export const IndicatorsOut = Type.Object({
  alertBacklog: NN,
  caseBacklog: NN,
  slaBreaches: NN,
  reports: Type.Object({ submitted: N, late: N, lateRate: NN }),
  complaints: Type.Object({ received: N, breached: N, breachRate: NN, open: NN }),
  overdue: Type.Array(Type.Object({ currency: Type.String(), balanceMinor: N, overdueMinor: N, rate: NN })),
  disclosures: Type.Object({ published: N, late: N, verified: N, pending: N, mismatched: N }),
  incidentsOpen: N,
  ledger: Type.Object({ lastCosignedAt: NN, ageHours: NN, openAlerts: N }),
  lastSyncAt: NN,
  syncAgeHours: NN,
});

export const PlatformDashboardOut = Type.Object({
  platform: Type.Object({ id: Type.String(), name: Type.String(), licenceType: Type.String(), status: Status }),
  indicators: IndicatorsOut,
  flags: Type.Array(FlagOut),
});

export const DashboardOut = Type.Object({ thresholds: ThresholdsSchema, platforms: Type.Array(PlatformDashboardOut) });

export const FilingsOut = Type.Object({
  reports: Type.Array(ReportCopySchema),
  complaintStats: Type.Array(ComplaintStatsCopySchema),
  incidents: Type.Array(IncidentCopySchema),
  indicators: Type.Array(IndicatorsCopySchema),
  disclosures: Type.Array(HubDisclosureSchema),
  fileRequests: Type.Array(Type.Object({ tenantId: Type.String(), reportId: Type.String() })),
});

export const ExitPlanOut = Type.Object({
  plan: Type.Union([ExitPlanSchema, Type.Null()]),
  ready: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()]),
  reasonZh: Type.Union([Type.String(), Type.Null()]),
});
