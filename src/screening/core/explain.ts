/**
 * Explanations of a hit for people, in English and Simplified Chinese: how each name part matched
 * (identical characters, same reading in other characters, fuzzy spelling, initial, legal form, ...),
 * and why a hit is only for review.
 */
import type { Alignment } from './align.ts';
import type { NameForm } from './index-build.ts';
import type { NormalName } from './normalize.ts';
import type { Bilingual, PartMatch } from './types.ts';

type Link = Alignment['links'][number];

const at = (xs: readonly string[] | undefined, is: readonly number[]) =>
  xs ? is.map((i) => xs[i] ?? '').join('') : '';

/** How one part matched, exactly. */
export function explainPart(p: PartMatch, l: Link | undefined, q: NormalName, form: NameForm): Bilingual {
  const qc = l ? at(q.chars, l.qs) : '';
  const ec = l ? at(form.chars, l.es) : '';
  const qRaw = l ? at(q.raw, l.qs) : '';
  const sim = p.similarity.toFixed(2);
  const reading = p.query.toLowerCase();
  switch (p.method) {
    case 'characters':
      return { en: `identical characters ${qc}`, zh: `汉字相同：${qc}` };
    case 'reading':
      return {
        en: `same reading (${reading}) in other characters: ${qc} / ${ec}`,
        zh: `读音相同（${reading}）但汉字不同：${qc} / ${ec}`,
      };
    case 'pinyin':
      return qc
        ? { en: `${qc} read as ${p.entry} (reading only)`, zh: `${qc} 的读音为 ${p.entry}（仅读音相同）` }
        : {
            en: `${p.query} is the reading of ${ec || p.entry} (reading only)`,
            zh: `${p.query} 为 ${ec || p.entry} 的读音（仅读音相同）`,
          };
    case 'transliteration':
      return { en: `same after transliteration (${p.query})`, zh: `转写后相同（${p.query}）` };
    case 'phonetic':
      return { en: `sounds alike (similarity ${sim})`, zh: `发音相近（相似度 ${sim}）` };
    case 'fuzzy':
      return { en: `fuzzy spelling (similarity ${sim})`, zh: `拼写相近（相似度 ${sim}）` };
    case 'initial':
      return {
        en: `initial ${p.query.length === 1 ? p.query : p.entry} for ${p.query.length === 1 ? p.entry : p.query} (reduced weight)`,
        zh: `首字母 ${p.query.length === 1 ? p.query : p.entry} 对应 ${p.query.length === 1 ? p.entry : p.query}（权重较低）`,
      };
    case 'joined':
      return { en: 'the same letters written together or apart', zh: '连写或分写不同，字母相同' };
    case 'legalForm':
      return { en: `same legal form ${p.query} = ${p.entry}`, zh: `公司法律形式相同：${p.query} = ${p.entry}` };
    case 'abbreviation':
      return { en: `abbreviation ${qRaw || p.query} = ${p.entry}`, zh: `缩写相同：${qRaw || p.query} = ${p.entry}` };
    default:
      return qRaw && qRaw !== p.query
        ? { en: `abbreviation ${qRaw} = ${p.entry}`, zh: `缩写相同：${qRaw} = ${p.entry}` }
        : { en: 'identical', zh: '完全相同' };
  }
}

/** Parts with their explanations; abbreviations written out and shared legal forms shown as parts of their own. */
export function explainedParts(a: Alignment, q: NormalName, form: NameForm): PartMatch[] {
  const parts = a.parts.map((p, k) => {
    const l = a.links[k];
    const qRaw = l ? at(q.raw, l.qs) : '';
    const method = p.method === 'exact' && qRaw && qRaw !== p.query.replace(/ /g, '') ? 'abbreviation' : p.method;
    const part = { ...p, method };
    return { ...part, how: explainPart(part, l, q, form) };
  });
  for (const f of q.legal ?? []) {
    if (!form.legal?.includes(f)) continue;
    const part: PartMatch = { query: f, entry: f, method: 'legalForm', similarity: 1 };
    parts.push({ ...part, how: explainPart(part, undefined, q, form) });
  }
  return parts;
}

export interface HitContext {
  parts: PartMatch[];
  crossed: boolean;
  readingOnly: boolean;
  corroborated: boolean;
  contradicted: string[];
  weak: boolean;
  block: boolean;
}

/** One sentence per language for the whole hit. */
export function explainHit(c: HitContext): Bilingual {
  const en = [c.parts.map((p) => `${p.query}~${p.entry}: ${p.how?.en ?? p.method}`).join('; ')];
  const zh = [c.parts.map((p) => `${p.query}~${p.entry}：${p.how?.zh ?? p.method}`).join('；')];
  if (c.crossed) {
    en.push('a family name met a given name');
    zh.push('姓与名的位置不对应');
  }
  if (c.contradicted.length > 0) {
    en.push(`contradicted by ${c.contradicted.join(' and ')}`);
    zh.push(
      `${c.contradicted.map((x) => (x === 'date of birth' ? '出生日期' : x === 'nationality' ? '国籍' : x)).join('和')}不符`,
    );
  }
  if (c.readingOnly && !c.corroborated) {
    en.push('matched by reading only and not corroborated by date of birth, nationality or ID: review, not block');
    zh.push('仅读音相同，且无出生日期、国籍或证件佐证：需人工复核，不建议拦截');
  }
  if (c.weak && !c.block) {
    en.push('weak alias only: review, not block');
    zh.push('仅匹配弱别名：需人工复核，不建议拦截');
  }
  return { en: `${en.join('. ')}.`, zh: `${zh.join('。')}。` };
}
