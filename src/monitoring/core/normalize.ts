import {
  dayNumber,
  localDate,
  parseMoney,
  parseTimestamp,
  type ErrorDetail,
  type FxTable,
  catalogue,
  type ErrorCode,
} from '../../kernel/index.ts';
import { monetaryTypes, type EventInput, type EventType } from './event-schema.ts';

/** The event as rules and features see it: amounts in minor units, time as epoch ms and local day. */
export interface NormalizedEvent {
  readonly id: string;
  readonly type: EventType;
  readonly occurredAt: string;
  /** Epoch milliseconds. */
  readonly time: number;
  /** Calendar date in the tenant's time zone, YYYY-MM-DD. */
  readonly localDate: string;
  readonly day: number;
  readonly amount?: {
    readonly value: string;
    readonly currency: string;
    readonly minor: number;
    /** US-dollar cents at the dated FX rate; -1 when no rate is known. */
    readonly usdMinor: number;
  };
  readonly debtor?: NormalizedParty;
  readonly creditor?: NormalizedParty;
  readonly channel: string;
  readonly device?: { readonly id?: string; readonly ip?: string };
  readonly attributes: Readonly<Record<string, string | number | boolean | null>>;
  /** Both parties' countries are known and differ. */
  readonly crossBorder: boolean;
}

export interface NormalizedParty {
  readonly partyId: string;
  /** `organization` whichever spelling came in (see PartySchema). */
  readonly partyType: 'person' | 'organization';
  readonly accountId?: string;
  readonly name?: string;
  readonly country?: string;
  readonly isCustomer: boolean;
}

const detail = (code: ErrorCode, pointer: string, message?: string): ErrorDetail & { code: ErrorCode } => ({
  code,
  pointer,
  message: message ?? catalogue[code].en,
  messageZh: catalogue[code].zh,
});

/** Parties that large-value and typology rules need: without them a rule could not be evaluated. */
const requiredParties: Partial<Record<EventType, readonly ('debtor' | 'creditor')[]>> = {
  transfer: ['debtor', 'creditor'],
  payment: ['debtor', 'creditor'],
  cash_withdrawal: ['debtor'],
  cash_deposit: ['creditor'],
};

export type NormalizeResult =
  { ok: true; event: NormalizedEvent } | { ok: false; errors: (ErrorDetail & { code: ErrorCode })[] };

/**
 * Checks what the JSON schema cannot (real dates, currency exponents, amounts required by type) and
 * derives what rules need. Pure: the FX table and time zone come in as arguments.
 */
export function normalizeEvent(
  input: EventInput,
  ctx: { timeZone: string; fx: FxTable; acceptTestCurrency?: boolean },
): NormalizeResult {
  const errors: (ErrorDetail & { code: ErrorCode })[] = [];
  const time = parseTimestamp(input.occurredAt);
  if (time === undefined) errors.push(detail('ZHILI_E_TIMESTAMP', '/occurredAt'));
  const date = time === undefined ? '' : localDate(time, ctx.timeZone);
  let amount: NormalizedEvent['amount'];
  if (input.amount) {
    const m = parseMoney(input.amount.value, input.amount.currency, {
      acceptTestCurrency: ctx.acceptTestCurrency === true,
    });
    if (!m.ok) {
      errors.push(detail(m.error, m.error === 'ZHILI_E_UNKNOWN_CURRENCY' ? '/amount/currency' : '/amount/value'));
    } else if (time !== undefined) {
      amount = {
        value: input.amount.value,
        currency: m.value.currency,
        minor: m.value.minor,
        usdMinor: ctx.fx.toUsdMinor(m.value.minor, m.value.currency, date) ?? -1,
      };
    }
  } else if (monetaryTypes.has(input.type)) {
    errors.push(detail('ZHILI_E_VALIDATION', '/amount', `A ${input.type} event must have an amount.`));
  }
  for (const side of requiredParties[input.type] ?? []) {
    if (!input[side])
      errors.push(detail('ZHILI_E_VALIDATION', `/${side}`, `A ${input.type} event must name its ${side}.`));
  }
  if (errors.length > 0 || time === undefined) return { ok: false, errors };
  const party = (p: EventInput['debtor']): NormalizedParty | undefined =>
    p && {
      partyId: p.partyId,
      partyType: p.partyType === 'person' ? 'person' : 'organization',
      ...(p.accountId === undefined ? {} : { accountId: p.accountId }),
      ...(p.name === undefined ? {} : { name: p.name }),
      ...(p.country === undefined ? {} : { country: p.country }),
      isCustomer: p.isCustomer ?? true,
    };
  const debtor = party(input.debtor);
  const creditor = party(input.creditor);
  return {
    ok: true,
    event: {
      id: input.id,
      type: input.type,
      occurredAt: input.occurredAt,
      time,
      localDate: date,
      day: dayNumber(date),
      ...(amount ? { amount } : {}),
      ...(debtor ? { debtor } : {}),
      ...(creditor ? { creditor } : {}),
      channel: input.channel ?? '',
      ...(input.device ? { device: input.device } : {}),
      attributes: input.attributes ?? {},
      crossBorder:
        debtor?.country !== undefined && creditor?.country !== undefined && debtor.country !== creditor.country,
    },
  };
}
