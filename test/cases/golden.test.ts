import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildDhtr,
  buildHvtr,
  readZip,
  validatePbocXml,
  writeZip,
  type LargeValueItem,
} from '../../src/cases/index.ts';

const golden = (name: string, text: string): void => {
  const file = join(import.meta.dirname, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
};

const profile = {
  institutionCode: 'ZHILI000000001',
  industry: 'B' as const,
  branchCode: 'ZHILI00000000101',
  areaCode: 'CHN310000',
  timeZone: 'Asia/Shanghai',
  transactionTypeCodes: { transfer: '000001' },
};
const items: LargeValueItem[] = [
  {
    alertId: 'alr_1',
    code: '0501',
    eventId: 'evt-cash-1',
    eventType: 'cash_withdrawal',
    occurredAt: Date.parse('2026-09-30T15:00:00+08:00'),
    event: {
      amount: { value: '80000', currency: 'CNY' },
      debtor: { partyId: 'cust-1', partyType: 'person', accountId: '6222000011112222', country: 'CN' },
      creditor: { partyId: 'bank', partyType: 'organization', accountId: 'cash' },
      attributes: {
        debtorName: '张三',
        debtorIdType: '110001',
        debtorIdNumber: '110101199001011234',
        debtorPhone: '13800000000',
      },
    },
  },
  {
    alertId: 'alr_2',
    code: '0503',
    eventId: 'evt-tr-1',
    eventType: 'transfer',
    occurredAt: Date.parse('2026-09-30T16:30:05+08:00'),
    event: {
      amount: { value: '500000.00', currency: 'CNY' },
      debtor: { partyId: 'cust-1', partyType: 'person', accountId: '6222000011112222', country: 'CN' },
      creditor: { partyId: 'p-9', partyType: 'person', accountId: '6228480000000009', country: 'CN' },
      attributes: { debtorName: '张三', creditorName: "O'Brien & 李四", purpose: '购房款' },
    },
  },
];

describe('PBOC golden files (reviewed field by field against docs/reports/pboc.md)', () => {
  it('HVTR: one customer-day, two feature codes, valid against our layout', () => {
    const { xml, transactions, customers } = buildHvtr(profile, items);
    expect(customers).toBe(1);
    expect(transactions).toEqual([
      { csnm: 'cust-1', htdt: '20260930', crcd: '0501', ticd: 'evt-cash-1' },
      { csnm: 'cust-1', htdt: '20260930', crcd: '0503', ticd: 'evt-tr-1' },
    ]);
    expect(validatePbocXml(xml)).toEqual([]);
    golden('NBH-basic.xml', xml);
  });

  it('DHTR: the deletion of those transactions', () => {
    const xml = buildDhtr(profile, buildHvtr(profile, items).transactions);
    expect(validatePbocXml(xml)).toEqual([]);
    golden('DBH-basic.xml', xml);
  });

  it('names the exact field that breaks the layout', () => {
    const { xml } = buildHvtr(profile, items);
    const bad = xml.replace('<CRCD>0503</CRCD>', '<CRCD>9</CRCD>').replace('<TSDR>02</TSDR>', '');
    const problems = validatePbocXml(bad);
    expect(problems.map((p) => p.path)).toEqual([
      '/HVTR/CATIs/CATI[1]/HTCRs/HTCR[1]/CCIFs/CCIF[1]/TSDTs/TSDT[1]/TSIF/TSDR',
      '/HVTR/CATIs/CATI[1]/HTCRs/HTCR[2]/CRCD',
    ]);
    expect(validatePbocXml(xml.replace('<RICD>ZHILI000000001</RICD>', '<RICD>SHORT</RICD>'))[0]).toMatchObject({
      path: '/HVTR/RBIF/RICD',
    });
    expect(validatePbocXml('<HVTR><RBIF>')[0]!.message).toMatch(/XML declaration/);
  });

  it('writes ZIPs that standard tools read', () => {
    const xml = buildHvtr(profile, items).xml;
    const zip = writeZip([{ name: 'NBHZHILI000000001-20261008-00000001.XML', data: Buffer.from(xml) }]);
    expect(Buffer.from(readZip(zip)[0]!.data).toString('utf8')).toBe(xml);
    const dir = mkdtempSync(join(tmpdir(), 'zhili-zip-'));
    writeFileSync(join(dir, 'p.zip'), zip);
    let python = true;
    try {
      execFileSync('python3', [
        '-c',
        'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(z.namelist()[0])',
        join(dir, 'p.zip'),
      ]);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') python = false;
      else throw e;
    }
    if (!python) console.warn('SKIPPED: python3 not found; ZIP checked by our reader only');
  });
});
