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

describe('PBOC golden files (reviewed field by field against docs/reports/pboc.md)', async () => {
  it('HVTR: one customer-day, two feature codes, valid against our layout', async () => {
    const { xml, transactions, customers } = buildHvtr(profile, items);
    expect(customers).toBe(1);
    expect(transactions).toEqual([
      { csnm: 'cust-1', htdt: '20260930', crcd: '0501', ticd: 'evt-cash-1' },
      { csnm: 'cust-1', htdt: '20260930', crcd: '0503', ticd: 'evt-tr-1' },
    ]);
    expect(validatePbocXml(xml)).toEqual([]);
    await golden('NBH-basic.xml', xml);
  });

  it('DHTR: the deletion of those transactions', async () => {
    const xml = buildDhtr(profile, buildHvtr(profile, items).transactions);
    expect(validatePbocXml(xml)).toEqual([]);
    await golden('DBH-basic.xml', xml);
  });

  it('names the exact field that breaks the layout', async () => {
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

  it('writes ZIPs that standard tools read', async () => {
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

describe('XML safety (issue 16)', () => {
  it('control characters in an HVTR customer name give valid XML 1.0', async () => {
    const bad = items.map((i) => ({
      ...i,
      event: {
        ...(i.event as object),
        attributes: { debtorName: '张\u0001三\u001b', debtorIdType: '110001', debtorIdNumber: '1101\u00071' },
      },
    }));
    const { xml } = buildHvtr(profile, bad);
    expect(xml).toContain('<CTNM>张 三 </CTNM>');
    expect(await checkReportFile(xml)).toEqual([]);
    expect(validatePbocXml(xml)).toEqual([]);
  });

  it('an unterminated comment is reported at once, not looped on', async () => {
    const started = Date.now();
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<HVTR><!-- never closed <RBIF/></HVTR>';
    expect(validatePbocXml(xml)[0]!.message).toMatch(/not well-formed/);
    expect((await checkReportFile(xml))[0]!.message).toMatch(/not well-formed/);
    expect(validatePbocXml('<?xml version="1.0" encoding="UTF-8"?>\n<HVTR><!--')[0]!.message).toMatch(
      /not well-formed/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
