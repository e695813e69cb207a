/** A tenant's request deadlines over the shipped policies: a tenant may change one figure of one policy. */
import { defaultDeadlinePolicies, type DeadlinePolicy } from './core/deadlines.ts';
import type { RequestSettingsInput } from './schemas.ts';

export interface RequestSettings {
  defaultPolicy: string;
  policies: Record<string, DeadlinePolicy>;
}

export function mergeRequestSettings(stored: RequestSettingsInput | undefined): RequestSettings {
  const policies: Record<string, DeadlinePolicy> = { ...defaultDeadlinePolicies };
  for (const [k, v] of Object.entries(stored?.policies ?? {})) {
    const base = policies[k];
    const fallback = defaultDeadlinePolicies['app-rules'] as DeadlinePolicy;
    policies[k] = { ...(base ?? fallback), ...v, source: v.source ?? (base ? base.source : 'tenant setting') };
  }
  const defaultPolicy = stored?.defaultPolicy ?? 'app-rules';
  return { defaultPolicy: policies[defaultPolicy] ? defaultPolicy : 'app-rules', policies };
}
