/**
 * What a platform sends the hub (`POST /v1/hub/filings`, a signed platform request): copies of its
 * submitted regulatory reports (metadata and hash; the file only when the hub asked), its published
 * disclosures (canonical JSON, hash, ledger inclusion proof), complaint statistics, incidents and
 * indicators. The same schemas check what the hub reads back from its store.
 */
import { Type, type Static } from '@sinclair/typebox';

const Tenant = Type.String({ minLength: 1, maxLength: 128 });
const ItemId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' });
const Hex64 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Count = Type.Integer({ minimum: 0 });
const Ms = Type.Integer({ minimum: 0 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const Short = Type.String({ maxLength: 200 });

export const ReportCopySchema = Type.Object(
  {
    tenantId: Tenant,
    id: ItemId,
    format: Type.String({ minLength: 1, maxLength: 40 }),
    messageType: Type.String({ minLength: 1, maxLength: 4 }),
    str: Type.Boolean(),
    status: Type.Union([Type.Literal('submitted'), Type.Literal('acknowledged')]),
    dueBy: Day,
    submittedAt: Ms,
    /** The tenant's IANA time zone, in which `dueBy` ends (absent from older platforms: China Standard Time). */
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_+/-]*$' })),
    fileName: Type.Union([Short, Type.Null()]),
    packageName: Type.Union([Short, Type.Null()]),
    sha256: Type.Union([Hex64, Type.Null()]),
  },
  { additionalProperties: false },
);
export type ReportCopy = Static<typeof ReportCopySchema>;

export const DisclosureCopySchema = Type.Object(
  {
    tenantId: Tenant,
    id: ItemId,
    period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
    version: Type.Integer({ minimum: 1 }),
    publishedBy: Type.String({ minLength: 1, maxLength: 128 }),
    publishedAt: Ms,
    canonical: Type.String({ minLength: 2, maxLength: 262_144 }),
    hash: Hex64,
    ledgerIndex: Type.Union([Count, Type.Null()]),
    proof: Type.Union([
      Type.Object(
        {
          treeSize: Type.Integer({ minimum: 1 }),
          hashes: Type.Array(Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' }), { maxItems: 64 }),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);

export const ComplaintStatsCopySchema = Type.Object(
  {
    tenantId: Tenant,
    /** The statistics' period (the current quarter to date). */
    from: Day,
    to: Day,
    received: Count,
    decided: Count,
    breached: Count,
    breachRate: Type.Number({ minimum: 0, maximum: 1 }),
    resolutionRate: Type.Number({ minimum: 0, maximum: 1 }),
    byCategory: Type.Record(Type.String({ maxLength: 64 }), Count),
  },
  { additionalProperties: false },
);
export type ComplaintStatsCopy = Static<typeof ComplaintStatsCopySchema>;

export const IncidentCopySchema = Type.Object(
  {
    tenantId: Tenant,
    id: ItemId,
    type: Type.String({ minLength: 1, maxLength: 64 }),
    title: Type.String({ maxLength: 500 }),
    grade: Type.String({ maxLength: 32 }),
    state: Type.String({ minLength: 1, maxLength: 32 }),
    detectedAt: Type.String({ maxLength: 40 }),
    closedAt: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type IncidentCopy = Static<typeof IncidentCopySchema>;

export const IndicatorsCopySchema = Type.Object(
  {
    tenantId: Tenant,
    asOf: Ms,
    alertBacklog: Count,
    caseBacklog: Count,
    slaBreaches: Count,
    complaintsOpen: Count,
    /** Borrowers with principal outstanding (whom a winding-down platform must notify). */
    customersToNotify: Count,
    loans: Type.Array(
      Type.Object(
        {
          currency: Type.String({ pattern: '^[A-Z]{3}$' }),
          loans: Count,
          open: Count,
          balanceMinor: Count,
          overdueMinor: Count,
          overdueRate: Rate,
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type IndicatorsCopy = Static<typeof IndicatorsCopySchema>;

export const ReportFileSchema = Type.Object(
  {
    tenantId: Tenant,
    reportId: ItemId,
    fileName: Short,
    sha256: Hex64,
    /** The file (the submitted package) in base64. */
    content: Type.String({ maxLength: 16 * 1024 * 1024, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
  },
  { additionalProperties: false },
);
export type ReportFile = Static<typeof ReportFileSchema>;

export const FilingsBodySchema = Type.Object(
  {
    sentAt: Ms,
    reports: Type.Array(ReportCopySchema, { maxItems: 1000 }),
    disclosures: Type.Array(DisclosureCopySchema, { maxItems: 100 }),
    complaintStats: Type.Array(ComplaintStatsCopySchema, { maxItems: 200 }),
    incidents: Type.Array(IncidentCopySchema, { maxItems: 1000 }),
    indicators: Type.Array(IndicatorsCopySchema, { maxItems: 200 }),
    files: Type.Array(ReportFileSchema, { maxItems: 4 }),
  },
  { additionalProperties: false },
);
export type FilingsBody = Static<typeof FilingsBodySchema>;

export const FileRequestSchema = Type.Object({ tenantId: Type.String(), reportId: Type.String() });
export const FilingsAnswerSchema = Type.Object({
  received: Type.Object({
    reports: Count,
    disclosures: Count,
    complaintStats: Count,
    incidents: Count,
    indicators: Count,
    files: Count,
  }),
  disclosures: Type.Array(
    Type.Object({
      tenantId: Type.String(),
      id: Type.String(),
      state: Type.Union([Type.Literal('verified'), Type.Literal('pending'), Type.Literal('mismatch')]),
    }),
  ),
  /** Report files the hub asks for: send them with the next sync. */
  fileRequests: Type.Array(FileRequestSchema),
});
export type FilingsAnswer = Static<typeof FilingsAnswerSchema>;

/** A disclosure as the hub keeps it, with its verdict. */
export const HubDisclosureSchema = Type.Object({
  platformId: Type.String(),
  tenantId: Type.String(),
  id: Type.String(),
  period: Type.String(),
  version: Type.Integer(),
  publishedBy: Type.String(),
  publishedAt: Type.Integer(),
  canonical: Type.String(),
  hash: Type.String(),
  computedHash: Type.String(),
  state: Type.Union([Type.Literal('verified'), Type.Literal('pending'), Type.Literal('mismatch')]),
  reasons: Type.Array(Type.Object({ en: Type.String(), zh: Type.String() })),
  treeSize: Type.Union([Type.Integer(), Type.Null()]),
  receivedAt: Type.Integer(),
});
export type HubDisclosure = Static<typeof HubDisclosureSchema>;

/** The exit plan as stored (core/exit-plan.ts). */
export const ExitPlanSchema = Type.Object({
  platformId: Type.String(),
  openedAt: Type.Integer(),
  dataAt: Type.Union([Type.Integer(), Type.Null()]),
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      labelZh: Type.String(),
      initial: Type.Integer(),
      current: Type.Integer(),
      unit: Type.Union([Type.Literal('count'), Type.Literal('minor')]),
      currency: Type.Union([Type.String(), Type.Null()]),
      closedAt: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
});
