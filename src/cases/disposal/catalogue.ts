import { readFileSync } from 'node:fs';
import { catalogueProblems, type PlanCatalogue } from './plans.ts';

let cached: PlanCatalogue | undefined;

/** The disposal plans shipped with the module (`plans.json`, versioned data), checked once on first use. */
export function disposalCatalogue(): PlanCatalogue {
  if (cached) return cached;
  const c = JSON.parse(readFileSync(new URL('./plans.json', import.meta.url), 'utf8')) as PlanCatalogue;
  const problems = catalogueProblems(c);
  if (problems.length > 0) throw new Error(`invalid disposal plans: ${problems.join('; ')}`);
  cached = c;
  return c;
}
