/**
 * The remarks column of OFAC's legacy sdn.csv holds the structured facts of an entry as "; "-separated
 * phrases: "DOB 19 Jun 1951; POB Giza, Egypt; Passport 1084010 (Egypt); nationality Iran; Gender Male;
 * a.k.a. 'ABU MUHAMMAD'". OFAC's weak a.k.a.s are the single-quoted ones here, not rows of alt.csv.
 */
import { countryCode } from '../core/countries.ts';
import { parseDob } from '../core/dates.ts';
import type { DateSpec, EntryName, IdDocument } from '../core/types.ts';

export interface RemarkFacts {
  dobs: DateSpec[];
  nationalities: string[];
  countries: string[];
  gender?: 'male' | 'female';
  ids: IdDocument[];
  weakAliases: EntryName[];
}

/** Document phrases worth matching on: the number follows the type, the issuing country may follow in brackets. */
const idTypes =
  /^(?:alt\. )?(Passport|Diplomatic Passport|National ID No\.|Cedula No\.|Identification Number|NIT #|RFC|CURP|SSN|D\.N\.I\.|C\.U\.I\.T\.|C\.U\.I\.P\.|Tax ID No\.|Registration ID|Registration Number|Business Registration Document #|Business Registration Number|Company Number|Commercial Registry Number|Residency Number|Birth Certificate Number|Driver's License No\.|Personal ID Card|Kenyan ID No\.|Travel Document Number|Vessel Registration Identification|IMO|MMSI|Aircraft Manufacturer's Serial Number \(MSN\)|Unified Social Credit Code \(USCC\)|Legal Entity Number|US FEIN|Chinese Commercial Code)\s+(.+?)\s*(?:\(([^()]+)\))?\.?$/u;

export function parseRemarks(remarks: string): RemarkFacts {
  const facts: RemarkFacts = { dobs: [], nationalities: [], countries: [], ids: [], weakAliases: [] };
  for (const m of remarks.matchAll(/\b([afn])\.k\.a\.,?\s+'([^']+)'/gu)) {
    const kind = m[1] === 'f' ? 'fka' : m[1] === 'n' ? 'nka' : 'aka';
    facts.weakAliases.push({ full: (m[2] ?? '').trim(), kind, weak: true });
  }
  for (const raw of remarks.split(';')) {
    const part = raw.trim().replace(/\.$/u, '');
    let m = /^(?:alt\. )?DOB (.+)$/u.exec(part);
    if (m) {
      const d = parseDob(m[1] ?? '');
      if (d) facts.dobs.push(d);
      continue;
    }
    m = /^(?:alt\. )?(?:nationality|citizen) (.+)$/iu.exec(part);
    if (m) {
      const c = countryCode(m[1] ?? '');
      if (c && !facts.nationalities.includes(c)) facts.nationalities.push(c);
      continue;
    }
    m = /^(?:alt\. )?POB (.+)$/u.exec(part);
    if (m) {
      const last = (m[1] ?? '').split(',').pop() ?? '';
      const c = countryCode(last);
      if (c && !facts.countries.includes(c)) facts.countries.push(c);
      continue;
    }
    m = /^Gender (Male|Female)$/u.exec(part);
    if (m) {
      facts.gender = m[1] === 'Male' ? 'male' : 'female';
      continue;
    }
    m = idTypes.exec(part);
    if (m) {
      const doc: IdDocument = { type: m[1] ?? '', number: (m[2] ?? '').trim() };
      const c = m[3] ? countryCode(m[3]) : undefined;
      if (c) doc.country = c;
      facts.ids.push(doc);
    }
  }
  return facts;
}
