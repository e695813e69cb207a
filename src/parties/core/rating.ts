/**
 * Customer risk rating: a pure function of explainable factors. Each factor adds points and may force
 * a minimum level (a floor); the level is the higher of the points band and the floors. Points are
 * never negative and floors only raise, so adding a factor never lowers the rating, and a confirmed
 * sanctions hit always gives `prohibited`.
 */
import { countryListOn, countryRisk, type CountryRiskList } from './country-risk.ts';
import { riskLevels, type HitStatus, type PartyKind, type Rating, type RatingReason, type RiskLevel } from './types.ts';

export interface RatingHit {
  listId: string;
  entryId: string;
  sanctions: boolean;
  status: HitStatus;
  recommendation: 'block' | 'review';
}

export interface RatingInput {
  /** YYYY-MM-DD: picks the country list. */
  day: string;
  kind: PartyKind;
  countries?: readonly string[];
  pep?: boolean;
  occupation?: string;
  products?: readonly string[];
  channel?: string;
  hits?: readonly RatingHit[];
  ownership?: { layers: number; missingBeneficialOwner: boolean };
  transactions?: { cashIntensive?: boolean; volumeRatio?: number; highRiskCountryTransfers?: number };
}

/** Points per product, channel and occupation category; unknown values add nothing. */
export const productPoints: Record<string, number> = {
  cross_border_remittance: 20,
  virtual_assets: 30,
  prepaid_card: 15,
  private_banking: 20,
  wealth_management: 10,
  supply_chain_finance: 10,
  p2p_lending: 10,
  consumer_loan: 5,
  payment: 5,
};
export const channelPoints: Record<string, number> = {
  in_person: 0,
  online_verified: 5,
  online: 10,
  agent: 15,
  third_party_introducer: 15,
};
export const occupationPoints: Record<string, number> = {
  arms_trade: 40,
  money_service_business: 30,
  gambling: 30,
  virtual_asset_provider: 30,
  precious_metals_dealer: 25,
  cash_intensive_business: 20,
  real_estate_agent: 15,
  lawyer_notary: 10,
  public_official: 10,
};

/** Points bands: below 20 low, below 45 medium, else high. `prohibited` only comes from a floor. */
export const bands = { medium: 20, high: 45 } as const;

const rank = (l: RiskLevel): number => riskLevels.indexOf(l);
export const maxLevel = (a: RiskLevel, b: RiskLevel): RiskLevel => (rank(a) >= rank(b) ? a : b);

function hitReason(h: RatingHit): RatingReason | undefined {
  const ref = `${h.listId}/${h.entryId}`;
  if (h.status === 'false_positive') return undefined;
  if (h.status === 'confirmed') {
    return h.sanctions
      ? {
          factor: 'sanctions_hit',
          points: 100,
          floor: 'prohibited',
          en: `Confirmed match on sanctions list entry ${ref}.`,
          zh: `经确认命中制裁名单条目 ${ref}。`,
        }
      : {
          factor: 'pep_hit',
          points: 40,
          floor: 'high',
          en: `Confirmed match on PEP list entry ${ref}.`,
          zh: `经确认命中政治公众人物名单条目 ${ref}。`,
        };
  }
  if (h.sanctions && h.recommendation === 'block')
    return {
      factor: 'list_hit',
      points: 40,
      floor: 'high',
      en: `Strong unreviewed match on sanctions list entry ${ref}; review it.`,
      zh: `与制裁名单条目 ${ref} 高度匹配，尚未复核，请复核。`,
    };
  return h.sanctions
    ? {
        factor: 'list_hit',
        points: 20,
        en: `Possible match on sanctions list entry ${ref}, not yet reviewed.`,
        zh: `可能命中制裁名单条目 ${ref}，尚未复核。`,
      }
    : {
        factor: 'list_hit',
        points: 15,
        en: `Possible match on PEP list entry ${ref}, not yet reviewed.`,
        zh: `可能命中政治公众人物名单条目 ${ref}，尚未复核。`,
      };
}

function countryReason(countries: readonly string[], list: CountryRiskList): RatingReason | undefined {
  const black = countries.filter((c) => countryRisk(c, list) === 'call_for_action');
  if (black.length) {
    const cs = black.join(', ');
    return {
      factor: 'country',
      points: 50,
      floor: 'high',
      en: `Tied to ${cs}, subject to a FATF call for action (${list.date}).`,
      zh: `关联国家/地区 ${cs} 属于 FATF 呼吁采取行动的高风险地区（${list.date}）。`,
    };
  }
  const grey = countries.filter((c) => countryRisk(c, list) === 'increased_monitoring');
  if (grey.length) {
    const cs = grey.join(', ');
    return {
      factor: 'country',
      points: 20,
      en: `Tied to ${cs}, under FATF increased monitoring (${list.date}).`,
      zh: `关联国家/地区 ${cs} 处于 FATF 加强监控名单（${list.date}）。`,
    };
  }
  return undefined;
}

function tableReason(
  factor: 'product' | 'channel' | 'occupation',
  values: readonly string[],
  table: Record<string, number>,
): RatingReason | undefined {
  let best: string | undefined;
  for (const v of values) if ((table[v] ?? 0) > (best === undefined ? 0 : (table[best] ?? 0))) best = v;
  if (best === undefined) return undefined;
  const names = { product: ['Product', '产品'], channel: ['Channel', '渠道'], occupation: ['Occupation', '职业/行业'] }[
    factor
  ];
  return {
    factor,
    points: table[best] ?? 0,
    en: `${names[0]} "${best}" carries higher money-laundering risk.`,
    zh: `${names[1]}“${best}”洗钱风险较高。`,
  };
}

export function rateParty(input: RatingInput, lists?: readonly CountryRiskList[]): Rating {
  const list = countryListOn(input.day, lists);
  const reasons: RatingReason[] = [];
  const add = (r: RatingReason | undefined): void => {
    if (r && (r.points > 0 || r.floor)) reasons.push(r);
  };
  for (const h of input.hits ?? []) add(hitReason(h));
  if (input.pep)
    add({
      factor: 'pep',
      points: 40,
      floor: 'high',
      en: 'Declared a politically exposed person (enhanced due diligence).',
      zh: '自述为政治公众人物，须强化尽职调查。',
    });
  add(countryReason([...new Set(input.countries ?? [])], list));
  add(tableReason('product', input.products ?? [], productPoints));
  add(tableReason('channel', input.channel ? [input.channel] : [], channelPoints));
  add(tableReason('occupation', input.occupation ? [input.occupation] : [], occupationPoints));
  const own = input.ownership;
  if (own && own.layers >= 2) {
    const pts = Math.min(10 * (own.layers - 1), 30);
    add({
      factor: 'ownership_layers',
      points: pts,
      en: `${own.layers} layers of corporate owners before a natural person.`,
      zh: `存在 ${own.layers} 层法人股东，股权结构复杂。`,
    });
  }
  if (own?.missingBeneficialOwner)
    add({
      factor: 'missing_beneficial_owner',
      points: 30,
      en: 'No natural person is recorded as beneficial owner or controller.',
      zh: '未登记任何自然人受益所有人或实际控制人。',
    });
  const tx = input.transactions;
  if (tx?.cashIntensive)
    add({ factor: 'transactions', points: 15, en: 'Cash-intensive transaction pattern.', zh: '交易以现金为主。' });
  if (tx?.volumeRatio !== undefined && tx.volumeRatio >= 1.5) {
    const pts = tx.volumeRatio >= 3 ? 20 : 10;
    add({
      factor: 'transactions',
      points: pts,
      en: `Volume is ${tx.volumeRatio.toFixed(1)}× what was declared.`,
      zh: `交易量为申报水平的 ${tx.volumeRatio.toFixed(1)} 倍。`,
    });
  }
  if (tx?.highRiskCountryTransfers)
    add({
      factor: 'transactions',
      points: 15,
      en: `${tx.highRiskCountryTransfers} transfers with high-risk countries.`,
      zh: `与高风险国家/地区发生 ${tx.highRiskCountryTransfers} 笔转账。`,
    });

  const points = reasons.reduce((s, r) => s + r.points, 0);
  let level: RiskLevel = points >= bands.high ? 'high' : points >= bands.medium ? 'medium' : 'low';
  for (const r of reasons) if (r.floor) level = maxLevel(level, r.floor);
  return { level, points, reasons, countryList: list.id };
}
