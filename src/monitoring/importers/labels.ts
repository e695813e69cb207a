import { csvRecords } from './csv-rows.ts';
import type { AccountLabel, Labels } from './types.ts';

const truthy = (s: string | undefined): boolean => s !== undefined && /^(1|true|yes|y)$/i.test(s.trim());

/**
 * A labels file on its own (`--labels`), recognised by its header:
 * `accountId,suspicious[,typology]` or AMLSim's `nodeid,isFraud,…` / `ACCOUNT_ID,…,isFraud,…` for
 * accounts; `eventId,suspicious` for transactions. Both kinds may be combined with `kind` unused.
 */
export async function readLabelsFile(file: string): Promise<Labels> {
  const accounts = new Map<string, AccountLabel>();
  const transactions = new Set<string>();
  let eventLabels = false;
  for await (const { row } of csvRecords(file)) {
    const event = row.eventId ?? row.event_id;
    if (event !== undefined) {
      eventLabels = true;
      if (truthy(row.suspicious ?? row.label ?? row.isFraud)) transactions.add(event);
      continue;
    }
    const id = row.accountId ?? row.account_id ?? row.nodeid ?? row.ACCOUNT_ID;
    if (id === undefined || id === '') continue;
    const suspicious = truthy(row.suspicious ?? row.label ?? row.isFraud ?? row.is_sar);
    const typology = row.typology ?? row.CHECK_NAME;
    accounts.set(id, suspicious && typology ? { suspicious, typology } : { suspicious });
  }
  return eventLabels ? { accounts, transactions } : { accounts };
}
