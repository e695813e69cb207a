// Paging through the register lists: every page until a short one, and a cap that says it was hit.
import { describe, expect, it } from 'vitest';
import { allPages } from './paging.ts';

const rows = Array.from({ length: 23 }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}` }));
const api = (calls: (string | undefined)[]) => async (after: string | undefined) => {
  calls.push(after);
  const from = after === undefined ? 0 : rows.findIndex((r) => r.id === after) + 1;
  return rows.slice(from, from + 10);
};

describe('allPages', () => {
  it('reads pages after the last id until a short page', async () => {
    const calls: (string | undefined)[] = [];
    const r = await allPages(api(calls), 10, 1000);
    expect(r.items.map((x) => x.id)).toEqual(rows.map((x) => x.id));
    expect(r.capped).toBe(false);
    expect(calls).toEqual([undefined, 'r009', 'r019']);
  });

  it('stops at the cap and says so', async () => {
    const r = await allPages(api([]), 10, 20);
    expect(r.items).toHaveLength(20);
    expect(r.capped).toBe(true);
  });
});
