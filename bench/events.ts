/**
 * Deterministic generator of realistic events for the benchmarks: ~10k customers (5% organizations),
 * each with one account and a usual device among ~2k, external counterparties, mixed event types,
 * log-normal amounts in CNY (5% USD, some round, some above the PBOC thresholds), cross-border payments,
 * logins followed by transfers, and event time advancing on a simulated clock. Same seed, same stream.
 */
import type { EventInput } from '../src/monitoring/index.ts';

export interface GeneratorOptions {
  seed: number;
  /** Makes ids unique across generators sharing a tenant. */
  idPrefix?: string;
  customers?: number;
  devices?: number;
  externals?: number;
  /** Simulated time of the first event (epoch ms). */
  startMs?: number;
  /** Mean simulated gap between events, ms: 2 s is ~4 events per customer per day. */
  meanGapMs?: number;
}

type Party = NonNullable<EventInput['debtor']>;

/** mulberry32: small, fast, good enough for load shapes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const BEIJING_MS = 8 * 3_600_000;

/** Cumulative weights of event types: money movement first, then logins and the rest. */
const typeMix: readonly (readonly [EventInput['type'], number])[] = [
  ['transfer', 0.36],
  ['payment', 0.24],
  ['login', 0.16],
  ['cash_withdrawal', 0.07],
  ['cash_deposit', 0.05],
  ['loan_repayment', 0.04],
  ['investment_purchase', 0.03],
  ['investment_redemption', 0.02],
  ['loan_disbursement', 0.015],
  ['loan_application', 0.01],
  ['account_opening', 0.005],
];
const countries = ['US', 'HK', 'SG', 'GB', 'JP', 'DE', 'AU', 'KR'];
const highRisk = ['KP', 'IR', 'MM'];

export class EventGenerator {
  private readonly rand: () => number;
  private readonly prefix: string;
  private readonly customers: number;
  private readonly devices: number;
  private readonly externals: number;
  private readonly meanGapMs: number;
  private time: number;
  private counter = 0;
  /** A customer who just logged in and is about to pay. */
  private followUp: number | undefined;

  constructor(opts: GeneratorOptions) {
    this.rand = rng(opts.seed);
    this.prefix = opts.idPrefix ?? `ev${opts.seed}`;
    this.customers = opts.customers ?? 10_000;
    this.devices = opts.devices ?? 2_000;
    this.externals = opts.externals ?? 20_000;
    this.meanGapMs = opts.meanGapMs ?? 2_000;
    this.time = opts.startMs ?? Date.parse('2026-03-02T00:00:00+08:00');
  }

  get count(): number {
    return this.counter;
  }

  next(): EventInput {
    const r = this.rand;
    this.time += Math.max(1, Math.round(-Math.log(1 - r()) * this.meanGapMs));
    const id = `${this.prefix}-${this.counter++}`;
    const occurredAt = new Date(this.time + BEIJING_MS).toISOString().replace('Z', '+08:00');
    let type = this.pickType();
    let who = this.pickCustomer();
    if (this.followUp !== undefined) {
      who = this.followUp;
      type = 'transfer';
      this.followUp = undefined;
    }
    const me = this.customer(who);
    const channel = type.startsWith('cash_') ? (r() < 0.7 ? 'atm' : 'counter') : r() < 0.8 ? 'app' : 'web';
    const device = channel === 'app' || channel === 'web' ? this.device(who) : undefined;
    const base = { id, type, occurredAt, channel, ...(device ? { device } : {}) };
    switch (type) {
      case 'login':
        if (r() < 0.3) this.followUp = who;
        return { ...base, debtor: me, attributes: { appVersion: r() < 0.9 ? '5.2.0' : '5.1.3' } };
      case 'loan_application':
      case 'account_opening':
        return { ...base, debtor: me };
      case 'cash_withdrawal':
        return { ...base, amount: this.amount(3_000, 1.3, 0.02), debtor: me };
      case 'cash_deposit':
        return { ...base, amount: this.amount(3_000, 1.3, 0.02), creditor: me };
      case 'loan_disbursement':
        return { ...base, amount: this.amount(20_000, 1.0, 0), debtor: this.platform(), creditor: me };
      case 'loan_repayment':
      case 'investment_purchase':
        return { ...base, amount: this.amount(5_000, 1.2, 0), debtor: me, creditor: this.platform() };
      case 'investment_redemption':
        return { ...base, amount: this.amount(8_000, 1.2, 0), debtor: this.platform(), creditor: me };
      default: {
        const orgScale = me.partyType === 'organization' ? 30 : 1;
        return {
          ...base,
          amount: this.amount(300 * orgScale, 1.8, 0.05),
          debtor: me,
          creditor: this.payee(who),
          ...(r() < 0.1 ? { attributes: { memo: r() < 0.5 ? 'rent' : 'goods', newDevice: r() < 0.05 } } : {}),
        };
      }
    }
  }

  nextJson(): string {
    return JSON.stringify(this.next());
  }

  private pickType(): EventInput['type'] {
    let u = this.rand();
    for (const [t, w] of typeMix) {
      if (u < w) return t;
      u -= w;
    }
    return 'transfer';
  }

  /** Skewed activity: a fifth of the events come from 5% of the customers (merchants, busy users). */
  private pickCustomer(): number {
    const r = this.rand;
    if (r() < 0.2) return (Math.floor(r() * (this.customers / 20)) * 20 + 11) % this.customers;
    return Math.floor(r() * this.customers);
  }

  private customer(i: number): Party {
    const org = i % 20 === 7;
    return {
      partyId: `cust-${pad(i, 6)}`,
      partyType: org ? 'organization' : 'person',
      accountId: `acct-${pad(i, 6)}`,
      country: i % 50 === 3 ? 'HK' : 'CN',
      isCustomer: true,
    };
  }

  private platform(): Party {
    return { partyId: 'platform-0001', partyType: 'organization', accountId: 'acct-platform', country: 'CN' };
  }

  /** Usually the customer's own devices; sometimes a shared or unknown one. */
  private device(who: number): { id: string; ip: string } {
    const r = this.rand;
    const u = r();
    const d =
      u < 0.92 ? (who * 7) % this.devices : u < 0.97 ? (who * 13 + 1) % this.devices : Math.floor(r() * this.devices);
    const ipHost = u < 0.9 ? who % 250 : Math.floor(r() * 250);
    return { id: `dev-${pad(d, 5)}`, ip: `10.${(who >> 8) & 255}.${who & 255}.${ipHost + 1}` };
  }

  /** Mostly usual payees (other customers or external accounts), sometimes a new one, rarely abroad. */
  private payee(who: number): Party {
    const r = this.rand;
    const u = r();
    if (u < 0.03) {
      const c =
        r() < 0.05 ? highRisk[Math.floor(r() * highRisk.length)]! : countries[Math.floor(r() * countries.length)]!;
      const n = Math.floor(r() * this.externals);
      return {
        partyId: `xp-${pad(n, 6)}`,
        partyType: 'person',
        accountId: `xacct-${pad(n, 6)}`,
        country: c,
        isCustomer: false,
      };
    }
    const usual = r() < 0.9;
    const n = usual ? (who * 31 + Math.floor(r() * 5) * 977) % this.externals : Math.floor(r() * this.externals);
    if (r() < 0.5) {
      const c = (n * 7) % this.customers;
      return this.customer(c === who ? (c + 1) % this.customers : c);
    }
    return {
      partyId: `xp-${pad(n, 6)}`,
      partyType: n % 25 === 0 ? 'organization' : 'person',
      accountId: `xacct-${pad(n, 6)}`,
      country: 'CN',
      isCustomer: false,
    };
  }

  /** Log-normal amount with median `median` (major units); `usdShare` of them in USD; 6% round. */
  private amount(median: number, sigma: number, usdShare: number): { value: string; currency: string } {
    const r = this.rand;
    const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    const usd = r() < usdShare;
    let major = Math.exp(Math.log(median) + sigma * z) / (usd ? 7.1 : 1);
    if (r() < 0.06 && major >= 1000) major = Math.round(major / 1000) * 1000;
    const minor = Math.max(1, Math.min(Math.round(major * 100), 99_999_999_999));
    return { value: `${Math.floor(minor / 100)}.${pad(minor % 100, 2)}`, currency: usd ? 'USD' : 'CNY' };
  }
}
