import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildBstr,
  buildGoaml,
  ctrDueBy,
  exampleGoamlProfile,
  sarDueBy,
  splitName,
  validateGoamlXml,
  validatePbocXml,
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

const pboc = {
  institutionCode: 'ZHILI000000001',
  industry: 'B' as const,
  branchCode: 'ZHILI00000000101',
  areaCode: 'CHN310000',
  reporterName: '王五',
  timeZone: 'Asia/Shanghai',
};
const goaml = { ...exampleGoamlProfile, timeZone: 'Asia/Shanghai' };
const customer = { partyId: 'cust-s', partyType: 'person', accountId: '6222000099990001', country: 'CN' };
const attributes = {
  debtorName: '张三',
  debtorIdType: '110001',
  debtorIdNumber: '110101199001011234',
  debtorPhone: '13800000000',
};
const withdrawal = (n: number, value: string, at: string): CaseTransaction => ({
  eventId: `evt-st-${n}`,
  eventType: 'cash_withdrawal',
  occurredAt: Date.parse(at),
  event: {
    amount: { value, currency: 'CNY' },
    debtor: customer,
    creditor: { partyId: 'bank', partyType: 'organization', accountId: 'cash' },
    attributes,
  },
});
const items: CaseTransaction[] = [
  withdrawal(1, '49000.00', '2026-10-09T09:10:00+08:00'),
  withdrawal(2, '48500.00', '2026-10-09T14:20:00+08:00'),
  withdrawal(3, '49900.00', '2026-10-10T10:05:00+08:00'),
  {
    eventId: 'evt-st-4',
    eventType: 'transfer',
    occurredAt: Date.parse('2026-10-10T16:00:00+08:00'),
    event: {
      amount: { value: '30000', currency: 'CNY' },
      debtor: customer,
      creditor: { partyId: 'p-x', partyType: 'person', accountId: '6228480000000042', country: 'CN' },
      attributes: { ...attributes, creditorName: 'Li Si', counterpartyBank: 'Example Rural Bank', purpose: '借款' },
    },
  },
];
const suspicion = {
  narrative:
    '客户于2026年10月9日至10日在柜台分3笔提取现金共147,400元，每笔均略低于5万元大额报告标准，并于次日向个人账户转账3万元。',
  analysis: '多笔现金交易金额集中于报告门槛以下，疑似故意拆分交易规避大额交易报告（结构化）。',
  characteristicCodes: ['0904'],
  measures: '已对客户开展强化尽职调查并持续监测。',
};

describe('PBOC BSTR golden file (reviewed against docs/reports/pboc.md)', async () => {
  it('a structuring case: one subject, four transactions, valid against our layout', async () => {
    const { xml, subjects, transactions } = buildBstr(pboc, items, suspicion);
    expect([subjects, transactions]).toEqual([1, 4]);
    expect(validatePbocXml(xml)).toEqual([]);
    await golden('NBS-structuring.xml', xml);
  });

  it('names the field that breaks the BSTR layout', async () => {
    const { xml } = buildBstr(pboc, items, suspicion);
    expect(
      validatePbocXml(xml.replace('<STCR seqno="1">0904</STCR>', '<STCR seqno="1">X</STCR>')).map((p) => p.path),
    ).toEqual(['/BSTR/RBIF/STCRs/STCR[1]']);
    expect(validatePbocXml(xml.replace(/<STIF seqno="2">/, '<STIF seqno="7">')).map((p) => p.path)).toEqual([
      '/BSTR/STIFs/STIF[2]',
    ]);
    expect(validatePbocXml(buildBstr(pboc, items, { ...suspicion, narrative: 'x'.repeat(4001) }).xml)[0]).toMatchObject(
      { path: '/BSTR/RBIF/STCB' },
    );
  });
});

describe('goAML golden files (reviewed against docs/reports/goaml.md)', async () => {
  const codes = { indicators: goaml.indicators, reportCodes: ['STR', 'CTR'] };
  const submittedAt = Date.parse('2026-10-12T10:00:00+08:00');

  it('STR: header, bi-party transactions (my client account → cash person / other account), indicators', async () => {
    const { xml } = buildGoaml(goaml, items, {
      kind: 'str',
      reference: 'rpt_golden',
      submittedAt,
      reason: suspicion.analysis,
      action: suspicion.measures,
      indicators: ['STRUCT', 'CASH'],
    });
    expect(validateGoamlXml(xml, codes)).toEqual([]);
    await golden('goaml-STR-structuring.xml', xml);
  });

  it('CTR: a cash withdrawal above the threshold', async () => {
    const { xml } = buildGoaml(goaml, [withdrawal(9, '80000.00', '2026-09-30T15:00:00+08:00')], {
      kind: 'ctr',
      reference: 'rpt_ctr',
      submittedAt,
      indicators: ['LARGE'],
    });
    expect(validateGoamlXml(xml, codes)).toEqual([]);
    await golden('goaml-CTR-cash.xml', xml);
  });

  it('names the wrong field: unknown indicator, missing sender, bad date', async () => {
    const { xml } = buildGoaml(goaml, items, { kind: 'str', reference: 'r', submittedAt, indicators: ['STRUCT'] });
    expect(
      validateGoamlXml(xml.replace('<indicator>STRUCT</indicator>', '<indicator>NOPE</indicator>'), codes).map(
        (p) => p.path,
      ),
    ).toEqual(['/report/report_indicators/indicator[1]']);
    const noSender = xml.replace(/<t_from_my_client>[\s\S]*?<\/t_from_my_client>\n/, '');
    expect(validateGoamlXml(noSender, codes).map((p) => p.path)).toEqual(['/report/transaction[1]/t_from']);
    expect(
      validateGoamlXml(xml.replace('<date_transaction>2026-10-09T09:10:00', '<date_transaction>2026-10-09'), codes).map(
        (p) => p.path,
      ),
    ).toEqual(['/report/transaction[1]/date_transaction']);
    expect(
      validateGoamlXml(xml.replace(/<report_indicators>[\s\S]*<\/report_indicators>\n/, ''), codes).map((p) => p.path),
    ).toEqual(['/report/report_indicators']);
  });

  it('splits names into first and last name', async () => {
    expect(splitName('张三')).toEqual({ first: '三', last: '张' });
    expect(splitName('Mary Ann Smith')).toEqual({ first: 'Mary Ann', last: 'Smith' });
  });
});

describe('FinCEN deadlines', async () => {
  it('SAR 30 days from initial detection, 60 with no suspect; CTR 15 days', async () => {
    expect(sarDueBy('2026-01-15', true)).toBe('2026-02-14');
    expect(sarDueBy('2026-01-15', false)).toBe('2026-03-16');
    expect(ctrDueBy('2026-12-20')).toBe('2027-01-04');
  });
});

/** Puts characters XML 1.0 cannot carry into every name and the narrative. */
const dirty = <T>(x: T): T =>
  JSON.parse(JSON.stringify(x), (k, v) =>
    typeof v === 'string' && /Name$|^narrative$|^analysis$/.test(k) ? `${v}\u0001\u0007\u001b\u007f\ufffe尾` : v,
  ) as T;

describe('control characters in names and narratives (issue 16)', () => {
  it('BSTR, goAML STR and goAML CTR files stay valid XML 1.0 (libxml2 and our layout)', async () => {
    const bstr = buildBstr(pboc, dirty(items), dirty(suspicion)).xml;
    const str = buildGoaml(goaml, dirty(items), {
      kind: 'str',
      reference: 'rpt_ctl',
      submittedAt: Date.parse('2026-10-12T10:00:00+08:00'),
      reason: 'a\u0000b\u0008c',
      indicators: ['STRUCT'],
    }).xml;
    const ctr = buildGoaml(goaml, dirty([withdrawal(9, '80000.00', '2026-09-30T15:00:00+08:00')]), {
      kind: 'ctr',
      reference: 'rpt_ctl2',
      submittedAt: Date.parse('2026-10-12T10:00:00+08:00'),
      indicators: ['LARGE'],
    }).xml;
    for (const xml of [bstr, str, ctr]) {
      expect(xml).toContain('尾');

      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe]/);
      expect(await checkReportFile(xml)).toEqual([]);
    }
    expect(validatePbocXml(bstr)).toEqual([]);
    expect(validateGoamlXml(str)).toEqual([]);
  });
});
