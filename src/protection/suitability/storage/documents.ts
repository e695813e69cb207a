/**
 * The JSON documents the suitability tables keep, as TypeBox schemas: every row is checked against its
 * schema when read back, so a corrupted or drifted row fails where it is read, naming its table and
 * column, instead of travelling on as a wrong type. The record types of the store are derived from them;
 * the core's own interfaces are tied to them by the compile-time checks at the end.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Acknowledgement, Assessment, Product, Questionnaire } from '../core/types.ts';
import { goals, horizons, liquidities, liquidityNeeds } from '../core/types.ts';
import { QuestionnaireSchema, SettingsInputSchema } from '../schemas.ts';

const lits = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() });
const Level = Type.Union([1, 2, 3, 4, 5].map((n) => Type.Literal(n as 1 | 2 | 3 | 4 | 5)));
const Ms = Type.Integer();

export const StoredQuestionnaireDoc = Type.Object(
  { tenantId: Type.String(), questionnaire: QuestionnaireSchema, createdAt: Ms, createdBy: Type.String() },
  { $id: 'StoredQuestionnaire' },
);
export type StoredQuestionnaire = Static<typeof StoredQuestionnaireDoc>;

export const AssessmentDoc = Type.Object(
  {
    tenantId: Type.String(),
    id: Type.String(),
    customerId: Type.String(),
    questionnaireId: Type.String(),
    questionnaireVersion: Type.Integer(),
    answers: Type.Record(Type.String(), Type.Array(Type.String())),
    score: Type.Number(),
    level: Level,
    scoreLevel: Level,
    cappedBy: Type.Array(Type.String()),
    knowledgeGaps: Type.Array(Type.String()),
    horizon: Type.Optional(lits(horizons)),
    liquidity: Type.Optional(lits(liquidityNeeds)),
    goals: Type.Array(lits(goals)),
    assessedAt: Ms,
    expiresAt: Ms,
    actorId: Type.String(),
  },
  { $id: 'Assessment' },
);

export const ProductDoc = Type.Object(
  {
    tenantId: Type.String(),
    id: Type.String(),
    name: Bilingual,
    risk: Level,
    horizonMonths: Type.Integer(),
    liquidity: lits(liquidities),
    goals: Type.Array(lits(goals)),
    warning: Type.Optional(Bilingual),
    status: lits(['on_sale', 'withdrawn'] as const),
    updatedAt: Ms,
  },
  { $id: 'Product' },
);

export const AcknowledgementDoc = Type.Object(
  {
    tenantId: Type.String(),
    id: Type.String(),
    customerId: Type.String(),
    productId: Type.String(),
    assessmentId: Type.String(),
    customerLevel: Level,
    productRisk: Level,
    warningHash: Type.String(),
    channel: Type.String(),
    actorId: Type.String(),
    at: Ms,
  },
  { $id: 'Acknowledgement' },
);

/**
 * A customer's professional-investor status: proposed by one operator, in force once a second one
 * (with the approver role) approved it; `revoked` ends it.
 */
export const ProfessionalDoc = Type.Object(
  {
    tenantId: Type.String(),
    customerId: Type.String(),
    state: lits(['proposed', 'approved', 'revoked'] as const),
    basis: Type.String(),
    proposedBy: Type.String(),
    proposedAt: Ms,
    approvedBy: Type.Optional(Type.String()),
    since: Type.Optional(Ms),
    until: Ms,
    version: Type.Integer({ minimum: 1 }),
  },
  { $id: 'ProfessionalRecord' },
);
export type ProfessionalRecord = Static<typeof ProfessionalDoc>;

/** A tenant's overrides, as accepted by the settings API. */
export const SettingsDoc = SettingsInputSchema;
export type SettingsDocument = Static<typeof SettingsDoc>;

// Compile-time ties between the core's interfaces and the schemas: each must fit the other, so a field
// added on one side and not the other does not compile.
type Fits<A extends B, B> = A;
export type DocumentChecks = [
  Fits<Static<typeof AssessmentDoc>, Assessment>,
  Fits<Assessment, Static<typeof AssessmentDoc>>,
  Fits<Static<typeof ProductDoc>, Product>,
  Fits<Product, Static<typeof ProductDoc>>,
  Fits<Static<typeof AcknowledgementDoc>, Acknowledgement>,
  Fits<Acknowledgement, Static<typeof AcknowledgementDoc>>,
  Fits<Static<typeof QuestionnaireSchema>, Questionnaire>,
];
