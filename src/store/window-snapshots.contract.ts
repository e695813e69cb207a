import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WindowSnapshotRecord, WindowSnapshotStore } from './window-snapshots.ts';

/** What every window-snapshot adapter does; the factory gives a fresh, empty store (migrated here). */
export function windowSnapshotContract(
  name: string,
  open: () => Promise<WindowSnapshotStore & { close?(): Promise<void> }>,
): void {
  describe(`Window snapshot store contract: ${name}`, () => {
    let store: WindowSnapshotStore & { close?(): Promise<void> };
    beforeAll(async () => {
      store = await open();
      await store.migrate();
      await store.migrate(); // idempotent
    });
    afterAll(async () => {
      await store.close?.();
    });

    const snap = (extra: Partial<WindowSnapshotRecord> = {}): WindowSnapshotRecord => ({
      tenantId: 'ten_a',
      ruleSetVersion: 'v1',
      featuresHash: 'h1',
      position: 10,
      decisions: 7,
      maxOccurredAt: 1_764_000_000_000,
      format: 1,
      createdAt: 1_764_000_000_500,
      body: new Uint8Array([0, 1, 2, 255, 254]),
      ...extra,
    });

    it('stores a snapshot and gives it back byte for byte, per tenant and version', async () => {
      expect(await store.get('ten_a', 'v1')).toBeUndefined();
      expect(await store.put(snap())).toBe(true);
      const got = await store.get('ten_a', 'v1');
      expect(got && { ...got, body: [...got.body] }).toEqual({ ...snap(), body: [0, 1, 2, 255, 254] });
      expect(await store.get('ten_a', 'v2')).toBeUndefined();
      expect(await store.get('ten_b', 'v1')).toBeUndefined();
    });

    it('keeps the later position: an older or equal one (a slower node) does not replace it', async () => {
      expect(await store.put(snap({ position: 9, featuresHash: 'old' }))).toBe(false);
      expect(await store.put(snap({ position: 10, featuresHash: 'same' }))).toBe(false);
      expect((await store.get('ten_a', 'v1'))?.featuresHash).toBe('h1');
      expect(await store.put(snap({ position: 25, decisions: 20, body: new Uint8Array(300_000).fill(7) }))).toBe(true);
      const got = await store.get('ten_a', 'v1');
      expect(got?.position).toBe(25);
      expect(got?.body.length).toBe(300_000);
      expect(got?.body.every((b) => b === 7)).toBe(true);
    });

    it('holds positions and times beyond 32 bits exactly', async () => {
      await store.put(snap({ tenantId: 'ten_big', position: 2 ** 40 + 3, maxOccurredAt: 4_102_444_800_000 }));
      const got = await store.get('ten_big', 'v1');
      expect([got?.position, got?.maxOccurredAt]).toEqual([2 ** 40 + 3, 4_102_444_800_000]);
    });

    it('forgets every snapshot of one tenant and no other', async () => {
      await store.put(snap({ ruleSetVersion: 'v2' }));
      expect(await store.dropTenant('ten_a')).toBe(2);
      expect(await store.get('ten_a', 'v1')).toBeUndefined();
      expect(await store.get('ten_a', 'v2')).toBeUndefined();
      expect(await store.get('ten_big', 'v1')).toBeDefined();
      expect(await store.dropTenant('ten_a')).toBe(0);
    });
  });
}
