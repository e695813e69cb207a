import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { schemaErrors, ZhiliError } from '../../kernel/index.ts';
import { defaultMissing } from './bins.ts';

const Spec = Type.Object(
  {
    type: Type.Optional(Type.Union([Type.Literal('numeric'), Type.Literal('categorical')])),
    cuts: Type.Optional(Type.Array(Type.Number(), { minItems: 1 })),
    order: Type.Optional(Type.Array(Type.String(), { minItems: 2 })),
    monotonic: Type.Optional(Type.Boolean()),
    labelEn: Type.Optional(Type.String()),
    labelZh: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The `--config` file of `zhili credit train`: every field optional, defaults below. */
export const TrainConfigSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295 })),
    trainShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
    fineBins: Type.Optional(Type.Integer({ minimum: 2, maximum: 100 })),
    minBinShare: Type.Optional(Type.Number({ minimum: 0, maximum: 0.5 })),
    maxBins: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    maxCategories: Type.Optional(Type.Integer({ minimum: 2, maximum: 200 })),
    minIv: Type.Optional(Type.Number({ minimum: 0 })),
    maxCorrelation: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    l2: Type.Optional(Type.Number({ minimum: 0 })),
    baseScore: Type.Optional(Type.Number()),
    baseOdds: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    pdo: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    missing: Type.Optional(Type.Array(Type.String())),
    exclude: Type.Optional(Type.Array(Type.String())),
    characteristics: Type.Optional(Type.Record(Type.String(), Spec)),
  },
  { additionalProperties: false },
);
export type TrainConfig = Static<typeof TrainConfigSchema>;
export type CharacteristicConfig = Static<typeof Spec>;

export const defaultSettings = {
  name: 'scorecard',
  seed: 1,
  trainShare: 0.7,
  fineBins: 20,
  minBinShare: 0.05,
  maxBins: 5,
  // More distinct categories than this (ids, free text, postcodes) would only memorise the sample.
  maxCategories: 50,
  minIv: 0.02,
  maxCorrelation: 0.6,
  l2: 1,
  // The scorecard R package's defaults: 600 points at odds 19:1 good to bad, 50 points to double them.
  baseScore: 600,
  baseOdds: 19,
  pdo: 50,
  missing: defaultMissing,
  exclude: [] as string[],
  characteristics: {} as Record<string, CharacteristicConfig>,
};
export type TrainSettings = typeof defaultSettings;

/** Checks a configuration document and fills in the defaults. */
export function settingsFrom(config: unknown, pointerPrefix = ''): TrainSettings {
  if (!Value.Check(TrainConfigSchema, config)) {
    const details = schemaErrors(Value.Errors(TrainConfigSchema, config), pointerPrefix);
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      message: `Invalid training configuration: ${details.map((d) => d.message).join('; ')}`,
      messageZh: `训练配置无效：${details.map((d) => d.messageZh).join('；')}`,
      details,
      ...(details[0] ? { pointer: details[0].pointer } : {}),
    });
  }
  const defined = Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined));
  return { ...defaultSettings, ...defined };
}
