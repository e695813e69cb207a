import { ZhiliError, type ErrorCode, type ErrorDetail } from '../kernel/index.ts';

export type PartyErrorKind = 'c3' | 'erased' | 'stale';

/** Catalogue codes for this module's errors. */
const codes: Record<PartyErrorKind, ErrorCode> = {
  c3: 'ZHILI_E_PII_C3',
  erased: 'ZHILI_E_PII_ERASED',
  stale: 'ZHILI_E_STALE_WRITE',
};
export const partyErrorCodes: Readonly<Record<PartyErrorKind, ErrorCode>> = codes;
const texts: Record<PartyErrorKind, { en: string; zh: string }> = {
  c3: {
    en: 'Authentication data (JR/T 0171 class C3: passwords, PINs, CVV, one-time codes) is never accepted.',
    zh: '不接受鉴别信息（JR/T 0171 C3 类：密码、PIN、CVV、验证码等）。',
  },
  erased: {
    en: 'This personal data was erased (its key is destroyed).',
    zh: '该个人信息已被删除（密钥已销毁），无法读取。',
  },
  stale: {
    en: 'Someone else changed this at the same time; reload and retry.',
    zh: '该记录已被他人同时修改，请刷新后重试。',
  },
};

export function partyError(
  kind: PartyErrorKind,
  opts: { pointer?: string; details?: ErrorDetail[]; cause?: unknown } = {},
): ZhiliError {
  return new ZhiliError(codes[kind], { message: texts[kind].en, messageZh: texts[kind].zh, ...opts });
}
