/**
 * The UN Security Council consolidated list (official XML): INDIVIDUALS and ENTITIES with their aliases
 * (quality Good / Low; Low-quality aliases are weak), names in the original script, dates of birth,
 * nationalities and documents.
 */
import { countryCode } from '../core/countries.ts';
import { parseDob } from '../core/dates.ts';
import type { DateSpec, EntryName, IdDocument, ListEntry } from '../core/types.ts';
import { child, children, parseXml, textOf, type XmlElement } from './xml.ts';

function dobsOf(el: XmlElement): DateSpec[] {
  const out: DateSpec[] = [];
  for (const d of children(el, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    const type = textOf(d, 'TYPE_OF_DATE');
    const date = textOf(d, 'DATE');
    const year = textOf(d, 'YEAR');
    const from = textOf(d, 'FROM_YEAR');
    const to = textOf(d, 'TO_YEAR');
    if (from && to) out.push({ year: Number(from), toYear: Number(to) });
    else if (date) {
      const spec = parseDob(date.slice(0, 10));
      if (spec) out.push(spec);
    } else if (year) {
      out.push(
        type === 'APPROXIMATELY' ? { year: Number(year) - 1, toYear: Number(year) + 1 } : { year: Number(year) },
      );
    }
  }
  return out;
}

function aliasesOf(el: XmlElement, tag: string): EntryName[] {
  const out: EntryName[] = [];
  for (const a of children(el, tag)) {
    const full = textOf(a, 'ALIAS_NAME');
    if (!full) continue;
    const q = textOf(a, 'QUALITY').toLowerCase();
    out.push({ full, kind: q === 'f.k.a.' ? 'fka' : 'aka', weak: q === 'low' });
  }
  return out;
}

function docsOf(el: XmlElement): IdDocument[] {
  const out: IdDocument[] = [];
  for (const d of children(el, 'INDIVIDUAL_DOCUMENT')) {
    const number = textOf(d, 'NUMBER');
    if (!number) continue;
    const doc: IdDocument = { type: textOf(d, 'TYPE_OF_DOCUMENT') || 'document', number };
    const c = countryCode(textOf(d, 'ISSUING_COUNTRY') || textOf(d, 'COUNTRY_OF_ISSUE'));
    if (c) doc.country = c;
    out.push(doc);
  }
  return out;
}

function countriesOf(el: XmlElement, tag: string): string[] {
  const out = new Set<string>();
  for (const a of children(el, tag)) {
    const c = countryCode(textOf(a, 'COUNTRY'));
    if (c) out.add(c);
  }
  return [...out];
}

export function parseUn(xml: string, listId = 'un-sc'): ListEntry[] {
  const doc = parseXml(xml);
  const list = child(doc, 'CONSOLIDATED_LIST');
  if (!list) throw new Error('UN list: no CONSOLIDATED_LIST element');
  const out: ListEntry[] = [];
  for (const el of children(
    child(list, 'INDIVIDUALS') ?? { name: '', attrs: {}, children: [], text: '' },
    'INDIVIDUAL',
  )) {
    const full = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME']
      .map((t) => textOf(el, t))
      .filter(Boolean)
      .join(' ');
    const original = textOf(el, 'NAME_ORIGINAL_SCRIPT');
    const nationalities = new Set<string>();
    for (const n of children(el, 'NATIONALITY')) {
      for (const v of children(n, 'VALUE')) {
        const c = countryCode(v.text.trim());
        if (c) nationalities.add(c);
      }
    }
    const gender = textOf(el, 'GENDER').toLowerCase();
    const entry: ListEntry = {
      id: textOf(el, 'REFERENCE_NUMBER') || textOf(el, 'DATAID'),
      listId,
      kind: 'person',
      names: [
        { full, kind: 'primary', weak: false },
        ...(original ? [{ full: original, kind: 'original' as const, weak: false }] : []),
        ...aliasesOf(el, 'INDIVIDUAL_ALIAS'),
      ],
      dobs: dobsOf(el),
      nationalities: [...nationalities],
      countries: [
        ...new Set([...countriesOf(el, 'INDIVIDUAL_ADDRESS'), ...countriesOf(el, 'INDIVIDUAL_PLACE_OF_BIRTH')]),
      ],
      ids: docsOf(el),
      programs: [textOf(el, 'UN_LIST_TYPE')].filter(Boolean),
    };
    if (gender === 'male' || gender === 'female') entry.gender = gender;
    const remarks = textOf(el, 'COMMENTS1');
    if (remarks) entry.remarks = remarks;
    out.push(entry);
  }
  for (const el of children(child(list, 'ENTITIES') ?? { name: '', attrs: {}, children: [], text: '' }, 'ENTITY')) {
    // An entity's FIRST_NAME may hold several names separated by " ; ".
    const [primary = '', ...others] = textOf(el, 'FIRST_NAME').split(/\s+;\s+/u);
    const entry: ListEntry = {
      id: textOf(el, 'REFERENCE_NUMBER') || textOf(el, 'DATAID'),
      listId,
      kind: 'organisation',
      names: [
        { full: primary, kind: 'primary', weak: false },
        ...others.map((full) => ({ full, kind: 'aka' as const, weak: false })),
        ...aliasesOf(el, 'ENTITY_ALIAS'),
      ],
      dobs: [],
      nationalities: [],
      countries: countriesOf(el, 'ENTITY_ADDRESS'),
      ids: [],
      programs: [textOf(el, 'UN_LIST_TYPE')].filter(Boolean),
    };
    const remarks = textOf(el, 'COMMENTS1');
    if (remarks) entry.remarks = remarks;
    out.push(entry);
  }
  return out;
}
