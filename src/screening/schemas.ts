/** TypeBox schemas of the screening API: the truth for validation, types and OpenAPI. */
import { Type, type Static } from '@sinclair/typebox';

export const MAX_SCREEN_BATCH = 1000;

const Kind = Type.Union([
  Type.Literal('person'),
  Type.Literal('organisation'),
  Type.Literal('vessel'),
  Type.Literal('aircraft'),
  Type.Literal('unknown'),
]);

export const ScreenQuerySchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'Name in any script: Latin, Hanzi, Cyrillic, Arabic',
    }),
    kind: Type.Optional(Kind),
    dob: Type.Optional(
      Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'YYYY, YYYY-MM or YYYY-MM-DD' }),
    ),
    country: Type.Optional(
      Type.String({ minLength: 2, maxLength: 80, description: 'ISO 3166 alpha-2 or a country name' }),
    ),
    gender: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
    ids: Type.Optional(
      Type.Array(
        Type.Object({
          type: Type.String({ maxLength: 80 }),
          number: Type.String({ minLength: 1, maxLength: 80 }),
          country: Type.Optional(Type.String({ maxLength: 80 })),
        }),
        { maxItems: 20 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ScreenBodySchema = Type.Object(
  {
    query: Type.Optional(ScreenQuerySchema),
    queries: Type.Optional(Type.Array(ScreenQuerySchema, { minItems: 1 })),
    threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Lowest match probability reported' })),
    lists: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 50 })),
    maxHits: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false, description: 'Either `query` (one) or `queries` (a batch of up to 1,000).' },
);
export type ScreenBody = Static<typeof ScreenBodySchema>;

export const HitSchema = Type.Object({
  listId: Type.String(),
  entryId: Type.String(),
  kind: Kind,
  score: Type.Number({ description: 'Calibrated probability that the query is this list entry' }),
  matchedName: Type.String(),
  nameKind: Type.String(),
  weakOnly: Type.Boolean({ description: 'Matched only a weak alias: review, never block' }),
  decisive: Type.Boolean({ description: 'An identical ID document number' }),
  recommendation: Type.Union([Type.Literal('block'), Type.Literal('review')]),
  parts: Type.Array(
    Type.Object({ query: Type.String(), entry: Type.String(), method: Type.String(), similarity: Type.Number() }),
  ),
  factors: Type.Array(Type.Object({ factor: Type.String(), detail: Type.String(), logOdds: Type.Number() })),
});

export const ScreenResponseSchema = Type.Object({
  listVersions: Type.Array(Type.String()),
  results: Type.Array(Type.Object({ index: Type.Integer(), hits: Type.Array(HitSchema) })),
});

export const ListVersionSchema = Type.Object({
  listId: Type.String(),
  source: Type.String(),
  version: Type.String(),
  contentHash: Type.String(),
  loadedAt: Type.Integer(),
  loadMs: Type.Number(),
  counts: Type.Record(Type.String(), Type.Integer()),
});
