import { customerOf, partyOf } from '../../core/alerts.ts';
import { el, serializeXml, type XmlNode } from '../../core/xml.ts';
import { splitName } from '../goaml/build.ts';
import type { CaseTransaction } from '../pboc/bstr.ts';
import { localStamp } from '../pboc/profile.ts';
import { address, f, ident, name, number, obj, party, personAddress, S, str } from './parts.ts';
import type { FincenProfile } from './profile.ts';

/** CurrencyTransactionActivityDetailTypeCode per event type: 55 deposit(s) (cash in), 56 withdrawal(s) (cash out) — *ours*, check the user guide. */
export const defaultCtrDetailCodes: Record<string, { code: string; cashIn: boolean }> = {
  cash_deposit: { code: '55', cashIn: true },
  cash_withdrawal: { code: '56', cashIn: false },
};

const cents = (v: unknown): number => Math.round(Number(str(v) ?? '0') * 100);
/** Whole dollars, rounded up (the CTR rule for cents). */
const dollars = (c: number): string => String(Math.ceil(c / 100));

interface Day {
  customer: string;
  date: string;
  role: 'debtor' | 'creditor';
  items: CaseTransaction[];
}

function activity(
  p: FincenProfile,
  d: Day,
  filingDate: string,
  codes: typeof defaultCtrDetailCodes,
): { node: XmlNode; total: number; parties: number } {
  let cashIn = 0;
  let cashOut = 0;
  const details = new Map<string, number>();
  const accounts = new Map<string, Set<string>>();
  for (const it of d.items) {
    const e = obj(it.event);
    const c = cents(obj(e.amount).value);
    const kind = codes[it.eventType] ?? { code: '56', cashIn: false };
    if (kind.cashIn) cashIn += c;
    else cashOut += c;
    details.set(kind.code, (details.get(kind.code) ?? 0) + c);
    const role = partyOf(e.debtor)?.partyId === d.customer ? 'debtor' : 'creditor';
    const acct = str(obj(e[role]).accountId);
    if (acct) accounts.set(acct, (accounts.get(acct) ?? new Set()).add(kind.cashIn ? '8' : '9'));
  }
  const first = obj(d.items[0]?.event);
  const attrs = obj(first.attributes);
  const n = splitName(str(attrs[`${d.role}Name`]));
  const amounts = (x: number, y: number): XmlNode[] => [
    ...(x > 0 ? [f('IndividualEntityCashInAmountText', dollars(x))] : []),
    ...(y > 0 ? [f('IndividualEntityCashOutAmountText', dollars(y))] : []),
  ];
  const filer = p.filer;
  const org = f('OrganizationClassificationTypeSubtype', [f('OrganizationTypeID', filer.institutionTypeCode)], {
    ...S,
  });
  const t = p.transmitter;
  const parties = [
    party('35', [
      name(t.name),
      address(t.address),
      f('PhoneNumber', [f('PhoneNumberText', t.phone)], { ...S }),
      ident(t.tin, '4'),
      ident(t.tcc, '28'),
    ]),
    party('37', [name(p.transmitterContact)]),
    party('30', [
      f('PrimaryRegulatorTypeCode', filer.regulatorCode),
      name(filer.name),
      address(filer.address),
      ident(filer.ein, '2'),
      org,
    ]),
    party('8', [name(p.contactOffice.name), f('PhoneNumber', [f('PhoneNumberText', p.contactOffice.phone)], { ...S })]),
    party('34', [
      ...amounts(cashIn, cashOut),
      f('PrimaryRegulatorTypeCode', filer.regulatorCode),
      name(filer.name),
      address(filer.address),
      ident(filer.ein, '2'),
      { ...org, attrs: { ...S } },
    ]),
    party('50', [
      ...amounts(cashIn, cashOut),
      f(
        'PartyName',
        [f('PartyNameTypeCode', 'L'), f('RawEntityIndividualLastName', n.last), f('RawIndividualFirstName', n.first)],
        { ...S },
      ),
      personAddress(str(obj(first[d.role]).country), str(attrs[`${d.role}Address`])),
      f('PartyIdentification', [f('TINUnknownIndicator', 'Y')], { ...S }),
      ...[...accounts].flatMap(([acct, kinds]) =>
        [...kinds]
          .sort()
          .map((k) =>
            f(
              'Account',
              [
                f('AccountNumberText', acct),
                f('PartyAccountAssociation', [f('PartyAccountAssociationTypeCode', k)], { ...S }),
              ],
              { ...S },
            ),
          ),
      ),
    ]),
  ];
  const node = f(
    'Activity',
    [
      f('FilingDateText', filingDate.replace(/-/g, '')),
      f(
        'ActivityAssociation',
        [
          f('CorrectsAmendsPriorReportIndicator', ''),
          f('FinCENDirectBackFileIndicator', ''),
          f('InitialReportIndicator', 'Y'),
        ],
        { ...S },
      ),
      ...parties,
      f(
        'CurrencyTransactionActivity',
        [
          f('AggregateTransactionIndicator', d.items.length > 1 ? 'Y' : ''),
          ...[
            'ArmoredCarServiceIndicator',
            'ATMIndicator',
            'MailDepositShipmentIndicator',
            'NightDepositIndicator',
            'SharedBranchingIndicator',
          ].map((x) => f(x, '')),
          f('TotalCashInReceiveAmountText', dollars(cashIn)),
          f('TotalCashOutAmountText', dollars(cashOut)),
          f('TransactionDateText', d.date),
          ...[...details]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([code, c]) =>
              f(
                'CurrencyTransactionActivityDetail',
                [
                  f('CurrencyTransactionActivityDetailTypeCode', code),
                  f('DetailTransactionAmountText', dollars(c)),
                  f('OtherCurrencyTransactionActivityDetailText', ''),
                  f('OtherForeignCurrencyCountryText', ''),
                ],
                { ...S },
              ),
            ),
        ],
        { ...S },
      ),
    ],
    { ...S },
  );
  const total = [...details.values()].reduce((a, c) => a + Number(dollars(c)), 0);
  return { node, total, parties: parties.length };
}

/**
 * A FinCEN CTR batch (`EFilingBatchXML`, form `CTRX`): one activity per person and business day (cash
 * aggregated), with transmitter, contact, filer, contact office, the institution where the transactions
 * occurred (34) and the person conducting them on their own behalf (50). Amounts in whole dollars,
 * USD assumed.
 */
export function buildCtrx(
  p: FincenProfile,
  items: readonly CaseTransaction[],
  q: { filingDate: string; detailCodes?: typeof defaultCtrDetailCodes },
): { xml: string; activities: number; firstDate: string } {
  const days = new Map<string, Day>();
  for (const it of [...items].sort((a, b) => a.occurredAt - b.occurredAt || a.eventId.localeCompare(b.eventId))) {
    const customer = customerOf(it.eventType, it.event);
    const date = localStamp(it.occurredAt, p.timeZone).slice(0, 8);
    const role = partyOf(obj(it.event).debtor)?.partyId === customer ? 'debtor' : 'creditor';
    const key = `${customer}\u0000${date}`;
    const d = days.get(key) ?? { customer, date, role, items: [] };
    d.items.push(it);
    days.set(key, d);
  }
  const built = [...days.values()].map((d) => activity(p, d, q.filingDate, q.detailCodes ?? defaultCtrDetailCodes));
  const root = el('fc2:EFilingBatchXML', [f('FormTypeCode', 'CTRX'), ...built.map((b) => b.node)], {
    ActivityCount: String(built.length),
    TotalAmount: String(built.reduce((a, b) => a + b.total, 0)),
    PartyCount: String(built.reduce((a, b) => a + b.parties, 0)),
    'xmlns:fc2': 'www.fincen.gov/base',
  });
  number(root);
  const firstDate = [...days.values()].map((d) => d.date).sort()[0] ?? '';
  return { xml: serializeXml(root), activities: built.length, firstDate };
}
