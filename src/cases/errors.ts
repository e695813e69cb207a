import { catalogue, ZhiliError, type ErrorCode, type ErrorDetail } from '../kernel/index.ts';

export type CaseErrorKind =
  | 'illegal_transition'
  | 'four_eyes'
  | 'pending_approval'
  | 'stale'
  | 'report_invalid'
  | 'report_profile'
  | 'report_incomplete'
  | 'personal_data_erased';

/**
 * The catalogue codes this module asks for, and the existing codes it uses until they are in the
 * catalogue (kernel/errors.ts is another module's file): the preferred code wins as soon as it exists.
 */
export const preferredCodes: Record<CaseErrorKind, string> = {
  illegal_transition: 'ZHILI_E_CASE_TRANSITION',
  four_eyes: 'ZHILI_E_FOUR_EYES',
  pending_approval: 'ZHILI_E_CASE_PENDING_APPROVAL',
  stale: 'ZHILI_E_STALE_WRITE',
  report_invalid: 'ZHILI_E_REPORT_INVALID',
  report_profile: 'ZHILI_E_REPORT_PROFILE_MISSING',
  report_incomplete: 'ZHILI_E_REPORT_INCOMPLETE',
  personal_data_erased: 'ZHILI_E_PERSONAL_DATA_ERASED',
};
const fallbackCodes: Record<CaseErrorKind, ErrorCode> = {
  illegal_transition: 'ZHILI_E_CONFLICT',
  four_eyes: 'ZHILI_E_FORBIDDEN',
  pending_approval: 'ZHILI_E_CONFLICT',
  stale: 'ZHILI_E_CONFLICT',
  report_invalid: 'ZHILI_E_VALIDATION',
  report_profile: 'ZHILI_E_VALIDATION',
  report_incomplete: 'ZHILI_E_VALIDATION',
  personal_data_erased: 'ZHILI_E_CONFLICT',
};

export function caseError(
  kind: CaseErrorKind,
  opts: { pointer?: string; message?: string; messageZh?: string; details?: ErrorDetail[]; cause?: unknown } = {},
): ZhiliError {
  const preferred = preferredCodes[kind];
  const code = (preferred in catalogue ? preferred : fallbackCodes[kind]) as ErrorCode;
  return new ZhiliError(code, opts);
}
