import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildCtrx,
  buildSarx,
  exampleFincenProfile,
  validateFincenXml,
  type CaseTransaction,
  checkReportFile,
} from '../../src/cases/index.ts';

const golden = async (name: string, text: string): Promise<void> => {
  // Golden files are reviewed and committed; a test never writes them. The validator checks them independently.
  const file = join(import.meta.dirname, 'golden', name);
  expect(existsSync(file), `${name} is missing: golden files are committed after review, never written by tests`).toBe(
    true,
  );
  const stored = readFileSync(file, 'utf8');
  expect(await checkReportFile(stored)).toEqual([]);
  expect(text).toBe(stored);
};

const profile = { ...exampleFincenProfile, timeZone: 'America/New_York' };
const cash = (n: number, value: string, at: string): CaseTransaction => ({
  eventId: `us-cash-${n}`,
  eventType: 'cash_deposit',
  occurredAt: Date.parse(at),
  event: {
    amount: { value, currency: 'USD' },
    debtor: { partyId: 'bank', partyType: 'organization', accountId: 'cash' },
    creditor: { partyId: 'cust-us', partyType: 'person', accountId: '000123456789', country: 'US' },
    attributes: { creditorName: 'John Q Public' },
  },
});
const items = [
  cash(1, '9500.00', '2026-03-02T10:00:00-05:00'),
  cash(2, '9800.00', '2026-03-03T11:00:00-05:00'),
  cash(3, '9900.00', '2026-03-04T09:30:00-05:00'),
];
const input = {
  filingDate: '2026-03-20',
  narrative:
    'Between March 2 and March 4, 2026 the customer made three cash deposits of USD 9,500, 9,800 and 9,900, each just below the USD 10,000 CTR threshold.',
  classifications: [{ typeId: '11', subtypeId: '1101' }],
};

describe('FinCEN SAR batch golden file (reviewed against docs/reports/fincen.md)', async () => {
  it('SARX: required parties by type code, one subject, amount, dates, narrative; SeqNum 1…n', async () => {
    const { xml, amount } = buildSarx(profile, items, input);
    expect(amount).toBe('29200');
    expect(validateFincenXml(xml)).toEqual([]);
    await golden('fincen-SARX-structuring.xml', xml);
  });

  it('names what is wrong: a missing subject, a broken SeqNum, a bad date', async () => {
    const { xml } = buildSarx(profile, items, input);
    const noSubject = xml.replace(
      / {4}<fc2:Party SeqNum="\d+">\n {6}<fc2:ActivityPartyTypeCode>33<\/fc2:ActivityPartyTypeCode>[\s\S]*?<\/fc2:Party>\n/,
      '',
    );
    expect(validateFincenXml(noSubject).map((p) => p.message)).toContain('needs a party of type 33');
    expect(
      validateFincenXml(xml.replace('<fc2:ActivityAssociation SeqNum="2">', '<fc2:ActivityAssociation SeqNum="9">'))[0],
    ).toMatchObject({ message: 'SeqNum must be 2' });
    expect(
      validateFincenXml(xml.replace('<fc2:FilingDateText>20260320', '<fc2:FilingDateText>2026-03-20'))[0]!.path,
    ).toBe('/fc2:EFilingBatchXML/fc2:Activity[1]/fc2:FilingDateText');
  });
});

describe('FinCEN CTR batch golden file (reviewed against docs/reports/fincen.md)', async () => {
  const withdrawal = (n: number, value: string, at: string): CaseTransaction => ({
    eventId: `us-wd-${n}`,
    eventType: 'cash_withdrawal',
    occurredAt: Date.parse(at),
    event: {
      amount: { value, currency: 'USD' },
      debtor: { partyId: 'cust-us', partyType: 'person', accountId: '000123456789', country: 'US' },
      creditor: { partyId: 'bank', partyType: 'organization', accountId: 'cash' },
      attributes: { debtorName: 'John Q Public' },
    },
  });

  it('CTRX: one activity per person and day, cash in/out aggregated in whole dollars rounded up', async () => {
    const its = [
      cash(1, '6000.50', '2026-03-02T10:00:00-05:00'),
      withdrawal(1, '7000.00', '2026-03-02T15:00:00-05:00'),
      withdrawal(2, '12000.00', '2026-03-05T09:00:00-05:00'),
    ];
    const { xml, activities, firstDate } = buildCtrx(profile, its, { filingDate: '2026-03-10' });
    expect([activities, firstDate]).toEqual([2, '20260302']);
    expect(validateFincenXml(xml)).toEqual([]);
    expect(xml).toContain('<fc2:TotalCashInReceiveAmountText>6001</fc2:TotalCashInReceiveAmountText>');
    await golden('fincen-CTRX-cash.xml', xml);
    expect(
      validateFincenXml(xml.replace('<fc2:ATMIndicator/>', '<fc2:ATMIndicator>N</fc2:ATMIndicator>'))[0]!.path,
    ).toBe('/fc2:EFilingBatchXML/fc2:Activity[1]/fc2:CurrencyTransactionActivity/fc2:ATMIndicator');
  });
});

describe('control characters in names and narratives (issue 16)', () => {
  it('SARX and CTRX files stay valid XML 1.0 (libxml2 and our layout)', async () => {
    const bad = '\u0001\u0007\u001b\u007f\ufffe';
    const dirtyItems = items.map((i) => ({
      ...i,
      event: {
        ...(i.event as object),
        attributes: { creditorName: `John${bad} Q Public`, creditorAddress: `1 Main${bad} St` },
      },
    }));
    const sar = buildSarx(profile, dirtyItems, { ...input, narrative: `${input.narrative}${bad}end` }).xml;
    const ctr = buildCtrx(profile, dirtyItems, { filingDate: '2026-03-10' }).xml;
    for (const xml of [sar, ctr]) {
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe]/);
      expect(await checkReportFile(xml)).toEqual([]);
      expect(validateFincenXml(xml)).toEqual([]);
    }
  });
});
