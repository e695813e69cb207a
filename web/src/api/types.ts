// Response types. Where /openapi.json declares a response schema, types come from schema.d.ts (generated).
// The cases routes do not declare theirs yet, so their records are typed from the server's own pure type
// file (type-only imports, erased at build): still one source of truth, never a hand-written copy.
import type { components, paths } from './schema.d.ts';
export type {
  AlertRecord,
  AttachmentMeta,
  CaseRecord,
  CaseStatus,
  HistoryEntry,
  Priority,
  ReportRecord,
  ReportStatus,
  Resolution,
  TimelineItem,
  CounterpartyGraph,
} from '../../../src/cases/core/types.ts';
export type { DisposalPlan } from '../../../src/cases/disposal/plans.ts';
import type { AlertRecord, CaseRecord, HistoryEntry, ReportRecord } from '../../../src/cases/core/types.ts';

export type Decision = components['schemas']['def-1'];
export type LoginReply = paths['/v1/auth/login']['post']['responses'][200]['content']['application/json'];

export interface Sla {
  dueAt: number;
  remainingMs: number;
  breached: boolean;
  stopped: boolean;
}
export type CaseWithSla = CaseRecord & { sla: Sla };
export interface CaseDetail {
  case: CaseWithSla;
  alerts: AlertRecord[];
  history: HistoryEntry[];
}
export interface Deadline {
  dueBy: string;
  workingDaysLeft: number;
  overdue: boolean;
  warning: boolean;
}
export type RegisterRow = ReportRecord & { deadline: Deadline };
