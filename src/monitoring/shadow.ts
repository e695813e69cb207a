import type { NormalizedEvent } from './core/normalize.ts';
import { FeatureState } from './core/features/state.ts';
import type { CompiledRuleSet } from './core/rules/compiled.ts';
import { decide, type ShadowRuleSetDecision } from './core/rules/decide.ts';
import type { TenantRecord } from '../store/index.ts';

export interface TenantRuntime {
  readonly tenant: TenantRecord;
  readonly ruleSet: CompiledRuleSet;
  readonly features: FeatureState;
  /** A version evaluated beside the active one on every decision, never changing the outcome. */
  readonly shadow?: ShadowRuntime;
  /**
   * The stored shadow version could not be compiled (a pack written for an older release, say): the
   * tenant decides on, and every decision says why its shadow result is missing (see shadowFailed).
   */
  readonly shadowFailure?: { readonly version: string; readonly error: string };
}

export interface TenantSetup {
  tenant: TenantRecord;
  ruleSet: CompiledRuleSet;
  /** Absent: read from the store. */
  shadow?: CompiledRuleSet | null;
}

/** A rule-set version evaluated beside the active one, with its own window state. */
export interface ShadowRuntime {
  readonly ruleSet: CompiledRuleSet;
  readonly features: FeatureState;
}

export function shadowRuntime(ruleSet: CompiledRuleSet): ShadowRuntime {
  return { ruleSet, features: new FeatureState(ruleSet.features) };
}

/**
 * Decides one event with the shadow version and records it in the shadow windows. Whatever happens
 * here is only reported: a failure becomes `error` in the summary, never a failed request.
 */
export function evaluateShadow(shadow: ShadowRuntime, event: NormalizedEvent, now: number): ShadowRuleSetDecision {
  const version = shadow.ruleSet.version;
  try {
    const fv = shadow.features.values(event);
    const d = decide(
      shadow.ruleSet,
      event,
      fv.values,
      fv.errors.map((e) => ({ featureId: e.featureId, message: e.message })),
      {},
      now,
    );
    shadow.features.record(event);
    return { version, outcome: d.outcome, score: d.score, ruleIds: d.reasons.map((r) => r.ruleId) };
  } catch (e) {
    return { version, outcome: 'review', score: 0, ruleIds: [], error: e instanceof Error ? e.message : String(e) };
  }
}

/** What a decision records for a shadow version that could not be compiled: the version and why. */
export function shadowFailed(failure: { version: string; error: string }): ShadowRuleSetDecision {
  return { version: failure.version, outcome: 'review', score: 0, ruleIds: [], error: failure.error };
}
