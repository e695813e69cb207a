import type { Clock, Ids } from '../kernel/index.ts';
import type { ListVersion } from './lists/version.ts';
import type { ScreeningService } from './service.ts';

export interface RefreshJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  startedAt: number;
  finishedAt?: number;
  /** Lists whose content hash changed, as `listId@hash`. */
  changed: string[];
  /** Parties re-screened so far, and new hits raised. */
  rescreened: number;
  newHits: number;
  error?: string;
}

/** What the host does with new list versions: re-screen what it holds (parties), raising only new hits. */
export type OnNewVersions = (progress: (rescreened: number) => void) => Promise<{ newHits: number }>;

/**
 * Reloads the lists: the stored versions (`zhili lists fetch`) and the configured files. Lists are
 * versioned by content hash, so an unchanged list changes nothing; a changed one re-screens existing
 * parties in the background, with progress, and clears cached screening results used by decisions.
 */
export class ListRefresher {
  private readonly jobs = new Map<string, RefreshJob>();
  private running: RefreshJob | undefined;

  constructor(
    private readonly o: {
      screening: ScreeningService;
      /** Reads and parses every list, swaps them into `screening` and returns what is loaded now. */
      loadLists: () => Promise<ListVersion[]>;
      onNewVersions: OnNewVersions;
      clock: Clock;
      ids: Ids;
    },
  ) {}

  /** Starts a reload, or returns the one already running. */
  async reload(): Promise<RefreshJob> {
    if (this.running) return this.running;
    const before = new Map(this.o.screening.versions().map((v) => [v.listId, v.contentHash]));
    const job: RefreshJob = {
      id: this.o.ids.next('lrf'),
      status: 'running',
      startedAt: this.o.clock.now(),
      changed: [],
      rescreened: 0,
      newHits: 0,
    };
    this.jobs.set(job.id, job);
    if (this.jobs.size > 100) this.jobs.delete(this.jobs.keys().next().value as string);
    this.running = job;
    try {
      for (const v of await this.o.loadLists()) if (before.get(v.listId) !== v.contentHash) job.changed.push(v.version);
    } catch (e) {
      return this.finish(job, e);
    }
    if (job.changed.length === 0) return this.finish(job);
    this.o
      .onNewVersions((n) => {
        job.rescreened = n;
      })
      .then(
        (r) => {
          job.newHits = r.newHits;
          this.finish(job);
        },
        (e: unknown) => this.finish(job, e),
      );
    return job;
  }

  /**
   * Every `ms`, asks whether the stored lists moved on (another node or `zhili lists fetch` stored a
   * new version) and reloads if so, so that every node converges on the same versions. Returns a stop.
   */
  watch(ms: number, moved: () => Promise<boolean>, onError: (e: unknown) => void = () => undefined): () => void {
    const timer = setInterval(() => {
      if (this.running) return;
      void moved().then(async (yes) => {
        if (yes) await this.reload();
      }, onError);
    }, ms);
    timer.unref();
    return () => clearInterval(timer);
  }

  job(id: string): RefreshJob | undefined {
    return this.jobs.get(id);
  }

  private finish(job: RefreshJob, error?: unknown): RefreshJob {
    job.status = error === undefined ? 'done' : 'failed';
    if (error !== undefined) job.error = error instanceof Error ? error.message : JSON.stringify(error);
    job.finishedAt = this.o.clock.now();
    if (this.running === job) this.running = undefined;
    return job;
  }
}
