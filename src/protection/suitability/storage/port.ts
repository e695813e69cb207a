import type { SqlExec } from '../../../store/index.ts';
import type { Acknowledgement, Assessment, Product } from '../core/types.ts';
import type { ProfessionalRecord, SettingsDocument, StoredQuestionnaire } from './documents.ts';

/** An audit-ledger entry (ids and hashes only) queued in the same transaction as the write it records. */
export interface SuitabilityAudit {
  tenantId: string;
  action: string;
  actorId: string;
  subjectId?: string;
  dataHash?: string;
  at: number;
}
export type SuitabilityOutbox = (x: SqlExec, entry: SuitabilityAudit, now: number) => Promise<void>;

export type { StoredQuestionnaire, ProfessionalRecord } from './documents.ts';

export interface LessonProgress {
  tenantId: string;
  customerId: string;
  lessonId: string;
  startedAt: number;
  completedAt?: number | undefined;
}

export interface SuitabilitySettingsRecord {
  tenantId: string;
  doc: SettingsDocument;
  updatedAt: number;
  updatedBy: string;
}

export class SuitabilityStaleError extends Error {
  constructor() {
    super('suitability record changed concurrently');
  }
}

/** Everything the decision path keeps in memory, as stored. */
export interface SuitabilitySnapshot {
  /** Each customer's latest assessment. */
  assessments: Assessment[];
  products: Product[];
  acknowledgements: Acknowledgement[];
  professionals: ProfessionalRecord[];
  settings: SuitabilitySettingsRecord[];
}

export interface SuitabilityStore {
  readonly kind: 'sqlite' | 'postgres';
  readonly auditsInTransaction: boolean;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A new questionnaire version; refuses (stale) a version that exists. */
  putQuestionnaire(q: StoredQuestionnaire, audits?: SuitabilityAudit[]): Promise<void>;
  questionnaires(tenantId: string): Promise<StoredQuestionnaire[]>;
  questionnaire(tenantId: string, id: string, version: number): Promise<StoredQuestionnaire | undefined>;
  addAssessment(a: Assessment, audits?: SuitabilityAudit[]): Promise<void>;
  /** Newest first. */
  assessments(tenantId: string, customerId: string): Promise<Assessment[]>;
  putProduct(p: Product, audits?: SuitabilityAudit[]): Promise<void>;
  products(tenantId: string): Promise<Product[]>;
  addAcknowledgement(a: Acknowledgement, audits?: SuitabilityAudit[]): Promise<void>;
  acknowledgements(tenantId: string, customerId: string): Promise<Acknowledgement[]>;
  /** Writes version `r.version`; stale unless the stored one is `r.version - 1` (or absent for 1). */
  putProfessional(r: ProfessionalRecord, audits?: SuitabilityAudit[]): Promise<void>;
  professional(tenantId: string, customerId: string): Promise<ProfessionalRecord | undefined>;
  putProgress(p: LessonProgress, audits?: SuitabilityAudit[]): Promise<void>;
  progress(tenantId: string, customerId: string): Promise<LessonProgress[]>;
  getSettings(tenantId: string): Promise<SuitabilitySettingsRecord | undefined>;
  putSettings(s: SuitabilitySettingsRecord, audits?: SuitabilityAudit[]): Promise<void>;
  /** For the decision path's memory at start (every tenant). */
  snapshot(): Promise<SuitabilitySnapshot>;
  /** Changes whenever anything in the snapshot changed (another process wrote): cheap to poll. */
  fingerprint(): Promise<string>;
}
