/** A tenant's suitability settings over the shipped defaults. */
import { defaultMismatch, type MismatchPolicies } from './core/matching.ts';

export interface SuitabilitySettings {
  /**
   * How long an assessment counts, in months; then the customer is "expired" and must be re-assessed.
   * Default 24: a common practice for securities and fund investors; banks' wealth products often use 12.
   */
  expiryMonths: number;
  /**
   * The cooling-off period after a purchase, in hours. Default 24: the minimum of the CBIRC Measures for
   * Wealth Management Business (2018 No. 6, private products) and the AMAC private-fund sales
   * measures (2016, art. 31) — within it the investor may cancel and must get the full amount back.
   */
  coolingOffHours: number;
  /** Per category, what happens to a purchase above it (C1: always refused). */
  mismatch: MismatchPolicies;
  /** How long a professional-investor status lasts once approved, in months. */
  professionalMonths: number;
  /** The questionnaire new assessments use; absent: the shipped one. */
  questionnaire?: { id: string; version: number } | undefined;
}

export const defaultSuitabilitySettings: SuitabilitySettings = {
  expiryMonths: 24,
  coolingOffHours: 24,
  mismatch: defaultMismatch,
  professionalMonths: 24,
};

/** What a tenant may override (validated at the boundary by the HTTP schema). */
export type SuitabilitySettingsInput = Partial<Omit<SuitabilitySettings, 'mismatch'>> & {
  mismatch?: Partial<MismatchPolicies> | undefined;
};

/** Overrides (checked by the API's schema when written and by the store's when read) over the defaults. */
export function mergeSuitabilitySettings(stored: SuitabilitySettingsInput | undefined): SuitabilitySettings {
  const s = stored ?? {};
  return {
    expiryMonths: s.expiryMonths ?? defaultSuitabilitySettings.expiryMonths,
    coolingOffHours: s.coolingOffHours ?? defaultSuitabilitySettings.coolingOffHours,
    mismatch: { ...defaultMismatch, ...(s.mismatch ?? {}) },
    professionalMonths: s.professionalMonths ?? defaultSuitabilitySettings.professionalMonths,
    ...(s.questionnaire ? { questionnaire: s.questionnaire } : {}),
  };
}
