import { describe, expect, it } from 'vitest';
import { fairShare, plan, routeOf } from '../../src/cluster/index.ts';

describe('partition ownership core', () => {
  it('splits 64 partitions over 3 nodes as 22, 21, 21', () => {
    const nodes = ['a', 'b', 'c'];
    expect(nodes.map((n) => fairShare(64, nodes, n))).toEqual([22, 21, 21]);
  });

  it('takes only free or expired partitions, up to the fair share', () => {
    const leases = [
      { partition: 0, owner: 'b', epoch: 1, expiresAt: 2000 },
      { partition: 1, owner: 'b', epoch: 1, expiresAt: 500 }, // expired
    ];
    const members = [{ node: 'b', expiresAt: 2000 }];
    const p = plan({ partitions: 4, leases, members }, 'a', 1000);
    expect(p.release).toEqual([]);
    expect(p.acquire).toHaveLength(2);
    expect(p.acquire).not.toContain(0);
  });

  it('gives back the excess when another node joins', () => {
    const leases = [0, 1, 2, 3].map((partition) => ({ partition, owner: 'a', epoch: 1, expiresAt: 9000 }));
    const members = [
      { node: 'a', expiresAt: 9000 },
      { node: 'b', expiresAt: 9000 },
    ];
    expect(plan({ partitions: 4, leases, members }, 'a', 1000)).toEqual({ acquire: [], release: [3, 2] });
  });

  it('routes by the customer side and names the counterparty partition only when it is a customer elsewhere', () => {
    const e = (d: boolean, c: boolean) => ({
      id: 'e1',
      debtor: { partyId: 'D1', isCustomer: d },
      creditor: { partyId: 'C9', isCustomer: c },
    });
    const both = routeOf('t', e(true, true), 64);
    expect(both.side).toBe('debtor');
    expect(both.counterparty?.side).toBe('creditor');
    expect(routeOf('t', e(false, true), 64)).toMatchObject({ side: 'creditor', counterparty: undefined });
    expect(routeOf('t', e(true, false), 64)).toMatchObject({ side: 'debtor', counterparty: undefined });
    expect(routeOf('t', e(true, true), 1).counterparty).toBeUndefined();
  });
});
