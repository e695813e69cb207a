import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { KV, NatsConnection } from 'nats';
import type { Lease, Member } from './ownership-core.ts';
import type { LeaseStore } from './port.ts';

const LeaseValue = TypeCompiler.Compile(
  Type.Object(
    { owner: Type.String(), epoch: Type.Integer({ minimum: 0 }), expiresAt: Type.Integer() },
    { additionalProperties: false },
  ),
);
const MemberValue = TypeCompiler.Compile(Type.Object({ expiresAt: Type.Integer() }, { additionalProperties: false }));

const enc = new TextEncoder();
const dec = new TextDecoder();

function parse<T>(bytes: Uint8Array, check: { Check(v: unknown): v is T }, what: string): T {
  const v: unknown = JSON.parse(dec.decode(bytes));
  if (!check.Check(v)) throw new TypeError(`NATS KV ${what}: unexpected value`);
  return v;
}

/**
 * Leases in a JetStream KV bucket. Every write names the revision it read (`create` for a new key,
 * `update` with the revision otherwise), so of two nodes racing for a partition exactly one write
 * lands; the loser's fails and it reports the partition as not taken.
 */
export async function natsLeaseStore(nc: NatsConnection, bucket: string): Promise<LeaseStore> {
  const kv: KV = await nc.jetstream().views.kv(bucket, { history: 1 });
  const read = async (p: number) => {
    const e = await kv.get(`lease.${p}`);
    if (!e || e.operation !== 'PUT') return undefined;
    return { revision: e.revision, lease: { partition: p, ...parse(e.value, LeaseValue, 'lease') } };
  };
  const write = async (l: Lease, revision: number | undefined): Promise<boolean> => {
    const value = enc.encode(JSON.stringify({ owner: l.owner, epoch: l.epoch, expiresAt: l.expiresAt }));
    try {
      if (revision === undefined) await kv.create(`lease.${l.partition}`, value);
      else await kv.update(`lease.${l.partition}`, value, revision);
      return true;
    } catch {
      return false; // another node wrote first (wrong last sequence)
    }
  };
  const keys = async (prefix: string): Promise<string[]> => {
    const out: string[] = [];
    for await (const k of await kv.keys(`${prefix}.>`)) out.push(k);
    return out;
  };
  return {
    async migrate() {
      /* the bucket is created above */
    },
    async leases() {
      const ps = (await keys('lease')).map((k) => Number(k.slice('lease.'.length)));
      const got = await Promise.all(ps.map(read));
      return got.flatMap((g) => (g ? [g.lease] : [])).sort((a, b) => a.partition - b.partition);
    },
    async acquire(partition, node, ttlMs, now) {
      const cur = await read(partition);
      const l = cur?.lease;
      if (l && l.expiresAt > now && l.owner !== node) return undefined;
      const same = l !== undefined && l.owner === node && l.expiresAt > now;
      const next = { partition, owner: node, epoch: same ? l.epoch : (l?.epoch ?? 0) + 1, expiresAt: now + ttlMs };
      return (await write(next, cur?.revision)) ? next : undefined;
    },
    async renew(held, ttlMs, now) {
      const out: Lease[] = [];
      for (const h of held) {
        const cur = await read(h.partition);
        const l = cur?.lease;
        if (!cur || !l || l.owner !== h.owner || l.epoch !== h.epoch || l.expiresAt <= now) continue;
        const next = { ...l, expiresAt: now + ttlMs };
        if (await write(next, cur.revision)) out.push(next);
      }
      return out;
    },
    async release(lease) {
      const cur = await read(lease.partition);
      if (!cur || cur.lease.owner !== lease.owner || cur.lease.epoch !== lease.epoch) return;
      await write({ ...cur.lease, expiresAt: 0 }, cur.revision);
    },
    async heartbeat(node, ttlMs, now) {
      await kv.put(`member.${node}`, enc.encode(JSON.stringify({ expiresAt: now + ttlMs })));
    },
    async members() {
      const out: Member[] = [];
      for (const k of await keys('member')) {
        const e = await kv.get(k);
        if (e && e.operation === 'PUT')
          out.push({ node: k.slice('member.'.length), ...parse(e.value, MemberValue, 'member') });
      }
      return out;
    },
    async close() {
      /* the connection belongs to the caller */
    },
  };
}
