/**
 * A tenant's own lists (internal blacklists, PEP lists) as JSON or CSV.
 *
 * JSON: an array (or `{ "entries": [...] }`) of
 *   { id, name, aliases?: [string | {name, weak?}], kind?, dob?: string | string[], nationalities?, countries?,
 *     gender?, ids?: [{type, number, country?}], programs?, remarks? }
 * CSV, with a header row: id,name,aliases,weak_aliases,kind,dob,nationality,country,gender,ids,programs,remarks
 *   where multiple values are separated by "|" and an id document is written type:number[:country].
 */
import { ZhiliError } from '../../kernel/index.ts';
import { countryCode } from '../core/countries.ts';
import { parseDob } from '../core/dates.ts';
import type { DateSpec, EntryKind, EntryName, IdDocument, ListEntry } from '../core/types.ts';
import { parseCsv } from './csv.ts';

const kinds = new Set<EntryKind>(['person', 'organisation', 'vessel', 'aircraft', 'unknown']);

function bad(pointer: string, message: string): ZhiliError {
  return new ZhiliError('ZHILI_E_VALIDATION', { pointer, message, messageZh: `名单格式错误：${message}` });
}

const codes = (xs: readonly string[]): string[] => [
  ...new Set(xs.map((x) => countryCode(x)).filter((c): c is string => c !== undefined)),
];

function dobs(xs: readonly string[], pointer: string): DateSpec[] {
  return xs.filter(Boolean).map((d) => {
    const spec = parseDob(d);
    if (!spec) throw bad(pointer, `cannot read the date of birth "${d}"`);
    return spec;
  });
}

interface RawEntry {
  id?: unknown;
  name?: unknown;
  aliases?: unknown;
  kind?: unknown;
  dob?: unknown;
  nationalities?: unknown;
  countries?: unknown;
  gender?: unknown;
  ids?: unknown;
  programs?: unknown;
  remarks?: unknown;
}

const strs = (v: unknown): string[] =>
  v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

function fromRaw(r: RawEntry, i: number, listId: string, ptr: string): ListEntry {
  const p = `${ptr}/${i}`;
  if (typeof r.id !== 'string' && typeof r.id !== 'number') throw bad(`${p}/id`, 'every entry needs an id');
  if (typeof r.name !== 'string' || r.name.trim() === '') throw bad(`${p}/name`, 'every entry needs a name');
  const kind = (typeof r.kind === 'string' ? r.kind : 'unknown') as EntryKind;
  if (!kinds.has(kind)) throw bad(`${p}/kind`, `kind must be one of ${[...kinds].join(', ')}`);
  const aliases: EntryName[] = (Array.isArray(r.aliases) ? (r.aliases as unknown[]) : []).map((a, k) => {
    if (typeof a === 'string') return { full: a, kind: 'aka', weak: false };
    const o = a as { name?: unknown; weak?: unknown };
    if (typeof o?.name !== 'string') throw bad(`${p}/aliases/${k}`, 'an alias is a string or {name, weak}');
    return { full: o.name, kind: 'aka', weak: o.weak === true };
  });
  const ids: IdDocument[] = (Array.isArray(r.ids) ? (r.ids as unknown[]) : []).map((d, k) => {
    const o = d as { type?: unknown; number?: unknown; country?: unknown };
    if (typeof o?.number !== 'string') throw bad(`${p}/ids/${k}/number`, 'an id document needs a number');
    const doc: IdDocument = { type: typeof o.type === 'string' ? o.type : 'document', number: o.number };
    const c = typeof o.country === 'string' ? countryCode(o.country) : undefined;
    if (c) doc.country = c;
    return doc;
  });
  const entry: ListEntry = {
    id: String(r.id),
    listId,
    kind,
    names: [{ full: r.name, kind: 'primary', weak: false }, ...aliases.filter((a) => a.full.trim() !== '')],
    dobs: dobs(strs(r.dob), `${p}/dob`),
    nationalities: codes(strs(r.nationalities)),
    countries: codes(strs(r.countries)),
    ids,
    programs: strs(r.programs),
  };
  if (r.gender === 'male' || r.gender === 'female') entry.gender = r.gender;
  if (typeof r.remarks === 'string' && r.remarks) entry.remarks = r.remarks;
  return entry;
}

export function parseGenericJson(text: string, listId: string): ListEntry[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ZhiliError('ZHILI_E_BAD_JSON', { cause: e });
  }
  const arr = Array.isArray(doc) ? doc : (doc as { entries?: unknown })?.entries;
  if (!Array.isArray(arr)) throw bad('', 'expected an array of entries or {"entries": [...]}');
  const ptr = Array.isArray(doc) ? '' : '/entries';
  return arr.map((r, i) => fromRaw(r as RawEntry, i, listId, ptr));
}

export function parseGenericCsv(text: string, listId: string): ListEntry[] {
  const [header = [], ...rows] = parseCsv(text.replace(/^\uFEFF/u, ''));
  const col = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  if (!col.has('id') || !col.has('name')) throw bad('', 'the CSV header must have at least id and name');
  const split = (row: string[], name: string): string[] => {
    const i = col.get(name);
    const v = i === undefined ? '' : (row[i] ?? '');
    return v
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
  };
  return rows.map((row, i) => {
    const raw: RawEntry = {
      id: row[col.get('id') ?? 0],
      name: row[col.get('name') ?? 1],
      aliases: [...split(row, 'aliases'), ...split(row, 'weak_aliases').map((name) => ({ name, weak: true }))],
      kind: split(row, 'kind')[0] ?? 'unknown',
      dob: split(row, 'dob'),
      nationalities: split(row, 'nationality'),
      countries: split(row, 'country'),
      gender: split(row, 'gender')[0],
      ids: split(row, 'ids').map((d) => {
        const [type = 'document', number = '', country] = d.split(':');
        return country ? { type, number, country } : { type, number };
      }),
      programs: split(row, 'programs'),
      remarks: split(row, 'remarks').join('|'),
    };
    return fromRaw(raw, i + 1, listId, '/rows');
  });
}
