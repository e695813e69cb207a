import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FxTableData } from '../../kernel/index.ts';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

/** The rule set every new tenant starts with: the PBOC large-value rules. */
export function defaultRuleSetDocument(): unknown {
  return JSON.parse(readFileSync(here('./default.json'), 'utf8')) as unknown;
}

/** Rule sets a tenant can start with (`zhili tenant create --rule-set NAME`). */
export const builtInRuleSets = ['default', 'aml-typologies', 'tazama-compat', 'cn-lending', 'cn-suitability'] as const;
export type BuiltInRuleSet = (typeof builtInRuleSets)[number];

export function isBuiltInRuleSet(name: string): name is BuiltInRuleSet {
  return (builtInRuleSets as readonly string[]).includes(name);
}

/** A built-in rule set document: `tazama-compat` is Tazama's public sample configuration (rule 901, EFRuP). */
export function builtInRuleSetDocument(name: BuiltInRuleSet): unknown {
  return JSON.parse(readFileSync(here(`./${name}.json`), 'utf8')) as unknown;
}

/** The built-in dated FX table, or the operator's own file (ZHILI_FX_FILE). */
export function fxTableData(file?: string): FxTableData {
  return JSON.parse(readFileSync(file ?? here('./fx-usd.json'), 'utf8')) as FxTableData;
}
