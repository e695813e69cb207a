import { formatMoney, parseMoney } from '../../../kernel/index.ts';
import { customerOf, partyOf } from '../../core/alerts.ts';
import { el, serializeXml, type XmlNode } from '../../core/xml.ts';
import { nationality } from './nationality.ts';
import { countryAlpha3, localStamp, type PbocProfile } from './profile.ts';

/** One large-value obligation with the event it is about. */
export interface LargeValueItem {
  alertId: string;
  /** Large-value feature code (CRCD), e.g. 0501. */
  code: string;
  eventId: string;
  eventType: string;
  event: unknown;
  occurredAt: number;
}

/** What a deletion or correction needs to name an original transaction. */
export interface TransactionKey {
  csnm: string;
  htdt: string;
  crcd: string;
  ticd: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const s = (v: unknown, fallback = '@N'): string =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : fallback;
const seq = (nodes: XmlNode[]): XmlNode[] => nodes.map((n, i) => ({ ...n, attrs: { seqno: String(i + 1) } }));

export function transaction(p: PbocProfile, it: LargeValueItem, customerId: string): XmlNode {
  const e = obj(it.event);
  const attrs = obj(e.attributes);
  const debtor = obj(e.debtor);
  const isDebtor = partyOf(e.debtor)?.partyId === customerId;
  const me = isDebtor ? debtor : obj(e.creditor);
  const other = isDebtor ? obj(e.creditor) : debtor;
  const otherRole = isDebtor ? 'creditor' : 'debtor';
  const amount = obj(e.amount);
  const money = parseMoney(s(amount.value, '0'), s(amount.currency, 'CNY'));
  const crat = money.ok ? formatMoney({ minor: money.value.minor, currency: money.value.currency }) : '0.00';
  const currency = s(amount.currency, 'CNY');
  const cash = it.eventType === 'cash_deposit' || it.eventType === 'cash_withdrawal';
  const twoDp = (v: string): string => (/\.\d{2}$/.test(v) ? v : /\.\d$/.test(v) ? `${v}0` : `${v}.00`);
  return el('TSDT', [
    el('RINI', [el('FINC', p.branchCode), el('RLFC', '00')]),
    el('ATIF', [
      el('CATP', p.accountTypeCode ?? '@N'),
      el('CTAC', s(me.accountId)),
      el('OATM', '@N'),
      el('CBCT', '@N'),
      el('OCBT', '@N'),
      el('CBCN', '@N'),
    ]),
    el('TBIF', [el('TBNM', '@I'), el('TBIT', '@I'), el('OITP', '@I'), el('TBID', '@I'), el('TBNT', '@I')]),
    el('TSIF', [
      el('TSTM', localStamp(it.occurredAt, p.timeZone)),
      el('TRCD', p.areaCode ?? '@N'),
      el('TICD', it.eventId),
      el('RPMT', '@N'),
      el('RPMN', '@N'),
      el('TSTP', p.transactionTypeCodes?.[it.eventType] ?? '@N'),
      el('OCTT', '@I'),
      el('OOCT', '@I'),
      el('OCEC', '@I'),
      el('BPTC', '@I'),
      el('TSCT', other.country && other.country !== 'CN' ? '@N' : '@I'),
      el('TSDR', isDebtor ? '02' : '01'),
      el('CRPP', s(attrs.purpose)),
      el('CRTP', currency),
      el('CRAT', twoDp(crat)),
      el('CRMB', currency === 'CNY' ? twoDp(crat) : '@N'),
      el('CUSD', currency === 'USD' ? twoDp(crat) : '@N'),
    ]),
    el(
      'TCIF',
      cash
        ? ['CFIN', 'CFCT', 'CFIC', 'CFRC', 'TCNM', 'TCIT', 'OITP', 'TCID', 'TCAT', 'TCAC'].map((n) => el(n, '@I'))
        : [
            el('CFIN', s(attrs.counterpartyBank)),
            el('CFCT', '@N'),
            el('CFIC', '@N'),
            el('CFRC', '@N'),
            el('TCNM', s(attrs[`${otherRole}Name`])),
            el('TCIT', s(attrs[`${otherRole}IdType`])),
            el('OITP', '@I'),
            el('TCID', s(attrs[`${otherRole}IdNumber`])),
            el('TCAT', '@N'),
            el('TCAC', s(other.accountId)),
          ],
    ),
  ]);
}

/**
 * Builds an HVTR document: one CATI per customer and local day, one HTCR per feature code, the
 * customer's identity (CCIF) and its transactions (TSDT). Customer names and identity documents come
 * from the event's attributes (`debtorName`, `debtorIdType`, `debtorIdNumber`, and the creditor's),
 * `@N` when the platform did not send them.
 */
export function buildHvtr(
  p: PbocProfile,
  items: readonly LargeValueItem[],
): { xml: string; transactions: TransactionKey[]; customers: number } {
  const byDay = new Map<
    string,
    { customerId: string; date: string; party: Obj; role: string; items: LargeValueItem[] }
  >();
  for (const it of [...items].sort((a, b) => a.occurredAt - b.occurredAt || a.eventId.localeCompare(b.eventId))) {
    const customerId = customerOf(it.eventType, it.event);
    const date = localStamp(it.occurredAt, p.timeZone).slice(0, 8);
    const key = `${customerId}\u0000${date}`;
    const e = obj(it.event);
    const role = partyOf(e.debtor)?.partyId === customerId ? 'debtor' : 'creditor';
    const g = byDay.get(key) ?? { customerId, date, party: obj(e[role]), role, items: [] };
    g.items.push(it);
    byDay.set(key, g);
  }
  const transactions: TransactionKey[] = [];
  const catis = [...byDay.values()].map((g) => {
    const attrs = obj(obj(g.items[0]?.event).attributes);
    const codes = [...new Set(g.items.map((i) => i.code))].sort();
    return el('CATI', [
      el('CBIF', [
        el('CSNM', g.customerId),
        el('CTNTs', seq([el('CTNT', countryAlpha3(nationality(attrs[`${g.role}Nationality`], g.party.country)))])),
        el('CTVC', s(attrs[`${g.role}Occupation`])),
        el('CCIF', [
          el('CCTLs', seq([el('CCTL', s(attrs[`${g.role}Phone`]))])),
          el('CATRs', seq([el('CTAR', s(attrs[`${g.role}Address`]))])),
          el('CCEIs', seq([el('CCEI', '@N')])),
        ]),
      ]),
      el('HTDT', g.date),
      el(
        'HTCRs',
        seq(
          codes.map((code) => {
            const mine = g.items.filter((i) => i.code === code);
            for (const i of mine) transactions.push({ csnm: g.customerId, htdt: g.date, crcd: code, ticd: i.eventId });
            return el('HTCR', [
              el('CRCD', code),
              el('TTNM', String(mine.length)),
              el(
                'CCIFs',
                seq([
                  el('CCIF', [
                    el('CTNM', s(attrs[`${g.role}Name`])),
                    el('CITP', s(attrs[`${g.role}IdType`])),
                    el('OITP', '@I'),
                    el('CTID', s(attrs[`${g.role}IdNumber`])),
                    el('TSDTs', seq(mine.map((i) => transaction(p, i, g.customerId)))),
                  ]),
                ]),
              ),
            ]);
          }),
        ),
      ),
    ]);
  });
  const root = el('HVTR', [
    el('RBIF', [el('RICD', p.institutionCode), el('CTTN', String(catis.length))]),
    el('CATIs', seq(catis)),
  ]);
  return { xml: serializeXml(root), transactions, customers: catis.length };
}

/** A deletion (DHTR) of transactions reported before. */
export function buildDhtr(p: PbocProfile, keys: readonly TransactionKey[]): string {
  return serializeXml(
    el('DHTR', [
      el('RBIF', [el('RICD', p.institutionCode), el('DTTN', String(keys.length))]),
      el(
        'DTDTs',
        seq(
          keys.map((k) => el('DTDT', [el('CSNM', k.csnm), el('HTDT', k.htdt), el('CRCD', k.crcd), el('TICD', k.ticd)])),
        ),
      ),
    ]),
  );
}
