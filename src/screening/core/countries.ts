/**
 * Country names (English or Chinese, as lists and customers write them) to ISO 3166-1 alpha-2 codes.
 * The table comes from the ICU data that ships with Node (Intl.DisplayNames), plus the official UN
 * and OFAC spellings that differ from ICU's short names.
 */

const aliases: Record<string, string> = {
  'korea north': 'KP',
  'north korea': 'KP',
  "democratic people's republic of korea": 'KP',
  dprk: 'KP',
  'korea south': 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  'russian federation': 'RU',
  'iran islamic republic of': 'IR',
  'islamic republic of iran': 'IR',
  'syrian arab republic': 'SY',
  'viet nam': 'VN',
  "lao people's democratic republic": 'LA',
  burma: 'MM',
  'democratic republic of the congo': 'CD',
  'congo democratic republic of the': 'CD',
  'republic of the congo': 'CG',
  'united republic of tanzania': 'TZ',
  'venezuela bolivarian republic of': 'VE',
  'bolivia plurinational state of': 'BO',
  'united kingdom of great britain and northern ireland': 'GB',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  'united states of america': 'US',
  usa: 'US',
  'the former yugoslav republic of macedonia': 'MK',
  'republic of moldova': 'MD',
  'state of palestine': 'PS',
  palestinian: 'PS',
  'west bank': 'PS',
  gaza: 'PS',
  'libyan arab jamahiriya': 'LY',
  turkey: 'TR',
  turkiye: 'TR',
  "cote d'ivoire": 'CI',
  'ivory coast': 'CI',
  'man isle of': 'IM',
  'virgin islands british': 'VG',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  'taiwan province of china': 'TW',
  'china mainland': 'CN',
  prc: 'CN',
  'peoples republic of china': 'CN',
  "people's republic of china": 'CN',
  'kyrgyz republic': 'KG',
  'czech republic': 'CZ',
  swaziland: 'SZ',
  'cabo verde': 'CV',
  'timor leste': 'TL',
  'east timor': 'TL',
  'brunei darussalam': 'BN',
  'holy see': 'VA',
  'micronesia federated states of': 'FM',
  'sudan south': 'SS',
  'bosnia-herzegovina': 'BA',
  kosovo: 'XK',
  中国: 'CN',
  中华人民共和国: 'CN',
  香港: 'HK',
  澳门: 'MO',
  台湾: 'TW',
  朝鲜: 'KP',
  韩国: 'KR',
  俄罗斯: 'RU',
  美国: 'US',
  英国: 'GB',
  伊朗: 'IR',
  叙利亚: 'SY',
  阿富汗: 'AF',
  伊拉克: 'IQ',
};

function key(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/gu, "'")
    .replace(/[(),.]/gu, ' ')
    .replace(/&/gu, 'and')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Withdrawn or non-country codes that ICU still names (often after a successor: DD → "Germany"). */
const skip = new Set('AN BU CS DD DY FX HV NH QO QU RH SU TP UK UN VD YD YU ZR EU EZ XA XB'.split(' '));

const table = (() => {
  const map = new Map<string, string>();
  const en = new Intl.DisplayNames(['en'], { type: 'region' });
  const zh = new Intl.DisplayNames(['zh-Hans'], { type: 'region' });
  const A = 65;
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      if (skip.has(code)) continue;
      let name: string | undefined;
      try {
        name = en.of(code);
      } catch {
        name = undefined;
      }
      if (!name || name === code || /unknown/i.test(name)) continue;
      if (!map.has(key(name))) map.set(key(name), code);
      // ICU writes "Congo - Kinshasa", "Hong Kong SAR China": index each half as well.
      for (const part of name.split(/ - | SAR /u)) if (!map.has(key(part))) map.set(key(part), code);
      const z = zh.of(code);
      if (z && z !== code && !map.has(key(z))) map.set(key(z), code);
    }
  }
  for (const [k, v] of Object.entries(aliases)) map.set(key(k), v);
  return map;
})();

/** ISO alpha-2 code of a country code or name; undefined when it is not a country we know. */
export function countryCode(input: string): string | undefined {
  const s = input.trim();
  if (/^[A-Za-z]{2}$/u.test(s)) {
    const up = s.toUpperCase();
    return up === 'UK' ? 'GB' : up;
  }
  return table.get(key(s));
}
