export interface FincenAddress {
  street: string;
  city: string;
  /** US state / territory code; empty outside the US. */
  state: string;
  zip: string;
  /** ISO 3166 alpha-2. */
  country: string;
}

/** A filer's FinCEN BSA E-Filing identity (configuration, not data). */
export interface FincenProfile {
  /** Transmitter (party type 35): legal name, TIN, Transmitter Control Code, address, phone. */
  transmitter: { name: string; tin: string; tcc: string; address: FincenAddress; phone: string };
  /** Transmitter contact (37). */
  transmitterContact: string;
  /** Filing institution (30): name, EIN, primary federal regulator code, institution type code, address. */
  filer: { name: string; ein: string; regulatorCode: string; institutionTypeCode: string; address: FincenAddress };
  /** Designated contact office (8). */
  contactOffice: { name: string; phone: string };
  timeZone: string;
}

const addr: FincenAddress = { street: '1 Example Plaza', city: 'New York', state: 'NY', zip: '10001', country: 'US' };
/** An example profile (made-up identifiers). */
export const exampleFincenProfile: Omit<FincenProfile, 'timeZone'> = {
  transmitter: { name: 'Zhili Example Bank NA', tin: '123456789', tcc: 'PTCC1234', address: addr, phone: '2125550100' },
  transmitterContact: 'Jane Filer',
  filer: {
    name: 'Zhili Example Bank NA',
    ein: '123456789',
    regulatorCode: '7',
    institutionTypeCode: '2',
    address: addr,
  },
  contactOffice: { name: 'BSA Compliance Office', phone: '2125550101' },
};
