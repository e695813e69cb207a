import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock, systemIds } from '../kernel/index.ts';
import { ListRefresher } from './refresh.ts';
import { ScreeningService } from './service.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('ListRefresher.watch', () => {
  it('reloads when the stored lists moved on elsewhere, and not otherwise; stops when told', async () => {
    vi.useFakeTimers();
    const screening = new ScreeningService({ clock: systemClock });
    let loads = 0;
    const refresher = new ListRefresher({
      screening,
      loadLists: async () => {
        loads += 1;
        return screening.versions();
      },
      onNewVersions: async () => ({ newHits: 0 }),
      clock: systemClock,
      ids: systemIds(),
    });
    let moved = false;
    const stop = refresher.watch(1000, async () => moved);
    await vi.advanceTimersByTimeAsync(3000);
    expect(loads).toBe(0);
    moved = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(loads).toBe(1);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(loads).toBe(1);
  });
});
