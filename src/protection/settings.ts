/** A tenant's complaint settings over the shipped defaults: clock policies per regulator, four eyes. */
import type { ClassificationTable } from './core/classification.ts';
import { defaultClockPolicies, type ClockPolicy } from './core/clocks.ts';
import { defaultFourEyes, type FourEyesPolicy } from './core/workflow.ts';

export interface ComplaintSettings {
  /** The regulator whose clock applies when a complaint names none. */
  defaultRegulator: string;
  clocks: Record<string, ClockPolicy>;
  fourEyes: FourEyesPolicy;
  /** The tenant's own classification table; absent: the shipped one (JR/T 0250 axes). */
  classification?: ClassificationTable | undefined;
}

export const defaultSettings: ComplaintSettings = {
  defaultRegulator: 'pboc',
  clocks: { ...defaultClockPolicies },
  fourEyes: defaultFourEyes,
};

/** Stored overrides merged over the defaults: a tenant may change one figure of one regulator. */
export function mergeSettings(stored: unknown): ComplaintSettings {
  const s = (stored ?? {}) as Partial<{
    defaultRegulator: string;
    clocks: Record<string, Partial<ClockPolicy>>;
    fourEyes: Partial<FourEyesPolicy>;
    classification: Omit<ClassificationTable, 'id' | 'source' | 'sourceZh'> & Partial<ClassificationTable>;
  }>;
  const clocks: Record<string, ClockPolicy> = { ...defaultSettings.clocks };
  for (const [k, v] of Object.entries(s.clocks ?? {})) {
    const base = clocks[k] ?? defaultClockPolicies.pboc;
    if (base) clocks[k] = { ...base, ...v, source: v.source ?? (clocks[k] ? base.source : 'tenant setting') };
  }
  return {
    defaultRegulator: s.defaultRegulator ?? defaultSettings.defaultRegulator,
    clocks,
    fourEyes: { thresholds: { ...defaultSettings.fourEyes.thresholds, ...(s.fourEyes?.thresholds ?? {}) } },
    ...(s.classification
      ? {
          classification: {
            id: s.classification.id ?? 'tenant',
            source: s.classification.source ?? 'Tenant table',
            sourceZh: s.classification.sourceZh ?? '租户自定义编码表',
            categories: s.classification.categories,
            causes: s.classification.causes,
          },
        }
      : {}),
  };
}
