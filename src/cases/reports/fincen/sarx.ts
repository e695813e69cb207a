import { customerOf, partyOf } from '../../core/alerts.ts';
import { el, serializeXml, type XmlNode } from '../../core/xml.ts';
import { address, f, ident, name, number, obj, party, personAddress, S, str } from './parts.ts';
import { splitName } from '../goaml/build.ts';
import type { CaseTransaction } from '../pboc/bstr.ts';
import { localStamp } from '../pboc/profile.ts';
import type { FincenProfile } from './profile.ts';

export interface SarInput {
  filingDate: string;
  narrative: string;
  /** SuspiciousActivityTypeID / SuspiciousActivitySubtypeID pairs from FinCEN's SAR code list. */
  classifications: { typeId: string; subtypeId: string }[];
}

/**
 * A FinCEN SAR batch (`EFilingBatchXML`, form type `SARX`) with one activity: transmitter (35),
 * transmitter contact (37), filing institution (30), contact office (8), the institution where the
 * activity occurred (34), each subject (33), the suspicious activity with its amount, dates and
 * classifications, and the narrative.
 */
export function buildSarx(
  p: FincenProfile,
  items: readonly CaseTransaction[],
  q: SarInput,
): { xml: string; amount: string } {
  const sorted = [...items].sort((a, b) => a.occurredAt - b.occurredAt || a.eventId.localeCompare(b.eventId));
  let total = 0;
  const subjects = new Map<string, XmlNode>();
  for (const it of sorted) {
    const e = obj(it.event);
    total += Math.round(Number(str(obj(e.amount).value) ?? '0'));
    const id = customerOf(it.eventType, it.event);
    if (subjects.has(id)) continue;
    const role = partyOf(e.debtor)?.partyId === id ? 'debtor' : 'creditor';
    const attrs = obj(e.attributes);
    const n = splitName(str(attrs[`${role}Name`]));
    const country = str(obj(e[role]).country);
    const street = str(attrs[`${role}Address`]);
    const where = personAddress(country, street);
    subjects.set(
      id,
      party('33', [
        f(
          'PartyName',
          [f('PartyNameTypeCode', 'L'), f('RawEntityIndividualLastName', n.last), f('RawIndividualFirstName', n.first)],
          { ...S },
        ),
        where,
      ]),
    );
  }
  const day = (ms: number): string => localStamp(ms, p.timeZone).slice(0, 8);
  const t = p.transmitter;
  const activity = f(
    'Activity',
    [
      f('EFilingPriorDocumentNumber', '00000000000000'),
      f('FilingDateText', q.filingDate.replace(/-/g, '')),
      f('ActivityAssociation', [f('InitialReportIndicator', 'Y')], { ...S }),
      party('35', [
        name(t.name),
        address(t.address),
        f('PhoneNumber', [f('PhoneNumberText', t.phone)], { ...S }),
        ident(t.tin, '4'),
        ident(t.tcc, '28'),
      ]),
      party('37', [name(p.transmitterContact)]),
      party('30', [
        f('PrimaryRegulatorTypeCode', p.filer.regulatorCode),
        name(p.filer.name),
        address(p.filer.address),
        ident(p.filer.ein, '2'),
        f('OrganizationClassificationTypeSubtype', [f('OrganizationTypeID', p.filer.institutionTypeCode)], { ...S }),
      ]),
      party('8', [
        name(p.contactOffice.name),
        f('PhoneNumber', [f('PhoneNumberText', p.contactOffice.phone)], { ...S }),
      ]),
      party('34', [
        f('PrimaryRegulatorTypeCode', p.filer.regulatorCode),
        name(p.filer.name),
        address(p.filer.address),
        ident(p.filer.ein, '2'),
        f('OrganizationClassificationTypeSubtype', [f('OrganizationTypeID', p.filer.institutionTypeCode)], { ...S }),
      ]),
      ...subjects.values(),
      f(
        'SuspiciousActivity',
        [
          f('SuspiciousActivityFromDateText', day(sorted[0]?.occurredAt ?? 0)),
          f('SuspiciousActivityToDateText', day(sorted[sorted.length - 1]?.occurredAt ?? 0)),
          f('TotalSuspiciousAmountText', String(total)),
          ...q.classifications.map((c) =>
            f(
              'SuspiciousActivityClassification',
              [f('SuspiciousActivitySubtypeID', c.subtypeId), f('SuspiciousActivityTypeID', c.typeId)],
              { ...S },
            ),
          ),
        ],
        { ...S },
      ),
      f(
        'ActivityNarrativeInformation',
        [f('ActivityNarrativeSequenceNumber', '1'), f('ActivityNarrativeText', q.narrative)],
        { ...S },
      ),
    ],
    { ...S },
  );
  const root = el('fc2:EFilingBatchXML', [f('FormTypeCode', 'SARX'), activity], {
    ActivityCount: '1',
    TotalAmount: String(total),
    PartyCount: String(5 + subjects.size),
    ActivityAttachmentCount: '0',
    AttachmentCount: '0',
    'xmlns:fc2': 'www.fincen.gov/base',
  });
  number(root);
  return { xml: serializeXml(root), amount: String(total) };
}
