import { readFileSync } from 'node:fs';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import {
  FincenProfileSchema,
  GoamlProfileSchema,
  PbocProfileSchema,
  type FincenProfile,
  type GoamlProfile,
  type PbocProfile,
} from '../cases/index.ts';
import { ConfigError, type Config } from './config.ts';

/** The tenants' reporting identities, as the cases module takes them. */
export interface ReportingProfiles {
  profileOf: (tenantId: string) => Omit<PbocProfile, 'timeZone'> | undefined;
  goamlProfileOf: (tenantId: string) => Omit<GoamlProfile, 'timeZone'> | undefined;
  fincenProfileOf: (tenantId: string) => Omit<FincenProfile, 'timeZone'> | undefined;
}

function check<T>(variable: string, schema: TSchema, value: unknown): T {
  const first = Value.Errors(schema, value).First();
  if (first) throw new ConfigError(variable, `${first.path || '/'} ${first.message}`);
  return value as T;
}

/** JSON text, or `@/path/to/file.json`. */
function json(variable: string, raw: string): unknown {
  let text = raw;
  if (raw.startsWith('@'))
    try {
      text = readFileSync(raw.slice(1), 'utf8');
    } catch (e) {
      throw new ConfigError(variable, `cannot read ${raw.slice(1)}`, { cause: e });
    }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(variable, `is not JSON (${(e as Error).message})`, { cause: e });
  }
}

/**
 * Reads and validates the reporting profiles at start: a bad one stops the process naming the variable
 * (ZHILI_PBOC_*, ZHILI_GOAML_PROFILE, ZHILI_FINCEN_PROFILE) instead of failing the first draft.
 */
export function reportingProfilesOf(c: Config): ReportingProfiles {
  let pboc: Omit<PbocProfile, 'timeZone'> | undefined;
  if (c.pbocInstitutionCode) {
    const p = {
      institutionCode: c.pbocInstitutionCode,
      industry: c.pbocIndustry ?? 'B',
      branchCode: c.pbocBranchCode ?? c.pbocInstitutionCode,
      ...(c.pbocAreaCode ? { areaCode: c.pbocAreaCode } : {}),
    };
    pboc = check('ZHILI_PBOC_INSTITUTION_CODE', PbocProfileSchema, p);
  }
  const goaml = c.goamlProfile
    ? check<Omit<GoamlProfile, 'timeZone'>>(
        'ZHILI_GOAML_PROFILE',
        GoamlProfileSchema,
        json('ZHILI_GOAML_PROFILE', c.goamlProfile),
      )
    : undefined;
  const fincen = c.fincenProfile
    ? check<Omit<FincenProfile, 'timeZone'>>(
        'ZHILI_FINCEN_PROFILE',
        FincenProfileSchema,
        json('ZHILI_FINCEN_PROFILE', c.fincenProfile),
      )
    : undefined;
  return { profileOf: () => pboc, goamlProfileOf: () => goaml, fincenProfileOf: () => fincen };
}
