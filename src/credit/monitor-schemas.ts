import { Type } from '@sinclair/typebox';

const Num = Type.Number();
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Shift = Type.Object({ label: Type.String(), expected: Num, actual: Num }, { additionalProperties: false });
const Level = Type.Union([Type.Literal('stable'), Type.Literal('watch'), Type.Literal('alert')]);

/** A tenant's thresholds of score stability (PSI/CSI): watch above `watch`, alert above `alert`. */
export const MonitoringLevelsSchema = Type.Object(
  {
    watch: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
    alert: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
    minRows: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  },
  { additionalProperties: false },
);

export const MonitoringSettingsSchema = Type.Object(
  {
    watch: Num,
    alert: Num,
    minRows: Type.Integer(),
    updatedAt: Type.Optional(Type.String()),
    updatedBy: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const MonitoringQuerySchema = Type.Object(
  {
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')])),
  },
  { additionalProperties: false },
);

export const StabilityAlertSchema = Type.Object(
  {
    scorecard: Type.String(),
    week: Type.String(),
    psi: Num,
    rows: Type.Integer(),
    threshold: Num,
    raisedAt: Type.String(),
  },
  { additionalProperties: false },
);

/** `GET /v1/credit/monitoring`: weekly PSI and CSI of the active scorecard, with the alerts raised. */
export const MonitoringReportSchema = Type.Object(
  {
    timeZone: Type.String(),
    from: LocalDate,
    to: LocalDate,
    generatedAt: Type.String(),
    scorecard: Type.Union([Type.Object({ version: Type.String(), name: Type.String() }), Type.Null()]),
    levels: MonitoringLevelsSchema,
    development: Type.Object({
      bands: Type.Array(Type.Object({ label: Type.String(), share: Num })),
      testPsi: Num,
    }),
    weeks: Type.Array(
      Type.Object({
        week: Type.String(),
        from: LocalDate,
        to: LocalDate,
        rows: Type.Integer(),
        psi: Num,
        level: Type.Union([Level, Type.Literal('too-few')]),
        bands: Type.Array(Shift),
        characteristics: Type.Array(
          Type.Object({ name: Type.String(), csi: Num, level: Level, bins: Type.Array(Shift) }),
        ),
      }),
    ),
    alerts: Type.Array(StabilityAlertSchema),
    raised: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
