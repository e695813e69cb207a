/**
 * A tenant's goAML identity and the code lists of its FIU (configuration, not data): every FIU running
 * goAML publishes its own report codes, transmode codes, funds codes and indicator list.
 */
export interface GoamlProfile {
  /** The reporting entity's id registered with the FIU. */
  rentityId: string;
  rentityBranch?: string;
  /** E electronic (default), M manual. */
  submissionCode?: 'E' | 'M';
  /** ISO 4217 code of the local currency; only amounts in it are reported (no FX conversion here). */
  currencyCodeLocal: string;
  /** The FIU's report codes for a suspicious and a cash/currency transaction report. */
  reportCodes: { str: string; ctr: string };
  reportingPerson: { firstName: string; lastName: string; email?: string; occupation?: string };
  location: { addressType: string; address: string; city: string; countryCode: string };
  institutionName: string;
  swift?: string;
  /** transmode_code per event type, and the code used otherwise. */
  transmodeCodes: Record<string, string>;
  defaultTransmode: string;
  /** from/to_funds_code for cash and for account money. */
  fundsCodes: { cash: string; account: string };
  /** The FIU's indicator code list; a report's indicators must come from it. */
  indicators: string[];
  /** personal_account_type and status_code of our customers' accounts. */
  personalAccountType: string;
  accountStatusCode: string;
  /** Working days to file after the report is drafted; default 5 for both. */
  dueWorkingDays?: { str?: number; ctr?: number };
  timeZone: string;
}

/** An example profile (the structure only; codes are those of a typical goAML FIU, not any one FIU's). */
export const exampleGoamlProfile: Omit<GoamlProfile, 'timeZone'> = {
  rentityId: '1234',
  currencyCodeLocal: 'CNY',
  reportCodes: { str: 'STR', ctr: 'CTR' },
  reportingPerson: { firstName: 'Wei', lastName: 'Zhang', email: 'mlro@example.com', occupation: 'MLRO' },
  location: { addressType: 'B', address: '1 Example Road', city: 'Shanghai', countryCode: 'CN' },
  institutionName: 'Zhili Example Bank',
  transmodeCodes: { cash_withdrawal: 'K', cash_deposit: 'K', transfer: 'A', payment: 'A' },
  defaultTransmode: 'A',
  fundsCodes: { cash: 'K', account: 'A' },
  indicators: ['STRUCT', 'CASH', 'LARGE', 'PEP', 'SANCT', 'OTHER'],
  personalAccountType: 'A',
  accountStatusCode: 'A',
};
