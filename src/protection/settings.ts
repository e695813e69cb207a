/** A tenant's complaint settings over the shipped defaults: clock policies per regulator, four eyes. */
import { defaultClockPolicies, type ClockPolicy } from './core/clocks.ts';
import { defaultFourEyes, type FourEyesPolicy } from './core/workflow.ts';

export interface ComplaintSettings {
  /** The regulator whose clock applies when a complaint names none. */
  defaultRegulator: string;
  clocks: Record<string, ClockPolicy>;
  fourEyes: FourEyesPolicy;
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
  };
}
