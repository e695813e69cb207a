import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EventInput } from '../core/event-schema.ts';
import { csvRecords, readProgress } from './csv-rows.ts';
import { centsString, SimClock } from './sim-time.ts';
import { reject, type AccountLabel, type Dataset, type ImportOptions } from './types.ts';

const truthy = (s: string | undefined): boolean => s !== undefined && /^(1|true|yes)$/i.test(s);

/** Per-account labels: `accounts.csv` (isFraud / suspicious) and `alerts.csv` (alerted accounts, CHECK_NAME). */
export async function readOutputLabels(dir: string): Promise<Map<string, AccountLabel>> {
  const accounts = new Map<string, AccountLabel>();
  const accountsFile = join(dir, 'accounts.csv');
  if (existsSync(accountsFile)) {
    for await (const { row } of csvRecords(accountsFile)) {
      const id = row.ACCOUNT_ID ?? row.acct_id ?? '';
      if (id !== '')
        accounts.set(id, { suspicious: truthy(row.isFraud) || truthy(row.suspicious) || truthy(row.is_sar) });
    }
  }
  const alertsFile = join(dir, 'alerts.csv');
  if (existsSync(alertsFile)) {
    for await (const { row } of csvRecords(alertsFile)) {
      const id = row.ACCOUNT_ID ?? row.acct_id ?? '';
      if (id === '') continue;
      const typology = (row.CHECK_NAME ?? row.alert_type ?? '').toLowerCase();
      accounts.set(id, typology === '' ? { suspicious: true } : { suspicious: true, typology });
    }
  }
  return accounts;
}

/**
 * IBM AMLSim's output layout: `tx.csv` (TXN_ID, ACCOUNT_ID → COUNTER_PARTY_ACCOUNT_NUM, TXN_SOURCE_TYPE_CODE,
 * TXN_AMOUNT_ORIG, start = day step), `cash_tx.csv` (CASH-IN / CASH-OUT of ACCOUNT_ID at RUN_DATE),
 * `accounts.csv` and `alerts.csv`. Where tx.csv has an `ALERT_ID` (≥ 0) or `IS_SAR` column, those
 * transactions are labelled suspicious.
 */
export function amlsimOutputDataset(path: string, opts: ImportOptions = {}): Dataset {
  const dir = statSync(path).isDirectory() ? path : dirname(path);
  const txFile = join(dir, 'tx.csv');
  const cashFile = join(dir, 'cash_tx.csv');
  const files = [txFile, ...(existsSync(cashFile) ? [cashFile] : [])];
  const currency = opts.currency ?? 'USD';
  const suspiciousTx = new Set<string>();
  let txLabelled = false;
  const countries = new Map<string, string>();
  const ds: Dataset = {
    format: 'amlsim-output',
    files,
    progress: readProgress(files),
    rejected: [],
    rejectedCount: 0,
    rejectedByReason: {},
    lastLine: 0,
    async *events(): AsyncGenerator<EventInput> {
      const accountsFile = join(dir, 'accounts.csv');
      if (existsSync(accountsFile))
        for await (const { row } of csvRecords(accountsFile))
          if (row.ACCOUNT_ID && /^[A-Z]{2}$/.test(row.country ?? '')) countries.set(row.ACCOUNT_ID, row.country ?? '');
      const clock = new SimClock(opts.epoch);
      const party = (id: string) => {
        const country = countries.get(id);
        return { partyId: id, partyType: 'person' as const, accountId: id, ...(country ? { country } : {}) };
      };
      for await (const { row, line } of csvRecords(txFile, ds.progress)) {
        const id = `tx-${row.TXN_ID ?? line}`;
        const from = row.ACCOUNT_ID ?? '';
        const to = row.COUNTER_PARTY_ACCOUNT_NUM ?? '';
        const value = centsString(row.TXN_AMOUNT_ORIG ?? '');
        const occurredAt = clock.at(Number(row.start ?? row.RUN_DATE));
        if (from === '' || to === '' || value === undefined || occurredAt === undefined) {
          reject(ds, {
            file: txFile,
            line,
            reason: 'missing-fields',
            message: 'needs ACCOUNT_ID, COUNTER_PARTY_ACCOUNT_NUM, TXN_AMOUNT_ORIG, start',
          });
          continue;
        }
        const alert = row.ALERT_ID ?? row.alert_id;
        const sar = row.IS_SAR ?? row.is_sar;
        if (alert !== undefined || sar !== undefined) txLabelled = true;
        if ((alert !== undefined && Number(alert) >= 0 && alert !== '') || truthy(sar)) suspiciousTx.add(id);
        ds.lastLine = line;
        yield {
          id,
          type: 'transfer',
          occurredAt,
          amount: { value, currency },
          debtor: party(from),
          creditor: party(to),
          channel: 'amlsim',
          attributes: { sourceType: row.TXN_SOURCE_TYPE_CODE ?? '' },
        };
      }
      if (!existsSync(cashFile)) return;
      for await (const { row, line } of csvRecords(cashFile, ds.progress)) {
        const acct = row.ACCOUNT_ID ?? '';
        const kind = (row.TXN_SOURCE_TYPE_CODE ?? '').toUpperCase();
        const value = centsString(row.TXN_AMOUNT_ORIG ?? '');
        const occurredAt = clock.at(Number(row.RUN_DATE ?? row.start));
        if (acct === '' || value === undefined || occurredAt === undefined || !/^CASH-(IN|OUT)$/.test(kind)) {
          reject(ds, {
            file: cashFile,
            line,
            reason: 'missing-fields',
            message: 'needs ACCOUNT_ID, CASH-IN or CASH-OUT, TXN_AMOUNT_ORIG, RUN_DATE',
          });
          continue;
        }
        const out = kind === 'CASH-OUT';
        ds.lastLine = line;
        yield {
          id: `cash-${row.TXN_ID ?? line}`,
          type: out ? 'cash_withdrawal' : 'cash_deposit',
          occurredAt,
          amount: { value, currency },
          ...(out ? { debtor: party(acct) } : { creditor: party(acct) }),
          channel: 'amlsim',
          attributes: { branch: row.BRANCH_ID ?? '' },
        };
      }
    },
    async labels() {
      const accounts = await readOutputLabels(dir);
      if (accounts.size === 0 && !txLabelled) return undefined;
      return txLabelled ? { accounts, transactions: suspiciousTx } : { accounts };
    },
  };
  return ds;
}
