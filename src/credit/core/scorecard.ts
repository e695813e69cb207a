import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { schemaErrors, ZhiliError } from '../../kernel/index.ts';

const Num = Type.Number();
const FiguresSchema = Type.Object({ auc: Num, ks: Num, gini: Num }, { additionalProperties: false });

const BinMatchSchema = Type.Union([
  Type.Object(
    { kind: Type.Literal('range'), lower: Type.Union([Num, Type.Null()]), upper: Type.Union([Num, Type.Null()]) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('categories'), values: Type.Array(Type.String()) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('missing') }, { additionalProperties: false }),
]);

export const ScorecardBinSchema = Type.Object(
  {
    label: Type.String(),
    match: BinMatchSchema,
    good: Type.Integer({ minimum: 0 }),
    bad: Type.Integer({ minimum: 0 }),
    badRate: Num,
    woe: Num,
    iv: Num,
    points: Type.Integer(),
  },
  { additionalProperties: false },
);

export const ScorecardCharacteristicSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    labelEn: Type.String(),
    labelZh: Type.String(),
    type: Type.Union([Type.Literal('numeric'), Type.Literal('categorical')]),
    ordinal: Type.Boolean(),
    fixed: Type.Boolean(),
    monotonic: Type.Boolean(),
    iv: Num,
    coefficient: Num,
    gini: Type.Object({ train: Num, test: Num }, { additionalProperties: false }),
    bins: Type.Array(ScorecardBinSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

/**
 * The credit limit by score band: the band with the highest `minScore` at or below the score gives
 * the limit (a score below every band: no limit, 0). Set by the credit officer before submitting.
 */
export const ScoreLimitsSchema = Type.Object(
  {
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    bands: Type.Array(
      Type.Object(
        { minScore: Type.Integer(), limitMinor: Type.Integer({ minimum: 0 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type ScoreLimits = Static<typeof ScoreLimitsSchema>;

/** A trained scorecard as written to disk and read back: every field checked both ways. */
export const ScorecardSchema = Type.Object(
  {
    format: Type.Literal('zhili-scorecard'),
    schemaVersion: Type.Literal(1),
    version: Type.String({ minLength: 1 }),
    name: Type.String(),
    createdAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' }),
    target: Type.Object({ column: Type.String(), bad: Type.String() }, { additionalProperties: false }),
    scaling: Type.Object(
      { baseScore: Num, baseOdds: Type.Number({ exclusiveMinimum: 0 }), pdo: Num, factor: Num, offset: Num },
      { additionalProperties: false },
    ),
    model: Type.Object({ intercept: Num, l2: Num }, { additionalProperties: false }),
    missing: Type.Array(Type.String()),
    characteristics: Type.Array(ScorecardCharacteristicSchema, { minItems: 1 }),
    limits: Type.Optional(ScoreLimitsSchema),
    excluded: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          reason: Type.Union([
            Type.Literal('iv'),
            Type.Literal('correlation'),
            Type.Literal('coefficient'),
            Type.Literal('config'),
            Type.Literal('cardinality'),
          ]),
          with: Type.Optional(Type.String()),
          value: Num,
        },
        { additionalProperties: false },
      ),
    ),
    metadata: Type.Object(
      {
        seed: Type.Integer(),
        trainShare: Num,
        dataHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        rows: Type.Integer({ minimum: 0 }),
        trainRows: Type.Integer({ minimum: 0 }),
        testRows: Type.Integer({ minimum: 0 }),
        figures: Type.Object({ train: FiguresSchema, test: FiguresSchema }, { additionalProperties: false }),
        /** Score bands of the training sample (deciles) and their shares: the baseline of score PSI. */
        scoreBands: Type.Object(
          { cuts: Type.Array(Num), shares: Type.Array(Num, { minItems: 1 }) },
          { additionalProperties: false },
        ),
        /** PSI of the test sample's scores against the training bands. */
        testPsi: Num,
        settings: Type.Record(Type.String(), Type.Unknown()),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type Scorecard = Static<typeof ScorecardSchema>;
export type ScorecardCharacteristic = Static<typeof ScorecardCharacteristicSchema>;
export type ScorecardBin = Static<typeof ScorecardBinSchema>;

/** The value as a scorecard, or ZHILI_E_VALIDATION naming each offending field. */
export function checkScorecard(value: unknown, pointerPrefix = ''): Scorecard {
  if (Value.Check(ScorecardSchema, value)) return value;
  const details = schemaErrors(Value.Errors(ScorecardSchema, value), pointerPrefix);
  throw new ZhiliError('ZHILI_E_VALIDATION', {
    message: `Not a valid scorecard: ${details.map((d) => d.message).join('; ')}`,
    messageZh: `评分卡格式无效：${details.map((d) => d.messageZh).join('；')}`,
    details,
    ...(details[0] ? { pointer: details[0].pointer } : {}),
  });
}
