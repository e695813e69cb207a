/** Name material for unrelated (negative) queries and for Hanzi forms of Chinese list names. */
import { pinyin } from 'pinyin-pro';

export const chineseSurnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
export const chineseGiven = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国志明海燕鹏飞宇浩然子涵梓轩一诺欣怡思远晨曦雨桐佳怡博文俊杰嘉豪天佑',
];

export const westernFirst = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Christopher',
  'Lisa',
  'Daniel',
  'Nancy',
  'Matthew',
  'Sandra',
  'Anthony',
  'Ashley',
  'Mark',
  'Emily',
  'Hans',
  'Greta',
  'Pierre',
  'Camille',
  'Giulia',
  'Lorenzo',
  'Sofia',
  'Lucas',
  'Emma',
  'Noah',
];
export const westernLast = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Muller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Dubois',
  'Lefebvre',
  'Rossi',
  'Russo',
  'Bianchi',
  'Jansen',
];
export const arabicFirst = [
  'Omar',
  'Khalid',
  'Yusuf',
  'Tariq',
  'Samir',
  'Karim',
  'Nabil',
  'Rami',
  'Faisal',
  'Hamza',
  'Bilal',
  'Ziad',
  'Walid',
  'Majid',
  'Fatima',
  'Aisha',
  'Layla',
  'Noor',
  'Huda',
  'Rania',
  'Salma',
  'Yasmin',
  'Amal',
  'Dalia',
];
export const arabicLast = [
  'Haddad',
  'Khoury',
  'Nasser',
  'Saleh',
  'Mansour',
  'Farouk',
  'Aziz',
  'Hamdan',
  'Qasim',
  'Sabbagh',
  'Toumi',
  'Bakri',
  'Jaber',
  'Shami',
  'Najjar',
  'Darwish',
  'Zaki',
  'Fakhoury',
  'Barakat',
  'Kanaan',
];
export const russianFirst = [
  'Aleksandr',
  'Sergei',
  'Dmitri',
  'Andrei',
  'Alexei',
  'Nikolai',
  'Ivan',
  'Mikhail',
  'Olga',
  'Tatiana',
  'Natalia',
  'Irina',
  'Elena',
  'Svetlana',
  'Anna',
  'Yulia',
];
export const russianLast = [
  'Ivanov',
  'Smirnov',
  'Kuznetsov',
  'Popov',
  'Vasiliev',
  'Petrov',
  'Sokolov',
  'Mikhailov',
  'Novikov',
  'Fedorov',
  'Morozov',
  'Volkov',
  'Alekseev',
  'Lebedev',
  'Semenov',
  'Egorov',
  'Pavlov',
  'Kozlov',
  'Stepanov',
  'Nikolaev',
];
export const companyWords = [
  'Golden',
  'Harbor',
  'Summit',
  'Pacific',
  'Green',
  'River',
  'Star',
  'Bright',
  'Union',
  'Northern',
  'Lotus',
  'Phoenix',
  'Silver',
  'Ocean',
  'Mountain',
  'Jade',
  'Crystal',
  'Eagle',
  'Cedar',
  'Maple',
];
export const companyTrades = [
  'Logistics',
  'Textiles',
  'Foods',
  'Software',
  'Electronics',
  'Ceramics',
  'Furniture',
  'Paper',
  'Tea',
  'Optics',
  'Packaging',
  'Garments',
  'Bakery',
  'Printing',
  'Toys',
];
export const companyForms = ['Ltd', 'LLC', 'Co., Ltd.', 'Inc.', 'GmbH', 'S.A.', '有限公司'];

/** One common Hanzi per pinyin syllable, to write romanised Chinese list names in characters. */
export function syllableToHanzi(): Map<string, string> {
  const map = new Map<string, string>();
  // Prefer the given-name and surname characters above, then the CJK block in order.
  const chars = [...chineseSurnames, ...chineseGiven];
  for (let cp = 0x4e00; cp < 0x9fa5; cp++) chars.push(String.fromCodePoint(cp));
  for (const ch of chars) {
    const py = pinyin(ch, { toneType: 'none', multiple: false }).replace(/ü|v/gu, 'u');
    if (/^[a-z]+$/u.test(py) && !map.has(py)) map.set(py, ch);
  }
  return map;
}

/** Splits a romanised token into pinyin syllables (greedy, longest first); undefined when it is not pinyin. */
export function splitPinyin(token: string, syllables: ReadonlySet<string>): string[] | undefined {
  const t = token.toLowerCase();
  const out: string[] = [];
  let i = 0;
  while (i < t.length) {
    let len = Math.min(6, t.length - i);
    while (len > 0 && !syllables.has(t.slice(i, i + len))) len--;
    if (len === 0) return undefined;
    out.push(t.slice(i, i + len));
    i += len;
  }
  return out;
}
