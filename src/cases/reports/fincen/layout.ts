import {
  emptyOk,
  group,
  many,
  optional,
  text,
  validateLayout,
  type Layout,
  type LayoutProblem,
} from '../../core/layout.ts';
import { parseXml, type XmlNode } from '../../core/xml.ts';

/**
 * Our reading of FinCEN's SAR batch XML layout (`EFilingBatchXML`, form `SARX`) for the elements we
 * write; value rules are ours. See docs/reports/fincen.md.
 */
const DATE = /^\d{8}$/;
const x = (n: string): string => `fc2:${n}`;
const t = (n: string, max: number, re?: RegExp, hint?: string): Layout => text(x(n), max, re, hint);
const g = (n: string, c: Layout[]): Layout => group(x(n), c);

const Y = /^Y$/;
const address = g('Address', [
  optional(t('CityUnknownIndicator', 1, Y)),
  optional(t('CountryCodeUnknownIndicator', 1, Y)),
  optional(t('RawCityText', 50)),
  optional(t('RawCountryCodeText', 2, /^[A-Z]{2}$/)),
  optional(t('RawStateCodeText', 3)),
  optional(t('RawStreetAddress1Text', 100)),
  optional(t('RawZIPCode', 9)),
  optional(t('StateCodeUnknownIndicator', 1, Y)),
  optional(t('StreetAddressUnknownIndicator', 1, Y)),
  optional(t('ZIPCodeUnknownIndicator', 1, Y)),
]);
const partyName = g('PartyName', [
  t('PartyNameTypeCode', 3, /^(L|AKA|DBA)$/),
  optional(t('RawEntityIndividualLastName', 150)),
  optional(t('RawIndividualFirstName', 35)),
  optional(t('RawPartyFullName', 150)),
]);

const party = g('Party', [
  t('ActivityPartyTypeCode', 2, /^(35|37|30|8|34|33)$/, 'a party type code (35, 37, 30, 8, 34, 33)'),
  optional(t('PrimaryRegulatorTypeCode', 2, /^\d{1,2}$/)),
  many(partyName),
  optional(many(address)),
  optional(many(g('PhoneNumber', [t('PhoneNumberText', 16, /^\d{1,16}$/)]))),
  optional(
    many(
      g('PartyIdentification', [
        t('PartyIdentificationNumberText', 25),
        t('PartyIdentificationTypeCode', 3, /^\d{1,3}$/),
      ]),
    ),
  ),
  optional(g('OrganizationClassificationTypeSubtype', [t('OrganizationTypeID', 3, /^\d{1,3}$/)])),
]);

export const sarxLayout: Layout = group(x('EFilingBatchXML'), [
  t('FormTypeCode', 4, /^SARX$/),
  many(
    g('Activity', [
      t('EFilingPriorDocumentNumber', 14, /^\d{14}$/),
      t('FilingDateText', 8, DATE, 'YYYYMMDD'),
      g('ActivityAssociation', [t('InitialReportIndicator', 1, /^Y$/)]),
      many(party),
      g('SuspiciousActivity', [
        t('SuspiciousActivityFromDateText', 8, DATE, 'YYYYMMDD'),
        t('SuspiciousActivityToDateText', 8, DATE, 'YYYYMMDD'),
        t('TotalSuspiciousAmountText', 15, /^\d{1,15}$/, 'whole US dollars'),
        many(
          g('SuspiciousActivityClassification', [
            t('SuspiciousActivitySubtypeID', 4, /^\d{1,4}$/),
            t('SuspiciousActivityTypeID', 3, /^\d{1,3}$/),
          ]),
        ),
      ]),
      g('ActivityNarrativeInformation', [
        t('ActivityNarrativeSequenceNumber', 1, /^[1-5]$/),
        t('ActivityNarrativeText', 17000),
      ]),
    ]),
  ),
]);

const AMOUNT = /^\d{1,15}$/;
const ctrParty = g('Party', [
  t('ActivityPartyTypeCode', 2, /^(35|37|30|8|34|50)$/, 'a party type code (35, 37, 30, 8, 34, 50)'),
  optional(t('IndividualEntityCashInAmountText', 15, AMOUNT)),
  optional(t('IndividualEntityCashOutAmountText', 15, AMOUNT)),
  optional(t('PrimaryRegulatorTypeCode', 2, /^\d{1,2}$/)),
  many(partyName),
  optional(address),
  optional(g('PhoneNumber', [t('PhoneNumberText', 16, /^\d{1,16}$/)])),
  optional(
    many(
      g('PartyIdentification', [
        optional(t('PartyIdentificationNumberText', 25)),
        optional(t('PartyIdentificationTypeCode', 3, /^\d{1,3}$/)),
        optional(t('TINUnknownIndicator', 1, Y)),
      ]),
    ),
  ),
  optional(g('OrganizationClassificationTypeSubtype', [t('OrganizationTypeID', 3, /^\d{1,3}$/)])),
  optional(
    many(
      g('Account', [
        t('AccountNumberText', 40),
        g('PartyAccountAssociation', [t('PartyAccountAssociationTypeCode', 2, /^\d{1,2}$/)]),
      ]),
    ),
  ),
]);
const indicator = (n: string): Layout => emptyOk(t(n, 1, Y, 'Y or empty'));

export const ctrxLayout: Layout = group(x('EFilingBatchXML'), [
  t('FormTypeCode', 4, /^CTRX$/),
  many(
    g('Activity', [
      t('FilingDateText', 8, DATE, 'YYYYMMDD'),
      g(
        'ActivityAssociation',
        ['CorrectsAmendsPriorReportIndicator', 'FinCENDirectBackFileIndicator', 'InitialReportIndicator'].map(
          indicator,
        ),
      ),
      many(ctrParty),
      g('CurrencyTransactionActivity', [
        ...[
          'AggregateTransactionIndicator',
          'ArmoredCarServiceIndicator',
          'ATMIndicator',
          'MailDepositShipmentIndicator',
          'NightDepositIndicator',
          'SharedBranchingIndicator',
        ].map(indicator),
        t('TotalCashInReceiveAmountText', 15, AMOUNT, 'whole US dollars'),
        t('TotalCashOutAmountText', 15, AMOUNT, 'whole US dollars'),
        t('TransactionDateText', 8, DATE, 'YYYYMMDD'),
        many(
          g('CurrencyTransactionActivityDetail', [
            t('CurrencyTransactionActivityDetailTypeCode', 3, /^\d{1,3}$/),
            t('DetailTransactionAmountText', 15, AMOUNT, 'whole US dollars'),
            emptyOk(t('OtherCurrencyTransactionActivityDetailText', 50)),
            emptyOk(t('OtherForeignCurrencyCountryText', 2, /^[A-Z]{2}$/)),
          ]),
        ),
      ]),
    ]),
  ),
]);

const kids = (n: XmlNode | undefined, name?: string): XmlNode[] =>
  (n?.children ?? []).filter((k) => !name || k.name === name);

/** The batch rules the layout engine cannot express: SeqNum 1…n in document order, counts, required parties. */
function batchRules(root: XmlNode, form: 'SARX' | 'CTRX'): LayoutProblem[] {
  const required = form === 'SARX' ? ['35', '37', '30', '8', '34', '33'] : ['35', '37', '30', '8', '34', '50'];
  const located = form === 'SARX' ? ['35', '30', '34', '33'] : ['35', '30', '34', '50'];
  const out: LayoutProblem[] = [];
  const add = (path: string, message: string, messageZh: string): void => void out.push({ path, message, messageZh });
  let n = 0;
  const walk = (e: XmlNode, path: string): void => {
    if (e.attrs?.SeqNum !== undefined && e.attrs.SeqNum !== String(++n))
      add(path, `SeqNum must be ${n}`, `SeqNum 应为 ${n}`);
    for (const c of e.children ?? []) walk(c, `${path}/${c.name}`);
  };
  walk(root, `/${root.name}`);
  const activities = kids(root, 'fc2:Activity');
  if (root.attrs?.ActivityCount !== String(activities.length))
    add(`/${root.name}/@ActivityCount`, `must be ${activities.length}`, `应为 ${activities.length}`);
  const parties = activities.flatMap((a) => kids(a, 'fc2:Party'));
  if (root.attrs?.PartyCount !== String(parties.length))
    add(`/${root.name}/@PartyCount`, `must be ${parties.length}`, `应为 ${parties.length}`);
  activities.forEach((a, i) => {
    const codes = kids(a, 'fc2:Party').map((p) => kids(p, 'fc2:ActivityPartyTypeCode')[0]?.text);
    for (const c of required)
      if (!codes.includes(c))
        add(`/${root.name}/fc2:Activity[${i + 1}]/fc2:Party`, `needs a party of type ${c}`, `缺少类型 ${c} 的当事方`);
    // Transmitter, filer, the institution where it occurred and every subject carry an address (ours, from the user guide).
    kids(a, 'fc2:Party').forEach((p, j) => {
      const code = kids(p, 'fc2:ActivityPartyTypeCode')[0]?.text ?? '';
      if (located.includes(code) && kids(p, 'fc2:Address').length === 0)
        add(
          `/${root.name}/fc2:Activity[${i + 1}]/fc2:Party[${j + 1}]/fc2:Address`,
          `is required for a party of type ${code}`,
          `类型 ${code} 的当事方须有地址`,
        );
    });
  });
  return out;
}

/** Checks a FinCEN SAR or CTR batch file from its text (the form type picks the layout). */
export function validateFincenXml(xml: string): LayoutProblem[] {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'))
    return [
      { path: '', message: 'must start with an XML declaration in UTF-8', messageZh: '须以 UTF-8 的 XML 声明开头' },
    ];
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    return [{ path: '', message: `is not well-formed XML (${(e as Error).message})`, messageZh: 'XML 格式不正确' }];
  }
  const form = kids(root, 'fc2:FormTypeCode')[0]?.text === 'CTRX' ? 'CTRX' : 'SARX';
  const out = validateLayout(root, form === 'CTRX' ? ctrxLayout : sarxLayout);
  return out.length > 0 ? out : batchRules(root, form);
}
