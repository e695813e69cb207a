import { useTranslation } from 'react-i18next';
import { formatDateTime, formatMoney } from './format.ts';
import { useSession } from './use-session.ts';

/** Formatting in the console's language and the tenant's time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const { timeZone } = useSession();
  const lang = i18n.language;
  return {
    lang,
    timeZone,
    dateTime: (ms: number | null | undefined) => formatDateTime(ms, lang, timeZone),
    money: (value: string | null | undefined, currency: string | null | undefined) =>
      formatMoney(value, currency, lang),
  };
}
