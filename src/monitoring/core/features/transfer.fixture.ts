import { makeFxTable } from '../../../kernel/index.ts';
import { normalizeEvent, type NormalizedEvent } from '../normalize.ts';

const fx = makeFxTable({ source: 'test', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14' } }] });

/** For tests: event `e<i>`, CNY `yuan` from person `acct` to person `cpty` at `at` (ms), normalized in Shanghai. */
export function transfer(
  i: number,
  acct: string,
  cpty: string,
  at: number,
  yuan: number,
  type = 'transfer',
): NormalizedEvent {
  const n = normalizeEvent(
    {
      id: `e${i}`,
      type: type as 'transfer',
      occurredAt: new Date(at).toISOString(),
      amount: { value: `${yuan}.00`, currency: 'CNY' },
      debtor: { partyId: acct, partyType: 'person', accountId: acct },
      creditor: { partyId: cpty, partyType: 'person', accountId: cpty },
    },
    { timeZone: 'Asia/Shanghai', fx },
  );
  if (!n.ok) throw new Error(`bad test event: ${JSON.stringify(n.errors)}`);
  return n.event;
}
