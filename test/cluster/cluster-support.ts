import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routeOf } from '../../src/cluster/index.ts';
import { createZhili, loadConfig, type Config, type Zhili } from '../../src/runtime/index.ts';
import { pgUrl } from '../support/services.ts';
import { natsUrl } from './nats-support.ts';

export interface Node {
  zhili: Zhili;
  url: string;
  post(path: string, body: unknown, apiKey: string): Promise<{ status: number; body: any; headers: Headers }>;
}

/**
 * The settings a cluster test's nodes share: its own PostgreSQL schema and cluster name (unique per run),
 * the local NATS, `partitions`, a 2 s lease TTL; `more` adds or overrides.
 */
export function clusterConfig(schema: string, name: string, partitions: number, more: Partial<Config> = {}) {
  return {
    databaseUrl: `${pgUrl}?schema=${schema}`,
    natsUrl,
    clusterName: `${name}_${process.pid}_${Date.now().toString(36)}`,
    clusterPartitions: partitions,
    leaseTtlMs: 2000,
    ...more,
  } satisfies Partial<Config>;
}

export const person = (partyId: string) => ({
  partyId,
  partyType: 'person',
  accountId: `acct-${partyId}`,
  isCustomer: true,
});

/** A CNY transfer between two customers, on the morning of 2026-11-26 (Shanghai). */
export const transfer = (id: string, from: string, to: string, value: string) => ({
  id,
  type: 'transfer',
  occurredAt: '2026-11-26T10:00:00+08:00',
  channel: 'app',
  amount: { value, currency: 'CNY' },
  debtor: person(from),
  creditor: person(to),
});

/** A customer id, routed (as the debtor, or as the only party) to partition `p` of this tenant. */
export function customerOn(tenantId: string, p: number, prefix: string, partitions: number): string {
  for (let i = 0; ; i++) {
    const id = `${prefix}-${i}`;
    if (routeOf(tenantId, { id: 'x', debtor: person(id) }, partitions).partition === p) return id;
  }
}

/** One cluster node in this process: its own data directory, PostgreSQL pool and NATS connection. */
export async function startNode(config: Partial<Config>): Promise<Node> {
  const zhili = await createZhili(
    loadConfig(
      {
        dataDir: mkdtempSync(join(tmpdir(), 'zhili-node-')),
        port: 0,
        host: '127.0.0.1',
        logger: false,
        maxEventLoopDelayMs: 0,
        screeningLists: '',
        backgroundThread: false,
        exclusiveWriter: false,
        ...config,
      },
      {},
    ),
  );
  const url = await zhili.server.listen({ port: 0, host: '127.0.0.1' });
  return { zhili, url, post: (path, body, apiKey) => post(url, path, body, apiKey) };
}

export async function post(
  url: string,
  path: string,
  body: unknown,
  apiKey: string,
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Polls `check` until it holds or the deadline passes (no sleeps in tests: a short yield between tries). */
export async function until(check: () => Promise<boolean> | boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const customers = Array.from({ length: 12 }, (_, i) => `cust-${i}`);

/**
 * Events for a shared set of customers: cash out and in, and transfers between two customers (both
 * sides' same-day windows), in amounts that cross the PBOC large-value thresholds during the day.
 */
export function clusterEvents(prefix: string, n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const party = (i: number) => ({
    partyId: customers[i % customers.length],
    partyType: 'person',
    accountId: `acct-${i % customers.length}`,
    country: 'CN',
    isCustomer: true,
  });
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    const a = (i * 7) % customers.length;
    const b = (a + 1 + ((i * 5) % (customers.length - 1))) % customers.length;
    const value = `${20_000 + ((i * 7919) % 180_000)}.00`;
    const base = { id: `${prefix}-${i}`, occurredAt: '2026-11-26T10:00:00+08:00', channel: 'app' };
    if (kind === 0)
      out.push({ ...base, type: 'transfer', amount: { value, currency: 'CNY' }, debtor: party(a), creditor: party(b) });
    else if (kind === 1)
      out.push({
        ...base,
        type: 'cash_withdrawal',
        amount: { value: `${5000 + (i % 30) * 1000}.00`, currency: 'CNY' },
        debtor: party(a),
      });
    else
      out.push({
        ...base,
        type: 'cash_deposit',
        amount: { value: `${8000 + (i % 20) * 1000}.00`, currency: 'CNY' },
        creditor: party(b),
      });
  }
  return out;
}

/** The parties an event touches: two events sharing one are never in flight together (a causal order per customer). */
export const partiesOf = (e: Record<string, unknown>): string[] =>
  ['debtor', 'creditor'].flatMap((s) => {
    const p = e[s] as { partyId?: string } | undefined;
    return p?.partyId ? [p.partyId] : [];
  });

/** What a decision says that the windows decide: outcome, score, rules, obligations and every feature value. */
export const essence = (d: any) => ({
  outcome: d.outcome,
  score: d.score,
  rules: (d.reasons as { ruleId: string }[]).map((r) => r.ruleId).sort(),
  obligations: (d.obligations as { kind: string; code: string; ruleId: string }[])
    .map((o) => `${o.kind}/${o.code}/${o.ruleId}`)
    .sort(),
  features: d.features,
});
