import type { WorkingCalendar } from '../../../kernel/index.ts';
import type { CompiledFeature } from '../features/compiled.ts';
import type { NormalizedEvent } from '../normalize.ts';
import type { CreditInput } from '../credit-input.ts';
import type { SuitabilityInput } from '../suitability-input.ts';
import type { ScreeningInput } from '../screening-input.ts';
import type { ObligationSpec, RuleSetSpec, TypologySpec } from './schema.ts';

export type Outcome = 'allow' | 'review' | 'block';

/** What a compiled rule reads: the rule's CEL activation. */
export interface RuleInput {
  readonly event: NormalizedEvent;
  readonly features: Readonly<Record<string, number | boolean>>;
  readonly party: Readonly<Record<string, unknown>>;
  readonly lists: Readonly<Record<string, readonly string[]>>;
  readonly screening: ScreeningInput;
  /** Absent (callers other than decide, e.g. benchmarks): a rule reading `credit` fails, closed. */
  readonly credit?: CreditInput;
  /** Absent: a rule reading `suitability` fails, closed. */
  readonly suitability?: SuitabilityInput;
}

export interface CompiledRule {
  readonly id: string;
  readonly name: string;
  readonly nameZh: string;
  readonly reason: string;
  readonly reasonZh: string;
  readonly outcome: Outcome;
  readonly weight: number;
  readonly typology: string | undefined;
  readonly tags: readonly string[];
  readonly obligations: readonly ObligationSpec[];
  readonly shadow: boolean;
  /** Returns whether the rule fires; throws when the rule cannot be evaluated. */
  readonly test: (input: RuleInput) => boolean;
}

/** A rule set turned into closures, ready for the hot path. Immutable once built. */
export interface CompiledRuleSet {
  readonly version: string;
  readonly spec: RuleSetSpec;
  readonly timeZone: string;
  /** Amounts in XTS (the ISO 4217 testing code) are accepted: a tenant's opt-in for test clients. */
  readonly acceptTestCurrency: boolean;
  readonly features: readonly CompiledFeature[];
  readonly rules: readonly CompiledRule[];
  readonly typologies: ReadonlyMap<string, TypologySpec>;
  readonly lists: Readonly<Record<string, readonly string[]>>;
  readonly calendar: WorkingCalendar;
  /** The `credit.*` fields the active rules read (empty: no rule needs the credit port to succeed). */
  readonly creditFields?: ReadonlySet<string>;
  /** The `suitability.*` fields the active rules read. */
  readonly suitabilityFields?: ReadonlySet<string>;
}

export interface RuleSetDiagnostic {
  /** JSON pointer into the rule set document. */
  pointer: string;
  message: string;
  /** 1-based position inside the CEL expression, when the error is in one. */
  exprLine?: number;
  exprColumn?: number;
  code: string;
}
