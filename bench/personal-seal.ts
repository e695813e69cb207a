/** Cost of sealing events' personal fields in the group commit: prints JSON lines (µs per event). Run: node --import tsx bench/personal-seal.ts */
import { randomBytes } from 'node:crypto';
import { PersonalDataVault } from '../src/store/personal/vault.ts';
import { defaultPersonalAttributes } from '../src/store/personal/fields.ts';
const vault = new PersonalDataVault(
  { getPiiKey: async () => undefined, shredPiiSubject: async () => [] },
  {
    master: { id: 'k', key: randomBytes(32) },
    personalAttributes: defaultPersonalAttributes,
    now: () => 1,
  },
);
const rec = (i: number) => ({
  tenantId: 't',
  eventId: `e${i}`,
  type: 'transfer',
  occurredAt: 1,
  bodyHash: 'h',
  decision: {},
  outcome: 'allow' as const,
  ruleSetVersion: 'v',
  decidedAt: 1,
  event: {
    id: `e${i}`,
    type: 'transfer',
    debtor: { partyId: `c${i % 5000}`, partyType: 'person', name: '张伟' },
    creditor: { partyId: `m${i % 300}`, partyType: 'organization', name: 'Acme Ltd' },
    attributes: { idNumber: '110101199003071234', channel: 'app' },
  },
});
const batch = Array.from({ length: 20000 }, (_, i) => rec(i));
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  const out = vault.sealBatch(batch);
  vault.stored(out.keys);
  const ms = performance.now() - t;
  console.log(
    JSON.stringify({
      run: r,
      events: batch.length,
      ms: +ms.toFixed(1),
      usPerEvent: +((ms * 1000) / batch.length).toFixed(2),
      newKeys: out.keys.length,
    }),
  );
}
const plain = Array.from({ length: 20000 }, (_, i) => ({
  ...rec(i),
  event: { id: `e${i}`, type: 'transfer', amount: { value: '1', currency: 'CNY' } },
}));
const t = performance.now();
vault.sealBatch(plain);
console.log(JSON.stringify({ unnamed: true, usPerEvent: +(((performance.now() - t) * 1000) / 20000).toFixed(2) }));
