/**
 * Active ISO 4217 currency codes and their minor-unit exponents (ISO 4217 amendment list, 2025).
 * Precious metals and testing codes (XAU, XTS, XXX…) are left out: they have no minor unit and are
 * not money a platform moves.
 */
const two =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
  'CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD ' +
  'HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT ' +
  'MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR ' +
  'SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU ' +
  'UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';
const zero = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const three = 'BHD IQD JOD KWD LYD OMR TND';
const four = 'CLF UYW';

function table(): ReadonlyMap<string, number> {
  const m = new Map<string, number>();
  for (const [codes, exp] of [
    [two, 2],
    [zero, 0],
    [three, 3],
    [four, 4],
  ] as const) {
    for (const c of codes.split(' ')) m.set(c, exp);
  }
  return m;
}

export const currencyExponents: ReadonlyMap<string, number> = table();

export function currencyExponent(code: string): number | undefined {
  return currencyExponents.get(code);
}
