/** HTTP bodies and answers of the suitability API (TypeBox: validation, OpenAPI and types). */
import { Type, type Static } from '@sinclair/typebox';
import { goals, liquidities } from './core/types.ts';

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:\\-]+$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const lits = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
export const BilingualSchema = Type.Object({ en: Text(2000), zh: Text(2000) }, { additionalProperties: false });
const LevelInt = Type.Union([1, 2, 3, 4, 5].map((n) => Type.Literal(n as 1 | 2 | 3 | 4 | 5)));
const Category = Type.String({ pattern: '^C[1-5]$' });
const Risk = Type.String({ pattern: '^R[1-5]$' });
const Policy = lits(['refuse', 'acknowledge'] as const);

export const QuestionnaireSchema = Type.Object(
  {
    id: Id,
    version: Type.Integer({ minimum: 1 }),
    name: BilingualSchema,
    source: BilingualSchema,
    questions: Type.Array(
      Type.Object(
        {
          id: Id,
          topic: lits([
            'age',
            'income',
            'assets',
            'experience',
            'horizon',
            'attitude',
            'knowledge',
            'liquidity',
            'goal',
          ] as const),
          text: BilingualSchema,
          multi: Type.Optional(Type.Boolean()),
          options: Type.Array(
            Type.Object(
              {
                id: Id,
                text: BilingualSchema,
                score: Type.Integer({ minimum: 0, maximum: 1000 }),
                tags: Type.Optional(
                  Type.Array(Type.String({ pattern: '^(gap|horizon|liquidity|goal):[a-z-]+$' }), { maxItems: 10 }),
                ),
                capLevel: Type.Optional(LevelInt),
              },
              { additionalProperties: false },
            ),
            { minItems: 1, maxItems: 20 },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    bands: Type.Array(
      Type.Object(
        { level: LevelInt, minScore: Type.Integer({ minimum: 0 }), name: BilingualSchema },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5 },
    ),
  },
  { additionalProperties: false },
);

export const AddQuestionnaireSchema = Type.Object(
  { questionnaire: QuestionnaireSchema, activate: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const SettingsInputSchema = Type.Object(
  {
    expiryMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
    coolingOffHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 24 * 90 })),
    mismatch: Type.Optional(
      Type.Object(
        {
          '2': Type.Optional(Policy),
          '3': Type.Optional(Policy),
          '4': Type.Optional(Policy),
          '5': Type.Optional(Policy),
        },
        { additionalProperties: false, description: 'Per customer category C2–C5 (C1 is always refused)' },
      ),
    ),
    professionalMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
    questionnaire: Type.Optional(
      Type.Object({ id: Id, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type SettingsInput = Static<typeof SettingsInputSchema>;

export const SettingsSchema = Type.Object({
  expiryMonths: Type.Integer(),
  coolingOffHours: Type.Integer(),
  mismatch: Type.Object({ '2': Policy, '3': Policy, '4': Policy, '5': Policy }),
  professionalMonths: Type.Integer(),
  questionnaire: Type.Optional(Type.Object({ id: Type.String(), version: Type.Integer() })),
});

export const AssessSchema = Type.Object(
  {
    customerId: Id,
    answers: Type.Record(Id, Type.Array(Id, { minItems: 1, maxItems: 20 })),
    questionnaire: Type.Optional(
      Type.Object({ id: Id, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

export const AssessmentViewSchema = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  category: Category,
  level: Type.Integer(),
  score: Type.Integer(),
  scoreCategory: Category,
  cappedBy: Type.Array(Type.String()),
  questionnaire: Type.Object({ id: Type.String(), version: Type.Integer() }),
  knowledgeGaps: Type.Array(Type.String()),
  horizon: Type.Optional(Type.String()),
  liquidity: Type.Optional(Type.String()),
  goals: Type.Array(Type.String()),
  assessedAt: Type.String(),
  expiresAt: Type.String(),
  expired: Type.Boolean(),
  actorId: Type.String(),
});

const ProfessionalViewSchema = Type.Object({
  state: Type.String(),
  inForce: Type.Boolean(),
  basis: Type.String(),
  proposedBy: Type.String(),
  proposedAt: Type.String(),
  approvedBy: Type.Optional(Type.String()),
  since: Type.Optional(Type.String()),
  until: Type.String(),
  version: Type.Integer(),
});
export { ProfessionalViewSchema };

export const ProfileSchema = Type.Object({
  customerId: Type.String(),
  status: lits(['unassessed', 'assessed', 'expired'] as const),
  current: Type.Optional(AssessmentViewSchema),
  professional: Type.Optional(ProfessionalViewSchema),
  history: Type.Array(Type.Object({ id: Type.String(), category: Category, assessedAt: Type.String() })),
});

export const ProfessionalActionSchema = Type.Union([
  Type.Object({ action: Type.Literal('propose'), basis: Text(500) }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('approve') }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('revoke') }, { additionalProperties: false }),
]);

export const ProductInputSchema = Type.Object(
  {
    name: BilingualSchema,
    risk: Risk,
    horizonMonths: Type.Integer({ minimum: 0, maximum: 600 }),
    liquidity: lits(liquidities),
    goals: Type.Array(lits(goals), { maxItems: 4 }),
    warning: Type.Optional(BilingualSchema),
    status: Type.Optional(lits(['on_sale', 'withdrawn'] as const)),
  },
  { additionalProperties: false },
);
export type ProductInputBody = Static<typeof ProductInputSchema>;

export const ProductViewSchema = Type.Object({
  id: Type.String(),
  name: BilingualSchema,
  risk: Risk,
  horizonMonths: Type.Integer(),
  liquidity: Type.String(),
  goals: Type.Array(Type.String()),
  warning: Type.Optional(BilingualSchema),
  status: Type.String(),
  updatedAt: Type.String(),
});

export const CheckSchema = Type.Object({ customerId: Id, productId: Id }, { additionalProperties: false });
export const VerdictSchema = Type.Object({
  category: Type.Union([Category, Type.Null()]),
  productRisk: Risk,
  matched: Type.Boolean(),
  expired: Type.Boolean(),
  professional: Type.Boolean(),
  acknowledged: Type.Boolean(),
  allowed: Type.Boolean(),
  needs: lits(['nothing', 'assessment', 'reassessment', 'acknowledgement', 'refused'] as const),
  reason: BilingualSchema,
  warning: Type.Optional(BilingualSchema),
  warningHash: Type.Optional(Type.String()),
});

export const AcknowledgeSchema = Type.Object(
  {
    customerId: Id,
    productId: Id,
    warningHash: Type.String({
      pattern: '^[0-9a-f]{64}$',
      description: 'The warningHash of the check shown to the customer',
    }),
    channel: Type.Optional(lits(['api', 'portal', 'app', 'branch', 'phone'] as const)),
  },
  { additionalProperties: false },
);
export const AcknowledgementViewSchema = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  productId: Type.String(),
  assessmentId: Type.String(),
  category: Category,
  productRisk: Risk,
  warningHash: Type.String(),
  channel: Type.String(),
  actorId: Type.String(),
  at: Type.String(),
});

export const RecommendationsSchema = Type.Object({
  customerId: Type.String(),
  recommendations: Type.Array(
    Type.Object({
      productId: Type.String(),
      name: BilingualSchema,
      risk: Risk,
      fit: Type.Integer(),
      explanation: Type.Array(BilingualSchema),
    }),
  ),
  note: Type.Optional(BilingualSchema),
});

export const EducationSchema = Type.Object({
  customerId: Type.String(),
  knowledgeGaps: Type.Array(Type.String()),
  lessons: Type.Array(
    Type.Object({
      id: Type.String(),
      topic: Type.String(),
      title: BilingualSchema,
      body: BilingualSchema,
      minutes: Type.Integer(),
      state: lits(['not_started', 'started', 'completed'] as const),
      startedAt: Type.Optional(Type.String()),
      completedAt: Type.Optional(Type.String()),
    }),
  ),
  completed: Type.Integer(),
  total: Type.Integer(),
});
export const ProgressSchema = Type.Object(
  { action: lits(['start', 'complete'] as const) },
  { additionalProperties: false },
);
