import { describe, expect, it } from 'vitest';
import { latestIndices, ledgerRow } from './ledger-entries.ts';

describe("the hub ledger card's latest entries", () => {
  it('reads the newest indices first, never past the tree', () => {
    expect(latestIndices(25, 10)).toEqual([24, 23, 22, 21, 20, 19, 18, 17, 16, 15]);
    expect(latestIndices(3, 10)).toEqual([2, 1, 0]);
    expect(latestIndices(0, 10)).toEqual([]);
  });

  it('shows an audit entry as who did what to which id, and anything malformed as a dash', () => {
    expect(
      ledgerRow(7, {
        kind: 'audit',
        tenantId: 'hub',
        action: 'platform.status_approved',
        actorId: 'bob',
        subjectId: 'plt_1',
        at: 1_764_576_000_000,
      }),
    ).toEqual({
      index: 7,
      at: 1_764_576_000_000,
      kind: 'audit',
      actor: 'bob',
      action: 'platform.status_approved',
      subject: 'plt_1',
    });
    expect(ledgerRow(0, { kind: 'audit', actorId: 3, at: 'yesterday' })).toEqual({
      index: 0,
      at: null,
      kind: 'audit',
      actor: '—',
      action: '—',
      subject: '—',
    });
    expect(ledgerRow(1, null)).toMatchObject({ kind: '—', actor: '—' });
  });
});
