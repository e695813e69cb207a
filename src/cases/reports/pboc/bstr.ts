import { customerOf, partyOf } from '../../core/alerts.ts';
import { el, serializeXml, type XmlNode } from '../../core/xml.ts';
import { transaction, type LargeValueItem } from './hvtr.ts';
import { nationality } from './nationality.ts';
import { countryAlpha3, type PbocProfile } from './profile.ts';

/** One transaction of a case (from its alerts' events). */
export type CaseTransaction = Omit<LargeValueItem, 'code' | 'alertId'>;

/** What the investigator states about the suspicion (goes into RBIF). */
export interface SuspicionInput {
  /** 资金交易及客户行为情况 (STCB): the transactions and the customer's behaviour. */
  narrative: string;
  /** 疑点分析 (AOSP): why it is suspicious. */
  analysis: string;
  /** 可疑交易特征代码 (STCR), at least one. */
  characteristicCodes: string[];
  /** 疑似涉罪类型 (TOSC); `@N` when none is named. */
  crimeType?: string;
  /** 采取措施 (MIRS): measures taken (freeze, EDD, exit …). */
  measures?: string;
  /** 紧急程度 (DETR): 02 urgent, else 01. */
  urgent?: boolean;
  /** 报告触发点 (TPTR): 01 monitoring system/model, 02 manual discovery (*ours*), default 01. */
  trigger?: '01' | '02';
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const s = (v: unknown, fallback = '@N'): string =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : fallback;
const seq = (nodes: XmlNode[]): XmlNode[] => nodes.map((n, i) => ({ ...n, attrs: { seqno: String(i + 1) } }));

interface Subject {
  id: string;
  party: Obj;
  attrs: Obj;
  role: 'debtor' | 'creditor';
}

/** The suspicious subjects: each transaction's customer (debtor, or creditor on inbound movements). */
function subjectsOf(items: readonly CaseTransaction[]): Map<string, Subject> {
  const out = new Map<string, Subject>();
  for (const it of items) {
    const id = customerOf(it.eventType, it.event);
    if (out.has(id)) continue;
    const e = obj(it.event);
    const role = partyOf(e.debtor)?.partyId === id ? 'debtor' : 'creditor';
    out.set(id, { id, party: obj(e[role]), attrs: obj(e.attributes), role });
  }
  return out;
}

/**
 * Builds a BSTR document (message N) from a case: the investigator's narrative and analysis, the
 * characteristic codes, one CTIF per suspicious subject and one STIF per transaction (same TSDT parts as
 * the large-value report). Identity fields come from event attributes (`<role>Name`, `<role>IdType`,
 * `<role>IdNumber`, …), `@N` when absent.
 */
export function buildBstr(
  p: PbocProfile,
  items: readonly CaseTransaction[],
  q: SuspicionInput,
): { xml: string; subjects: number; transactions: number } {
  const sorted = [...items].sort((a, b) => a.occurredAt - b.occurredAt || a.eventId.localeCompare(b.eventId));
  const subjects = subjectsOf(sorted);
  const name = (x: Subject, k: string): string => s(x.attrs[`${x.role}${k}`]);
  const ctifs = [...subjects.values()].map((x) =>
    el('CTIF', [
      el('CTNM', name(x, 'Name')),
      el('CITP', name(x, 'IdType')),
      el('OITP', '@I'),
      el('CTID', name(x, 'IdNumber')),
      el('CSNM', x.id),
      el('CTNTs', seq([el('CTNT', countryAlpha3(nationality(x.attrs[`${x.role}Nationality`], x.party.country)))])),
      el('CTVC', name(x, 'Occupation')),
      el('CCIF', [
        el('CCTLs', seq([el('CCTL', name(x, 'Phone'))])),
        el('CATRs', seq([el('CTAR', name(x, 'Address'))])),
        el('CCEIs', seq([el('CCEI', '@N')])),
      ]),
    ]),
  );
  const stifs = sorted.map((it) => {
    const id = customerOf(it.eventType, it.event);
    const x = subjects.get(id) as Subject;
    const tsdt = transaction(p, { ...it, alertId: '', code: '' }, id);
    return el('STIF', [
      el('CSNM', id),
      el('CTNM', name(x, 'Name')),
      el('CITP', name(x, 'IdType')),
      el('CTID', name(x, 'IdNumber')),
      ...(tsdt.children ?? []),
    ]);
  });
  const rpnc = p.areaCode && /^[A-Z]{3}\d{6}$/.test(p.areaCode) ? p.areaCode.slice(3) : '@N';
  const root = el('BSTR', [
    el('RBIF', [
      el('RICD', p.institutionCode),
      el('RPNC', rpnc),
      el('DETR', q.urgent ? '02' : '01'),
      el('TORP', '1'),
      el('DORP', '01'),
      el('ODRP', '@I'),
      el('TPTR', q.trigger ?? '01'),
      el('OTPR', '@I'),
      el('STCB', q.narrative),
      el('AOSP', q.analysis),
      el('STCRs', seq(q.characteristicCodes.map((c) => el('STCR', c)))),
      el('TOSC', q.crimeType ?? '@N'),
      el('MIRS', q.measures ?? '@N'),
      el('STNM', String(ctifs.length)),
      el('TTNM', String(stifs.length)),
      el('RPNM', p.reporterName ?? '@N'),
    ]),
    el('CTIFs', seq(ctifs)),
    el('STIFs', seq(stifs)),
  ]);
  return { xml: serializeXml(root), subjects: ctifs.length, transactions: stifs.length };
}
