// Disclosure steps by state and role with four eyes on approval; figures and a correction's changes
// read through the server's definitions.
import { describe, expect, it } from 'vitest';
import { disclosureCommandsFor, lastEndedMonth, needsReason, publicPage } from './disclosure-commands.ts';
import { diffRows, figureRows, ratio } from './figures.ts';
import type { Definition, DisclosureView } from './types.ts';

const doc = {
  format: 'zhili.disclosure/1',
  standard: 'T/NIFA 1—2017',
  tenantId: 't1',
  period: '2026-10',
  asOf: '2026-10-31',
  version: 1,
  participants: {
    cumulativeBorrowers: 3,
    periodBorrowers: 1,
    cumulativeLenders: 2,
    periodLenders: 1,
    outstandingBorrowers: 2,
  },
  currencies: [
    {
      currency: 'CNY',
      cumulativeLending: { amount: '30000.00', count: 3 },
      outstanding: { amount: '17000.00', count: 2 },
      top10BorrowersShare: 1,
      amountOverdueRate: null,
    },
  ],
  complaints: { received: 2, resolved: 1, resolutionRate: 0.5, byCategory: [{ code: 'B05', count: 2 }] },
} as unknown as DisclosureView['doc'];

const version = (over: Partial<DisclosureView>): DisclosureView => ({
  id: 'dsc_1',
  tenantId: 't1',
  period: '2026-10',
  version: 1,
  state: 'draft',
  hash: 'a'.repeat(64),
  doc,
  computedBy: 'usr_ana',
  computedAt: 0,
  rev: 1,
  ...over,
});
const ana = { id: 'usr_ana', roles: ['analyst'] };
const bob = { id: 'usr_bob', roles: ['analyst'] };
const apr = { id: 'usr_apr', roles: ['approver'] };
const adm = { id: 'usr_adm', roles: ['admin'] };
const ids = (xs: ReturnType<typeof disclosureCommandsFor>) =>
  xs.map((x) => (x.withheld ? `${x.command.id}:${x.withheld}` : x.command.id));

describe('disclosure commands', () => {
  it('lets the analyst submit a draft and an approver approve it', () => {
    expect(ids(disclosureCommandsFor(version({}), ana))).toEqual(['submit', 'discard']);
    expect(ids(disclosureCommandsFor(version({}), apr))).toEqual([]);
    const submitted = version({ state: 'submitted', submittedBy: 'usr_ana' });
    expect(ids(disclosureCommandsFor(submitted, apr))).toEqual(['approve']);
    expect(ids(disclosureCommandsFor(submitted, bob))).toEqual(['reject', 'discard']);
  });

  it('withholds approval from whoever computed or submitted the version', () => {
    const mine = version({ state: 'submitted', computedBy: 'usr_adm', submittedBy: 'usr_ana' });
    expect(ids(disclosureCommandsFor(mine, adm))).toEqual(['approve:own_version', 'reject', 'discard']);
    const submittedByAdm = version({ state: 'submitted', submittedBy: 'usr_adm' });
    expect(ids(disclosureCommandsFor(submittedByAdm, adm))[0]).toBe('approve:own_version');
  });

  it('publishes an approved version, and offers nothing on a published one', () => {
    expect(ids(disclosureCommandsFor(version({ state: 'approved' }), ana))).toEqual(['publish', 'reject', 'discard']);
    expect(disclosureCommandsFor(version({ state: 'published' }), adm)).toEqual([]);
  });

  it('asks a reason only when the month is already published', () => {
    const list = [version({ state: 'published' }), version({ period: '2026-09', state: 'draft' })];
    expect(needsReason(list, '2026-10')).toBe(true);
    expect(needsReason(list, '2026-09')).toBe(false);
    expect(lastEndedMonth('2026-11-30')).toBe('2026-10');
    expect(lastEndedMonth('2027-01-05')).toBe('2026-12');
    expect(publicPage('t 1', '2026-10', 'en')).toBe('/portal/t%201/disclosures/2026-10?lang=en');
  });
});

const def = (key: string, kind: Definition['kind']): Definition => ({
  key,
  kind,
  zh: key,
  en: key,
  definitionZh: '',
  definitionEn: '',
  source: '',
});
const defs = [
  def('participants.cumulativeBorrowers', 'count'),
  def('outstanding.amount', 'amount'),
  def('top10BorrowersShare', 'ratio'),
  def('amountOverdueRate', 'ratio'),
  def('complaints.resolutionRate', 'ratio'),
  def('newFigure.notInThisDoc', 'count'),
];

describe('figures', () => {
  it('lists tenant-wide figures, then each currency’s, skipping those the document lacks', () => {
    expect(figureRows(doc, defs).map((r) => `${r.currency ?? '-'} ${r.key}=${String(r.value)}`)).toEqual([
      '- participants.cumulativeBorrowers=3',
      '- complaints.resolutionRate=0.5',
      'CNY outstanding.amount=17000.00',
      'CNY top10BorrowersShare=1',
      'CNY amountOverdueRate=null',
    ]);
    expect([ratio(0.12345), ratio(null)]).toEqual(['12.35%', '—']);
  });

  it('names a correction’s changed fields by their figure and currency', () => {
    const rows = diffRows(
      [
        { path: 'currencies[CNY].outstanding.amount', before: '17000.00', after: '5000.00' },
        { path: 'complaints.byCategory[B05].count', before: 1, after: 2 },
      ],
      defs,
    );
    expect(rows[0]).toMatchObject({ currency: 'CNY', def: { key: 'outstanding.amount' }, after: '5000.00' });
    expect(rows[1]?.def).toBeUndefined();
    expect(rows[1]?.currency).toBeUndefined();
  });
});
