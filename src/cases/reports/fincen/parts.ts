import { el, type XmlNode } from '../../core/xml.ts';
import type { FincenAddress } from './profile.ts';

/** Building blocks shared by the SAR and CTR batch files (namespace prefix `fc2`, `SeqNum` numbered last). */
export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const f = (n: string, c?: string | XmlNode[], a?: Record<string, string>): XmlNode => el(`fc2:${n}`, c, a);

/** Numbers every element carrying `SeqNum` 1, 2, … in document order (the batch rule: unique, increasing). */
export function number(root: XmlNode): void {
  let n = 0;
  const walk = (x: XmlNode): void => {
    if (x.attrs && 'SeqNum' in x.attrs) x.attrs.SeqNum = String(++n);
    for (const c of x.children ?? []) walk(c);
  };
  walk(root);
}

export const S = { SeqNum: '0' };
export const address = (a: FincenAddress): XmlNode =>
  f(
    'Address',
    [
      f('RawCityText', a.city),
      f('RawCountryCodeText', a.country),
      ...(a.state ? [f('RawStateCodeText', a.state)] : []),
      f('RawStreetAddress1Text', a.street),
      f('RawZIPCode', a.zip),
    ],
    { ...S },
  );
export const name = (full: string): XmlNode =>
  f('PartyName', [f('PartyNameTypeCode', 'L'), f('RawPartyFullName', full)], { ...S });
export const ident = (num: string, type: string): XmlNode =>
  f('PartyIdentification', [f('PartyIdentificationNumberText', num), f('PartyIdentificationTypeCode', type)], { ...S });
export const party = (code: string, parts: XmlNode[]): XmlNode =>
  f('Party', [f('ActivityPartyTypeCode', code), ...parts], { ...S });

/** A person's address with what we hold; what we do not hold is declared unknown rather than left out. */
export function personAddress(country: string | undefined, street: string | undefined): XmlNode {
  return f(
    'Address',
    [
      f('CityUnknownIndicator', 'Y'),
      ...(country ? [] : [f('CountryCodeUnknownIndicator', 'Y')]),
      ...(country ? [f('RawCountryCodeText', country)] : []),
      ...(street ? [f('RawStreetAddress1Text', street)] : []),
      f('StateCodeUnknownIndicator', 'Y'),
      ...(street ? [] : [f('StreetAddressUnknownIndicator', 'Y')]),
      f('ZIPCodeUnknownIndicator', 'Y'),
    ],
    { ...S },
  );
}
