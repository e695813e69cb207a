/**
 * OFAC SDN in its legacy CSV layout: sdn.csv (ent_num, name, type, program, title, call sign, vessel
 * type, tonnage, GRT, flag, owner, remarks), alt.csv (ent_num, alt_num, type aka/fka/nka, name, remarks),
 * add.csv (ent_num, add_num, address, city, country, remarks), sdn_comments.csv (remarks continued).
 * No header; "-0- " means empty.
 */
import type { EntryKind, ListEntry } from '../core/types.ts';
import { countryCode } from '../core/countries.ts';
import { parseCsv } from './csv.ts';
import { parseRemarks } from './ofac-remarks.ts';

export interface OfacFiles {
  sdn: string;
  alt?: string;
  add?: string;
  comments?: string;
}

const val = (s: string | undefined): string => {
  const t = (s ?? '').trim();
  return t === '-0-' ? '' : t;
};

function kindOf(type: string): EntryKind {
  switch (type.toLowerCase()) {
    case 'individual':
      return 'person';
    case 'vessel':
      return 'vessel';
    case 'aircraft':
      return 'aircraft';
    default:
      return 'organisation';
  }
}

export function parseOfac(files: OfacFiles, listId = 'ofac-sdn'): ListEntry[] {
  const more = new Map<string, string>();
  // Long remarks continue in sdn_comments.csv, cut mid-word: join without a separator.
  for (const r of files.comments ? parseCsv(files.comments) : []) {
    const id = val(r[0]);
    if (id) more.set(id, (more.get(id) ?? '') + (r[1] ?? ''));
  }
  const entries = new Map<string, ListEntry>();
  for (const r of parseCsv(files.sdn)) {
    const id = val(r[0]);
    const name = val(r[1]);
    if (!id || !name) continue;
    const remarks = val(r[11]) + (more.get(id) ?? '');
    const facts = parseRemarks(remarks);
    const entry: ListEntry = {
      id,
      listId,
      kind: kindOf(val(r[2])),
      names: [{ full: name, kind: 'primary', weak: false }, ...facts.weakAliases],
      dobs: facts.dobs,
      nationalities: facts.nationalities,
      countries: facts.countries,
      ids: facts.ids,
      programs: val(r[3])
        .split(/\]\s*\[|\s+/u)
        .map((p) => p.replace(/[[\]]/gu, ''))
        .filter(Boolean),
    };
    if (facts.gender) entry.gender = facts.gender;
    if (remarks) entry.remarks = remarks;
    entries.set(id, entry);
  }
  for (const r of files.alt ? parseCsv(files.alt) : []) {
    const e = entries.get(val(r[0]));
    const name = val(r[3]);
    if (!e || !name) continue;
    const t = val(r[2]).toLowerCase().replace(/\./gu, '');
    const kind = t === 'fka' ? 'fka' : t === 'nka' ? 'nka' : 'aka';
    // alt.csv rows are strong aliases; its remarks column is empty in the legacy layout, but honour it if set.
    e.names.push({ full: name, kind, weak: /weak/iu.test(val(r[4])) });
  }
  for (const r of files.add ? parseCsv(files.add) : []) {
    const e = entries.get(val(r[0]));
    const c = countryCode(val(r[4]));
    if (e && c && !e.countries.includes(c)) e.countries.push(c);
  }
  return [...entries.values()];
}
