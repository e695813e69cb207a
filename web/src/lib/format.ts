// Dates in the tenant's time zone and money by currency, for the console's language.

export function formatDateTime(ms: number | null | undefined, lang: string, timeZone: string): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(ms);
}

/** A decimal string from the API ("50000.00") with its ISO 4217 code; never through a float for display. */
export function formatMoney(
  value: string | null | undefined,
  currency: string | null | undefined,
  lang: string,
): string {
  if (value === null || value === undefined || !currency) return '—';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m) return `${value} ${currency}`;
  const [, sign = '', int = '0', frac = ''] = m;
  const digits =
    new Intl.NumberFormat(lang, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const parts = new Intl.NumberFormat(lang, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
  }).formatToParts(sign ? -1 : 1);
  const group = new Intl.NumberFormat(lang).formatToParts(1000).find((p) => p.type === 'group')?.value ?? ',';
  const decimal = new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const f = frac.padEnd(digits, '0').slice(0, Math.max(digits, frac.replace(/0+$/, '').length));
  const number = f ? `${grouped}${decimal}${f}` : grouped;
  return parts
    .map((p) =>
      p.type === 'integer'
        ? number
        : p.type === 'group' || p.type === 'decimal' || p.type === 'fraction'
          ? ''
          : p.value,
    )
    .join('');
}

/** Remaining time as whole hours (negative when past), for SLA columns. */
export function hoursLeft(remainingMs: number): number {
  return Math.trunc(remainingMs / 3_600_000);
}
