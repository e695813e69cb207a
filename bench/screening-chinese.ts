/**
 * Ordinary Chinese personal names for the screening evaluation, drawn from frequency tables built here
 * (never from list names): family names with their approximate share of the population (after the 2020
 * census tables of the Ministry of Public Security, rounded), and given-name characters ranked by how
 * often they appear in given names, weighted by a Zipf curve. About a quarter of given names have one
 * character, the rest two.
 */
import { pinyin } from 'pinyin-pro';

/** Family name and share of the population in per mille. */
const familyNames: [string, number][] = (
  '王 71 李 70 张 67 刘 54 陈 45 杨 31 黄 23 赵 22 吴 20 周 19 徐 15 孙 15 马 14 朱 13 胡 12 郭 11 何 11 ' +
  '高 10 林 10 罗 9 郑 8 梁 8 谢 7 宋 6 唐 6 许 6 韩 6 冯 5 邓 5 曹 5 彭 5 曾 5 肖 5 田 4 董 4 袁 4 潘 4 ' +
  '于 4 蒋 4 蔡 4 余 4 杜 4 叶 4 程 4 苏 3 魏 3 吕 3 丁 3 任 3 沈 3 姚 3 卢 3 姜 3 崔 3 钟 3 谭 3 陆 3 汪 3 ' +
  '范 3 金 3 石 3 廖 3 贾 2 夏 2 韦 2 付 2 方 2 白 2 邹 2 孟 2 熊 2 秦 2 邱 2 江 2 尹 2 薛 2 闫 2 段 2 雷 2 ' +
  '侯 2 龙 2 史 2 陶 2 黎 2 贺 2 顾 2 毛 2 郝 2 龚 2 邵 2 万 2 钱 2 严 2 覃 1 武 1 戴 1 莫 1 孔 1 向 1 汤 1 ' +
  '常 1 温 1 康 1 施 1 文 1 牛 1 樊 1 葛 1 邢 1 安 1 齐 1 易 1 乔 1 伍 1 庞 1 颜 1 倪 1 庄 1 聂 1 章 1 ' +
  '鲁 1 岳 1 翟 1 殷 1 詹 1 申 1 欧 1 耿 1 关 1 兰 1 焦 1 俞 1 左 1 柳 1 甘 1 祝 1 包 1 宁 1 尚 1 符 1 ' +
  '舒 1 阮 1 柯 1 纪 1 梅 1 童 1 凌 1 毕 1 单 1 季 1 裴 1 霍 1 涂 1 成 1 苗 1 谷 1 盛 1 曲 1 翁 1 冉 1 ' +
  '骆 1 蓝 1 路 1 游 1 辛 1 靳 1 欧阳 0.5 管 1 柴 1 蒙 1 鲍 1 华 1 喻 1 祁 1 蒲 1 房 1 滕 1 屈 1 饶 1 ' +
  '解 1 牟 1 艾 1 尤 1 阳 1 时 1 穆 1 农 1 司 1 卓 1 古 1 吉 1 缪 1 简 1 车 1 项 1 连 1 芦 1 麦 1 褚 1 ' +
  '娄 1 窦 1 戚 1 岑 1 景 1 党 1 宫 1 费 1 卜 1 冷 1 晏 1 席 1 卫 1 米 1 柏 1 宗 1 瞿 1 桂 1 全 1 佟 1 ' +
  '应 1 臧 1 闵 1 苟 1 邬 1 边 1 卞 1 姬 1 师 1 和 1 仇 1 栾 1 隋 1 商 1 刁 1 沙 1 荣 1 巫 1 寇 1 桑 1 ' +
  '郎 1 甄 1 丛 1 仲 1 虞 1 敖 1 巩 1 明 0.5 佘 1 池 1 查 1 麻 1 苑 1 迟 1 邝 1 司马 0.2 上官 0.2 诸葛 0.2'
)
  .split(' ')
  .reduce<[string, number][]>((acc, x, i, xs) => (i % 2 === 0 ? [...acc, [x, Number(xs[i + 1])]] : acc), []);

/** Given-name characters, most frequent first. */
const givenChars = [
  ...('伟英华明芳玉秀文丽敏军建平强红国杰志静霞海燕俊辉林小金春云峰磊鹏宇浩涛飞勇超刚斌鑫波丹萍娟婷洁琳' +
    '颖雪慧晶玲梅兰凤桂珍淑艳娜莉倩佳欣怡悦子涵轩梓睿博晨思雨嘉诗一诺可馨宁晓东亮成立新永福生荣德松龙' +
    '虎安庆天宏泽铭昊然宸奕辰瑞凯杨江阳光健彬翔晖毅琪璐瑶蕾薇露妍彤欢蓉洋振帆坤智翠秋菊月晴亚君桐雯' +
    '婉若曦楠宏伦骏鸿泉涌岩旭锋剑冰清卫民胜利华兵昌盛喜顺富贵秀英桂香淑珍凤琴素兰玉梅春花美娥彩霞蓉' +
    '媛洪涛学良家乐俊豪梦琦婕琼靖雅静宗毅翰逸航煜宁哲炜瀚霖远锦程'),
];

function cumulative(weights: number[]): number[] {
  let s = 0;
  const out = weights.map((w) => (s += w));
  return out.map((x) => x / s);
}

const familyCdf = cumulative(familyNames.map(([, w]) => w));
const givenCdf = cumulative(givenChars.map((_, i) => 1 / (i + 1) ** 0.8));

function draw<T>(xs: readonly T[], cdf: readonly number[], u: number): T {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] ?? 1) < u) lo = mid + 1;
    else hi = mid;
  }
  return xs[lo] as T;
}

export interface OrdinaryName {
  hanzi: string;
  /** As a passport or card would romanise it: "Wang Wei". */
  pinyin: string;
}

/** One ordinary Chinese personal name. */
export function ordinaryChineseName(r: () => number): OrdinaryName {
  const family = draw(familyNames, familyCdf, r())[0];
  let given = draw(givenChars, givenCdf, r());
  if (r() >= 0.25) {
    let second = draw(givenChars, givenCdf, r());
    for (let k = 0; k < 3 && second === given; k++) second = draw(givenChars, givenCdf, r());
    given += second;
  }
  const read = (s: string, surname: boolean) =>
    pinyin(s, { toneType: 'none', type: 'array', surname: surname ? 'head' : 'off' })
      .map((p) => p.replace(/ü|v/gu, 'u'))
      .join('');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return { hanzi: family + given, pinyin: `${cap(read(family, true))} ${cap(read(given, false))}` };
}

export const chineseTableSizes = { familyNames: familyNames.length, givenCharacters: givenChars.length };
