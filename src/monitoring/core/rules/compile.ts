import { Value } from '@sinclair/typebox/value';
import { isTimeZone, parseDuration, type WorkingCalendar } from '../../../kernel/index.ts';
import { compile as compileCel, T, type CelEnv } from '../cel/index.ts';
import { entityReader, featureExtras, featureSpecProblems, type CompiledFeature } from '../features/compiled.ts';
import { maxWindowMs, type FeatureSpec } from '../features/spec.ts';
import type { NormalizedEvent } from '../normalize.ts';
import type { CompiledRule, CompiledRuleSet, RuleInput, RuleSetDiagnostic } from './compiled.ts';
import { featureFilterEnv, ruleEnv } from './cel-env.ts';
import { RuleSetSchema, type RuleSetSpec } from './schema.ts';

export type CompileResult = { ok: true; ruleSet: CompiledRuleSet } | { ok: false; errors: RuleSetDiagnostic[] };

function celPredicate<A>(
  source: string,
  env: CelEnv,
  pointer: string,
  errors: RuleSetDiagnostic[],
): ((a: A) => boolean) | undefined {
  const r = compileCel(source, env, { expect: T.bool });
  if (!r.ok) {
    for (const d of r.errors) {
      errors.push({ pointer, message: d.message, exprLine: d.line, exprColumn: d.column, code: d.code });
    }
    return undefined;
  }
  const program = r.program;
  return (a: A) => program(a as unknown as Record<string, unknown>) === true;
}

function duplicates(ids: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return dup;
}

function compileFeature(
  f: FeatureSpec,
  index: number,
  lists: Record<string, readonly string[]>,
  errors: RuleSetDiagnostic[],
): CompiledFeature | undefined {
  const at = `/features/${index}`;
  const window = f.window === 'day' ? 'day' : parseDuration(f.window);
  if (window === undefined || (window !== 'day' && (window <= 0 || window > maxWindowMs))) {
    errors.push({ pointer: `${at}/window`, message: 'window must be between 1s and 90d, or "day"', code: 'window' });
  }
  const numeric = ['sum', 'min', 'max', 'avg'].includes(f.aggregation);
  if (numeric && f.value === undefined) {
    errors.push({
      pointer: `${at}/value`,
      message: `${f.aggregation} needs "value": "amount" or "usd"`,
      code: 'value',
    });
  }
  if (f.value === 'amount' && f.currency === undefined) {
    errors.push({ pointer: `${at}/currency`, message: 'an exact amount feature names its currency', code: 'value' });
  }
  if ((f.aggregation === 'distinct' || f.aggregation === 'is_new') && f.of === undefined) {
    errors.push({ pointer: `${at}/of`, message: `${f.aggregation} needs "of": what to count`, code: 'value' });
  }
  for (const [field, message] of featureSpecProblems(f))
    errors.push({ pointer: `${at}/${field}`, message, code: 'value' });
  const when =
    f.when === undefined ? undefined : celPredicate<unknown>(f.when, featureFilterEnv(lists), `${at}/when`, errors);
  if (window === undefined || (f.when !== undefined && when === undefined)) return undefined;

  const currency = f.currency;
  const needsAmount = f.value !== undefined;
  const accepts = (e: NormalizedEvent): boolean => {
    if (needsAmount && (!e.amount || (f.value === 'amount' && e.amount.currency !== currency))) return false;
    if (when && !when({ event: e, lists })) return false;
    // A USD-equivalent total without a rate would be wrong, not small: fail the decision closed.
    if (f.value === 'usd' && e.amount && e.amount.usdMinor < 0)
      throw new RangeError(`no FX rate for ${e.amount.currency}`);
    return true;
  };
  const value =
    f.value === 'amount'
      ? (e: NormalizedEvent) => e.amount?.minor ?? 0
      : f.value === 'usd'
        ? (e: NormalizedEvent) => e.amount?.usdMinor ?? 0
        : () => 1;
  return {
    id: f.id,
    index,
    aggregation: f.aggregation,
    window,
    entity: entityReader(f.entity),
    of: f.of === undefined ? undefined : entityReader(f.of),
    accepts,
    value,
    // first_seen/since_last keep their own scalars; the log is kept as long as the window needs.
    retainMs: window === 'day' ? 2 * 86_400_000 : window,
    ...featureExtras(f),
  };
}

/**
 * Validates a rule set document and compiles every feature filter and rule into closures. All
 * problems are reported at once, each with the JSON pointer of the offending field and, for CEL, the
 * line and column inside the expression.
 */
export function compileRuleSet(
  doc: unknown,
  deps: { calendar: WorkingCalendar; defaultTimeZone: string },
): CompileResult {
  if (!Value.Check(RuleSetSchema, doc)) {
    const errors = [...Value.Errors(RuleSetSchema, doc)].slice(0, 50).map((e) => ({
      pointer: e.path,
      message: e.message,
      code: 'schema',
    }));
    return { ok: false, errors };
  }
  const spec: RuleSetSpec = doc;
  const errors: RuleSetDiagnostic[] = [];
  const timeZone = spec.timeZone ?? deps.defaultTimeZone;
  if (!isTimeZone(timeZone))
    errors.push({ pointer: '/timeZone', message: `unknown time zone ${timeZone}`, code: 'schema' });

  for (const [what, ids] of [
    ['features', spec.features.map((f) => f.id)],
    ['rules', spec.rules.map((r) => r.id)],
    ['typologies', spec.typologies.map((t) => t.id)],
  ] as const) {
    for (const id of duplicates([...ids])) {
      errors.push({ pointer: `/${what}/${ids.indexOf(id)}/id`, message: `duplicate id ${id}`, code: 'duplicate' });
    }
  }

  const lists = spec.lists ?? {};
  const features = spec.features.map((f, i) => compileFeature(f, i, lists, errors));
  const typologies = new Map(spec.typologies.map((t) => [t.id, t]));
  const env = ruleEnv(spec.features, lists);
  const rules: CompiledRule[] = [];
  spec.rules.forEach((r, i) => {
    if (r.typology !== undefined && !typologies.has(r.typology)) {
      errors.push({ pointer: `/rules/${i}/typology`, message: `unknown typology ${r.typology}`, code: 'reference' });
    }
    const test = celPredicate<RuleInput>(r.expression, env, `/rules/${i}/expression`, errors);
    if (!test) return;
    rules.push({
      id: r.id,
      name: r.name,
      nameZh: r.nameZh,
      reason: r.reason,
      reasonZh: r.reasonZh,
      outcome: r.outcome ?? 'allow',
      weight: r.weight,
      typology: r.typology,
      tags: r.tags ?? [],
      obligations: r.obligations ?? [],
      shadow: r.mode === 'shadow',
      test,
    });
  });

  if (errors.length > 0) return { ok: false, errors };
  // What the active rules read of `credit` (a conservative textual scan): a field they need that the
  // credit port cannot supply fails the decision closed instead of reading a default.
  const creditFields = new Set<string>();
  for (const r of spec.rules)
    if (r.mode !== 'shadow') for (const m of r.expression.matchAll(/\bcredit\.(\w+)/g)) creditFields.add(m[1]!);
  const suitabilityFields = new Set<string>();
  for (const r of spec.rules)
    if (r.mode !== 'shadow')
      for (const m of r.expression.matchAll(/\bsuitability\.(\w+)/g)) suitabilityFields.add(m[1]!);
  return {
    ok: true,
    ruleSet: {
      version: spec.version,
      spec,
      timeZone,
      acceptTestCurrency: spec.acceptTestCurrency === true,
      features: features.filter((f): f is CompiledFeature => f !== undefined),
      rules,
      typologies,
      lists,
      calendar: deps.calendar,
      creditFields,
      suitabilityFields,
    },
  };
}
