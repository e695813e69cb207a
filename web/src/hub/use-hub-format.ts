import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from '../lib/format.ts';
import { minorToDecimal } from './logic.ts';

/** The hub reads days as the regulators do (China Standard Time, as its report deadlines). */
export const HUB_TIME_ZONE = 'Asia/Shanghai';

/** Dates and amounts in the console's language for the hub pages. */
export function useHubFormat() {
  const { i18n, t } = useTranslation();
  const lang = i18n.language;
  const digits = (currency: string) =>
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return {
    lang,
    zh: lang.startsWith('zh'),
    dateTime: (ms: number | null | undefined) => formatDateTime(ms, lang, HUB_TIME_ZONE),
    minor: (minor: number, currency: string) => formatMoney(minorToDecimal(minor, digits(currency)), currency, lang),
    hours: (h: number | null) => (h === null ? '—' : t('hub.common.hours', { n: h })),
  };
}
