import { Type } from '@sinclair/typebox';
import { ScorecardSchema } from './core/scorecard.ts';
import { TrainConfigSchema } from './core/settings.ts';

export const MAX_SCORE_BATCH = 1000;
export const MAX_TRAIN_BYTES = 16 * 1024 * 1024;

export const TrainBodySchema = Type.Object(
  {
    csv: Type.String({ minLength: 1, description: 'Past applications with their outcome: CSV text with a header row' }),
    target: Type.String({ minLength: 1, description: 'The outcome column' }),
    bad: Type.String({ description: 'The value of the outcome column that means bad (default)' }),
    config: Type.Optional(TrainConfigSchema),
  },
  { additionalProperties: false },
);

export const TrainingJobSchema = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  createdAt: Type.String(),
  createdBy: Type.String(),
  dataHash: Type.String(),
  startedAt: Type.Optional(Type.String()),
  finishedAt: Type.Optional(Type.String()),
  progress: Type.Object({ step: Type.String(), done: Type.Integer(), total: Type.Integer() }),
  scorecard: Type.Optional(ScorecardSchema),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String(), messageZh: Type.String() })),
});

export const ScoreBodySchema = Type.Object(
  {
    scorecard: ScorecardSchema,
    applicants: Type.Array(Type.Record(Type.String(), Type.String()), {
      minItems: 1,
      maxItems: MAX_SCORE_BATCH,
      description: 'Raw values by column name, as in the training data',
    }),
    reasons: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, default: 4 })),
  },
  { additionalProperties: false },
);

export const ReasonCodeSchema = Type.Object({
  code: Type.String(),
  characteristic: Type.String(),
  bin: Type.String(),
  points: Type.Integer(),
  lost: Type.Integer(),
  en: Type.String(),
  zh: Type.String(),
});

export const ScoreResponseSchema = Type.Object({
  scorecard: Type.Object({ name: Type.String(), version: Type.String() }),
  results: Type.Array(
    Type.Object({
      index: Type.Integer(),
      score: Type.Integer(),
      points: Type.Record(Type.String(), Type.Integer()),
      reasons: Type.Array(ReasonCodeSchema),
    }),
  ),
});
