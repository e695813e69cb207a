/** Data shapes shared by the list loaders, the index and the matcher. */

export type EntryKind = 'person' | 'organisation' | 'vessel' | 'aircraft' | 'unknown';

/** How a name relates to its entry: the listed name, an alias, a former or new name, the name in its own script. */
export type NameKind = 'primary' | 'aka' | 'fka' | 'nka' | 'original';

export interface EntryName {
  full: string;
  kind: NameKind;
  /** OFAC "weak a.k.a." and UN "Low" quality aliases are weak: they never block on their own. */
  weak: boolean;
}

/** A date of birth as lists give it: exact day, month or year, or a range of years. */
export interface DateSpec {
  year: number;
  month?: number;
  day?: number;
  /** Last year of a range ("1948 to 1950", UN "BETWEEN"); `circa` dates get ±1 here. */
  toYear?: number;
}

export interface IdDocument {
  type: string;
  number: string;
  country?: string;
}

export interface ListEntry {
  /** Unique within the list, e.g. the OFAC ent_num or the UN reference number. */
  id: string;
  listId: string;
  kind: EntryKind;
  names: EntryName[];
  dobs: DateSpec[];
  /** ISO 3166-1 alpha-2 codes: nationality, citizenship and (weaker) address countries. */
  nationalities: string[];
  countries: string[];
  gender?: 'male' | 'female';
  ids: IdDocument[];
  programs: string[];
  remarks?: string;
}

export interface ScreenQuery {
  name: string;
  kind?: EntryKind;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  dob?: string;
  /** ISO alpha-2 code or a country name in English or Chinese. */
  country?: string;
  gender?: 'male' | 'female';
  ids?: IdDocument[];
}

/**
 * How a name part matched. `characters`: the same Hanzi; `reading`: the same reading in other Hanzi
 * (李 and 黎); `pinyin`: Hanzi against a romanised name, by reading only; `legalForm`: company legal
 * forms written differently (AG and Aktiengesellschaft); `abbreviation`: INT'L and International, 1st and First.
 */
export type MatchMethod =
  | 'exact'
  | 'characters'
  | 'reading'
  | 'pinyin'
  | 'transliteration'
  | 'phonetic'
  | 'fuzzy'
  | 'initial'
  | 'joined'
  | 'legalForm'
  | 'abbreviation';

/** A sentence for people, in English and Simplified Chinese. */
export interface Bilingual {
  en: string;
  zh: string;
}

export interface PartMatch {
  query: string;
  entry: string;
  method: MatchMethod;
  /** Jaro-Winkler (or 1 for exact) of the two parts. */
  similarity: number;
  /** Exactly how the part matched, e.g. "same reading (li) in other characters: 李 / 黎". */
  how?: Bilingual;
}

export interface FactorContribution {
  factor: 'name' | 'dob' | 'country' | 'gender' | 'id' | 'prior';
  /** What was compared, e.g. "1951 vs 1951-06-19". */
  detail: string;
  /** What this factor added to the log-odds of a true match. */
  logOdds: number;
}

export interface Hit {
  listId: string;
  entryId: string;
  kind: EntryKind;
  /** Calibrated estimate of the probability that the query is this entry. */
  score: number;
  matchedName: string;
  nameKind: NameKind;
  /** The best name match was on a weak alias only: treat as review, never block. */
  weakOnly: boolean;
  /** An identical ID document number: decisive. */
  decisive: boolean;
  recommendation: 'block' | 'review';
  parts: PartMatch[];
  factors: FactorContribution[];
  /**
   * Date of birth, nationality or an ID document agrees with the entry. A match by reading only (Hanzi
   * against a romanised or differently written name) is never recommended for blocking without it.
   */
  corroborated?: boolean;
  /** The whole explanation in one sentence per language: parts, order, attributes, why not block. */
  explanation?: Bilingual;
}
