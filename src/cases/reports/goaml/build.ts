import { formatMoney, parseMoney } from '../../../kernel/index.ts';
import { customerOf, partyOf } from '../../core/alerts.ts';
import { el, serializeXml, type XmlNode } from '../../core/xml.ts';
import type { CaseTransaction } from '../pboc/bstr.ts';
import { localStamp } from '../pboc/profile.ts';
import type { GoamlProfile } from './profile.ts';

export interface GoamlInput {
  kind: 'str' | 'ctr';
  /** Our reference for the report (entity_reference). */
  reference: string;
  submittedAt: number;
  reason?: string;
  action?: string;
  indicators: string[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const cash = new Set(['cash_withdrawal', 'cash_deposit']);

/** YYYY-MM-DDThh:mm:ss in the tenant's zone (goAML dates carry no offset). */
export const goamlDateTime = (ms: number, tz: string): string => {
  const t = localStamp(ms, tz);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`;
};

/** first_name / last_name from a full name: `Given Family`; a CJK name's first character is the family name. */
export function splitName(full: string | undefined): { first: string; last: string } {
  const n = (full ?? '').trim();
  if (n === '') return { first: 'UNKNOWN', last: 'UNKNOWN' };
  const parts = n.split(/\s+/);
  if (parts.length > 1) return { first: parts.slice(0, -1).join(' '), last: parts[parts.length - 1] as string };
  if (/^[\u3400-\u9fff]{2,}$/.test(n)) return { first: n.slice(1), last: n.slice(0, 1) };
  return { first: n, last: n };
}

function person(name: string, attrs: Obj, role: string, country: string | undefined): XmlNode {
  const { first, last } = splitName(str(attrs[`${role}Name`]));
  const id = str(attrs[`${role}IdNumber`]);
  return el(name, [
    el('first_name', first),
    el('last_name', last),
    ...(id ? [el('id_number', id)] : []),
    ...(country ? [el('nationality1', country)] : []),
  ]);
}

function transaction(p: GoamlProfile, it: CaseTransaction): XmlNode {
  const e = obj(it.event);
  const attrs = obj(e.attributes);
  const customer = customerOf(it.eventType, it.event);
  const amount = obj(e.amount);
  const money = parseMoney(str(amount.value) ?? '0', str(amount.currency) ?? p.currencyCodeLocal);
  const value = money.ok ? formatMoney({ minor: money.value.minor, currency: money.value.currency }) : '0';
  const isCash = cash.has(it.eventType);
  const country = (x: Obj): string => str(x.country) ?? p.location.countryCode;
  const sideOf = (dir: 'from' | 'to', role: 'debtor' | 'creditor'): XmlNode => {
    const party = obj(e[role]);
    const mine = partyOf(e[role])?.partyId === customer;
    const funds = isCash && !mine ? p.fundsCodes.cash : p.fundsCodes.account;
    let subject: XmlNode;
    if (mine) {
      subject = el(`${dir}_account`, [
        el('institution_name', p.institutionName),
        ...(p.swift ? [el('swift', p.swift)] : []),
        el('account', str(party.accountId) ?? 'UNKNOWN'),
        el('currency_code', str(amount.currency) ?? p.currencyCodeLocal),
        el('client_number', customer),
        el('personal_account_type', p.personalAccountType),
        el('signatory', [person('t_person', attrs, role, str(party.country))]),
        el('status_code', p.accountStatusCode),
      ]);
    } else if (isCash) {
      // The cash side is the customer in person (who brings or takes the cash).
      const other = role === 'debtor' ? 'creditor' : 'debtor';
      subject = person(`${dir}_person`, attrs, other, str(obj(e[other]).country));
    } else if (str(party.accountId)) {
      subject = el(`${dir}_account`, [
        ...(str(attrs.counterpartyBank) ? [el('institution_name', str(attrs.counterpartyBank))] : []),
        el('account', str(party.accountId)),
      ]);
    } else subject = person(`${dir}_person`, attrs, role, str(party.country));
    return el(`t_${dir}${mine ? '_my_client' : ''}`, [
      el(`${dir}_funds_code`, funds),
      subject,
      el(`${dir}_country`, country(party)),
    ]);
  };
  return el('transaction', [
    el('transactionnumber', it.eventId),
    el('internal_ref_number', it.eventId),
    ...(str(attrs.purpose) ? [el('transaction_description', str(attrs.purpose))] : []),
    el('date_transaction', goamlDateTime(it.occurredAt, p.timeZone)),
    el('transmode_code', p.transmodeCodes[it.eventType] ?? p.defaultTransmode),
    el('amount_local', value),
    sideOf('from', 'debtor'),
    sideOf('to', 'creditor'),
  ]);
}

/** A goAML STR or CTR: the header from the profile, one bi-party transaction per event, the indicators. */
export function buildGoaml(
  p: GoamlProfile,
  items: readonly CaseTransaction[],
  q: GoamlInput,
): { xml: string; transactions: number } {
  const sorted = [...items].sort((a, b) => a.occurredAt - b.occurredAt || a.eventId.localeCompare(b.eventId));
  const rp = p.reportingPerson;
  const root = el('report', [
    el('rentity_id', p.rentityId),
    ...(p.rentityBranch ? [el('rentity_branch', p.rentityBranch)] : []),
    el('submission_code', p.submissionCode ?? 'E'),
    el('report_code', q.kind === 'str' ? p.reportCodes.str : p.reportCodes.ctr),
    el('entity_reference', q.reference),
    el('submission_date', goamlDateTime(q.submittedAt, p.timeZone)),
    el('currency_code_local', p.currencyCodeLocal),
    el('reporting_person', [
      el('first_name', rp.firstName),
      el('last_name', rp.lastName),
      ...(rp.email ? [el('email', rp.email)] : []),
      ...(rp.occupation ? [el('occupation', rp.occupation)] : []),
    ]),
    el('location', [
      el('address_type', p.location.addressType),
      el('address', p.location.address),
      el('city', p.location.city),
      el('country_code', p.location.countryCode),
    ]),
    ...(q.reason ? [el('reason', q.reason)] : []),
    ...(q.action ? [el('action', q.action)] : []),
    ...sorted.map((it) => transaction(p, it)),
    el(
      'report_indicators',
      q.indicators.map((i) => el('indicator', i)),
    ),
  ]);
  return { xml: serializeXml(root), transactions: sorted.length };
}
