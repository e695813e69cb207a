import { ZhiliError, type ErrorDetail, type WorkingCalendar } from '../kernel/index.ts';
import type { CompiledRuleSet } from './core/rules/compiled.ts';
import { compileRuleSet } from './core/rules/compile.ts';

/** Compiles a rule set document or throws ZHILI_E_RULESET_INVALID naming every problem. */
export function compileOrThrow(
  doc: unknown,
  deps: { calendar: WorkingCalendar; defaultTimeZone: string },
): CompiledRuleSet {
  const r = compileRuleSet(doc, deps);
  if (!r.ok) {
    throw new ZhiliError('ZHILI_E_RULESET_INVALID', {
      details: r.errors.map((e) => ({
        pointer: e.pointer,
        message: e.exprLine === undefined ? e.message : `${e.message} (expression ${e.exprLine}:${e.exprColumn})`,
        messageZh:
          e.exprLine === undefined ? e.message : `${e.message}（表达式第 ${e.exprLine} 行第 ${e.exprColumn} 列）`,
      })),
    });
  }
  return r.ruleSet;
}

export function validationError(details: ErrorDetail[]): ZhiliError {
  const first = details[0];
  return new ZhiliError('ZHILI_E_VALIDATION', {
    pointer: first?.pointer ?? '',
    ...(first ? { message: first.message, messageZh: first.messageZh } : {}),
    details,
  });
}
