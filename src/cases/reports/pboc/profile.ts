/** A tenant's reporting identity and code lists for the PBOC interface (configuration, not data). */
export interface PbocProfile {
  /** 报告机构编码: 14 characters. */
  institutionCode: string;
  /** File name industry letter: B banking, S securities/futures, I insurance. */
  industry: 'B' | 'S' | 'I';
  /** 金融机构网点代码 (FINC) of the reporting branch. */
  branchCode: string;
  /** 交易发生地 (TRCD): country alpha-3 + 6-digit administrative division, e.g. CHN310000. */
  areaCode?: string;
  /** 交易方式 (TSTP) code per event type; `@N` where no mapping is configured. */
  transactionTypeCodes?: Record<string, string>;
  /** 客户账户类型 (CATP) code; `@N` by default. */
  accountTypeCode?: string;
  /** 填报人 (RPNM) for suspicious reports. */
  reporterName?: string;
  timeZone: string;
}

const alpha3: Record<string, string> = {
  CN: 'CHN',
  HK: 'HKG',
  MO: 'MAC',
  TW: 'TWN',
  US: 'USA',
  GB: 'GBR',
  SG: 'SGP',
  JP: 'JPN',
  KR: 'KOR',
  DE: 'DEU',
  FR: 'FRA',
  AU: 'AUS',
  CA: 'CAN',
  MY: 'MYS',
  TH: 'THA',
  VN: 'VNM',
  PH: 'PHL',
  ID: 'IDN',
  IN: 'IND',
  RU: 'RUS',
  AE: 'ARE',
  CH: 'CHE',
  NL: 'NLD',
  IT: 'ITA',
  ES: 'ESP',
  NZ: 'NZL',
  KH: 'KHM',
  MM: 'MMR',
  LA: 'LAO',
  MN: 'MNG',
};
/** ISO 3166 alpha-2 → alpha-3 for the countries we know; `@N` otherwise. */
export const countryAlpha3 = (a2: string | undefined): string => (a2 && alpha3[a2]) || '@N';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** YYYYMMDDhhmmss of an instant in a time zone. */
export function localStamp(epochMs: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(epochMs).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}`;
}

/** YYYY-MM-DD from YYYYMMDD and back. */
export const isoDate = (d8: string): string => `${d8.slice(0, 4)}-${d8.slice(4, 6)}-${d8.slice(6, 8)}`;
export const compactDate = (iso: string): string => iso.replace(/-/g, '');

/**
 * `{N|C|D}{B|S|I}{H|S}<14-char institution code>-YYYYMMDD-<8-digit seq>.XML`: message type, industry,
 * H large-value / S suspicious, the institution, the submission date and the day's sequence number.
 */
export function pbocFileName(
  p: { messageType: 'N' | 'C' | 'D'; industry: 'B' | 'S' | 'I'; kind: 'H' | 'S'; institutionCode: string },
  date8: string,
  seq: number,
  ext: 'XML' | 'ZIP' = 'XML',
): string {
  if (!/^[0-9A-Z]{14}$/.test(p.institutionCode)) throw new RangeError('the institution code must be 14 characters');
  if (!/^\d{8}$/.test(date8) || seq < 1 || seq > 99_999_999) throw new RangeError('bad date or sequence');
  return `${p.messageType}${p.industry}${p.kind}${p.institutionCode}-${date8}-${String(seq).padStart(8, '0')}.${ext}`;
}

export const pbocFileNamePattern = /^[NCD][BSI][HS][0-9A-Z]{14}-\d{8}-\d{8}\.(XML|ZIP)$/;
