/**
 * Chinese names: traditional → simplified (OpenCC) and Hanzi → pinyin (pinyin-pro, surname readings
 * such as 单 shan and 曾 zeng), shaped the way sanctions lists romanise Chinese names: surname, then the
 * given name's syllables written together ("XI Jinping").
 */
import { Converter } from 'opencc-js';
import { pinyin } from 'pinyin-pro';

// opencc-js's type declarations import their siblings without extensions, which NodeNext cannot resolve:
// state the one signature used here.
type MakeConverter = (options: { from: string; to: string }) => (text: string) => string;
const toSimplified = (Converter as unknown as MakeConverter)({ from: 't', to: 'cn' });

const hanziRe = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const hanziRunRe = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;

/** Two-character surnames, so that 欧阳修 is OUYANG Xiu and not OU Yangxiu. */
const compoundSurnames = new Set(
  (
    '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 端木 独孤 南宫 西门 ' +
    '百里 呼延 万俟 澹台 公冶 太史 申屠 闻人 赫连 钟离 宗政 濮阳 淳于 单于 拓跋 完颜 司空 第五 闾丘'
  ).split(' '),
);

/** Suffixes of Chinese company names, longest first, removed before romanising. */
const companySuffixes = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '集团公司',
  '责任公司',
  '公司',
  '集团',
];

export function hasHanzi(s: string): boolean {
  return hanziRe.test(s);
}

export function simplify(s: string): string {
  return toSimplified(s);
}

function syllables(hanzi: string, asName: boolean): string[] {
  const out = asName
    ? pinyin(hanzi, { toneType: 'none', type: 'array', surname: 'head' })
    : pinyin(hanzi, { toneType: 'none', type: 'array' });
  return out.map((p) => p.replace(/ü|v/gu, 'u'));
}

/** One romanised part of a Hanzi string: its text, the characters it came from, whether it is the family name. */
export interface HanziPart {
  text: string;
  chars: string;
  family: boolean;
}

/**
 * Romanised parts of a string holding Hanzi. A run of 2–4 characters is read as a personal name
 * (surname, then the given name joined); a longer run as an organisation, its syllables paired into
 * words, which is how most two-character Chinese words are romanised ("Huawei Jishu").
 */
export function hanziParts(raw: string): HanziPart[] {
  let s = simplify(raw).replace(/\s+/gu, '');
  let organisation = false;
  for (const suf of companySuffixes) {
    if (s.endsWith(suf) && s.length > suf.length + 1) {
      s = s.slice(0, -suf.length);
      organisation = true;
      break;
    }
  }
  const out: HanziPart[] = [];
  const other = (text: string) => out.push({ text, chars: '', family: false });
  // Minority and foreign names are written with a middle dot between the parts: 阿卜杜勒·拉希德.
  for (const part of s.split(/[·•・.\s]+/u)) {
    let rest = part;
    const runs = part.match(hanziRunRe) ?? [];
    for (const run of runs) {
      const before = rest.slice(0, rest.indexOf(run));
      if (before.trim()) other(before);
      rest = rest.slice(rest.indexOf(run) + run.length);
      const chars = [...run];
      if (!organisation && runs.length === 1 && run === part && chars.length >= 2 && chars.length <= 4) {
        const surnameLen = chars.length >= 3 && compoundSurnames.has(chars.slice(0, 2).join('')) ? 2 : 1;
        const syl = syllables(run, true);
        out.push({ text: syl.slice(0, surnameLen).join(''), chars: chars.slice(0, surnameLen).join(''), family: true });
        out.push({ text: syl.slice(surnameLen).join(''), chars: chars.slice(surnameLen).join(''), family: false });
      } else {
        const syl = syllables(run, false);
        for (let i = 0; i < syl.length; i += 2)
          out.push({ text: syl.slice(i, i + 2).join(''), chars: chars.slice(i, i + 2).join(''), family: false });
      }
    }
    if (rest.trim()) other(rest);
  }
  return out.filter((p) => p.text.length > 0);
}

/** Latin tokens for a string holding Hanzi (see hanziParts). */
export function hanziTokens(raw: string): string[] {
  return hanziParts(raw).map((p) => p.text);
}
