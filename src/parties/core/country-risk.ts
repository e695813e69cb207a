/**
 * Country risk from the FATF public statements, dated. "Call for action" (black list) and "increased
 * monitoring" (grey list) as published by FATF on 13 June 2025
 * (https://www.fatf-gafi.org/en/countries/black-and-grey-lists.html). Add a newer entry when FATF
 * publishes (February, June, October); a rating uses the newest list dated on or before its day.
 */
export interface CountryRiskList {
  id: string;
  /** YYYY-MM-DD of the FATF plenary statement. */
  date: string;
  callForAction: readonly string[];
  increasedMonitoring: readonly string[];
}

export const fatfLists: readonly CountryRiskList[] = [
  {
    id: 'fatf-2025-06',
    date: '2025-06-13',
    callForAction: ['KP', 'IR', 'MM'],
    increasedMonitoring: [
      'DZ',
      'AO',
      'BO',
      'BG',
      'BF',
      'CM',
      'CI',
      'HR',
      'CD',
      'HT',
      'KE',
      'LA',
      'LB',
      'MC',
      'MZ',
      'NA',
      'NP',
      'NG',
      'ZA',
      'SS',
      'SY',
      'VE',
      'VN',
      'YE',
      'VG',
    ],
  },
];

/** The newest list published on or before `day` (YYYY-MM-DD); the oldest when the day predates all. */
export function countryListOn(day: string, lists: readonly CountryRiskList[] = fatfLists): CountryRiskList {
  const sorted = [...lists].sort((a, b) => a.date.localeCompare(b.date));
  let pick = sorted[0];
  for (const l of sorted) if (l.date <= day) pick = l;
  if (!pick) throw new Error('no country risk list');
  return pick;
}

export type CountryRisk = 'call_for_action' | 'increased_monitoring' | 'standard';

export function countryRisk(code: string, list: CountryRiskList): CountryRisk {
  if (list.callForAction.includes(code)) return 'call_for_action';
  if (list.increasedMonitoring.includes(code)) return 'increased_monitoring';
  return 'standard';
}
