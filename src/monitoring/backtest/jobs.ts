import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ZhiliError, type Clock, type FxTable, type Ids } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import { EventSchema } from '../core/event-schema.ts';
import { normalizeEvent, type NormalizedEvent } from '../core/normalize.ts';
import type { CompiledRuleSet } from '../core/rules/compiled.ts';
import type { Labels, Rejected } from '../importers/index.ts';
import { buildReport, rejectedSampleSize, type BacktestReport } from './report.ts';
import { replayInThread } from './replay-thread.ts';
import { replayStepper } from './runner.ts';

const checkEvent = TypeCompiler.Compile(EventSchema);
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export type BacktestStatus = 'queued' | 'running' | 'done' | 'failed';

export interface BacktestInput {
  readonly rs: CompiledRuleSet;
  readonly source:
    { kind: 'events'; events: readonly unknown[] } | { kind: 'history'; fromTime: number; toTime: number };
  readonly labels?: Labels;
}

export interface BacktestJob {
  id: string;
  tenantId: string;
  createdBy: string;
  createdAt: number;
  ruleSetVersion: string;
  status: BacktestStatus;
  progress: { phase: 'queued' | 'loading' | 'replaying' | 'reporting' | 'done'; done: number; total: number };
  startedAt?: number;
  finishedAt?: number;
  result?: BacktestReport;
  error?: { code: string; message: string; messageZh: string };
}

export interface BacktestJobsOptions {
  store: Store;
  clock: Clock;
  ids: Ids;
  fx: FxTable;
  /** Jobs kept in memory (finished ones are forgotten oldest first). */
  maxJobs?: number;
  /** Most stored decisions one history backtest may read. */
  maxHistoryEvents?: number;
  /** Events handled between two turns of the event loop. */
  chunk?: number;
  /** Replay and report in a worker thread (the default), or on this thread in chunks. */
  thread?: boolean;
}

/**
 * Backtests run one after another. Events are read and normalized here, in chunks with `setImmediate`
 * between them, then replayed and reported in a worker thread (replay-thread.ts), so the decision API
 * keeps the main thread. Jobs and results live in memory only: a restart forgets them.
 */
export class BacktestJobs {
  private readonly jobs = new Map<string, BacktestJob>();
  private readonly queue: { job: BacktestJob; input: BacktestInput }[] = [];
  private running = false;
  private readonly maxJobs: number;
  private readonly maxHistory: number;
  private readonly chunk: number;

  constructor(private readonly o: BacktestJobsOptions) {
    this.maxJobs = o.maxJobs ?? 100;
    this.maxHistory = o.maxHistoryEvents ?? 1_000_000;
    this.chunk = o.chunk ?? 2000;
  }

  submit(tenantId: string, createdBy: string, input: BacktestInput): BacktestJob {
    const job: BacktestJob = {
      id: this.o.ids.next('bt'),
      tenantId,
      createdBy,
      createdAt: this.o.clock.now(),
      ruleSetVersion: input.rs.version,
      status: 'queued',
      progress: { phase: 'queued', done: 0, total: input.source.kind === 'events' ? input.source.events.length : 0 },
    };
    this.jobs.set(job.id, job);
    this.forgetOld();
    this.queue.push({ job, input });
    void this.pump();
    return job;
  }

  get(tenantId: string, id: string): BacktestJob | undefined {
    const job = this.jobs.get(id);
    return job?.tenantId === tenantId ? job : undefined;
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private forgetOld(): void {
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= this.maxJobs) break;
      if (j.status === 'done' || j.status === 'failed') this.jobs.delete(id);
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        await yieldToLoop();
        await this.run(next.job, next.input).catch((e: unknown) => {
          const z = e instanceof ZhiliError ? e : new ZhiliError('ZHILI_E_INTERNAL', { cause: e });
          const { code, message, messageZh } = z.toJSON().error;
          next.job.error = { code, message, messageZh };
          next.job.status = 'failed';
          next.job.finishedAt = this.o.clock.now();
        });
      }
    } finally {
      this.running = false;
    }
  }

  private async run(job: BacktestJob, input: BacktestInput): Promise<void> {
    job.status = 'running';
    job.startedAt = this.o.clock.now();
    const loadStarted = performance.now();
    job.progress = { phase: 'loading', done: 0, total: job.progress.total };
    const { events, rejected, byReason, rows } = await this.load(job, input);
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    job.progress = { phase: 'replaying', done: 0, total: events.length };
    const data = {
      format: input.source.kind === 'events' ? 'inline' : 'history',
      files: [],
      rejected,
      loadSeconds,
      rejectedByReason: byReason,
      rejectedRows: rows,
    };
    if (this.o.thread !== false) {
      job.result = await replayInThread(input.rs, events, { labels: input.labels, data }, (done) => {
        job.progress.done = done;
        if (done === events.length) job.progress = { phase: 'reporting', done, total: events.length };
      });
    } else {
      const stepper = replayStepper(input.rs, events.length);
      let busy = 0;
      for (let i = 0; i < events.length;) {
        const t = performance.now();
        const end = Math.min(i + this.chunk, events.length);
        for (; i < end; i++) stepper.step(events[i] as NormalizedEvent, i);
        busy += performance.now() - t;
        job.progress.done = i;
        await yieldToLoop();
      }
      job.progress = { phase: 'reporting', done: events.length, total: events.length };
      await yieldToLoop();
      job.result = buildReport({ rs: input.rs, events, run: stepper.finish(busy / 1000), labels: input.labels, data });
    }
    job.progress = { phase: 'done', done: events.length, total: events.length };
    job.status = 'done';
    job.finishedAt = this.o.clock.now();
  }

  /** Checks and normalizes the events as the decision API would, dropping bad and repeated ones; sorts by time. */
  private async load(
    job: BacktestJob,
    input: BacktestInput,
  ): Promise<{ events: NormalizedEvent[]; rejected: number; byReason: Record<string, number>; rows: Rejected[] }> {
    const ctx = { timeZone: input.rs.timeZone, fx: this.o.fx };
    const events: NormalizedEvent[] = [];
    const ids = new Set<string>();
    let rejected = 0;
    const byReason: Record<string, number> = {};
    const rows: Rejected[] = [];
    const take = (raw: unknown, line: number): void => {
      const n = checkEvent.Check(raw) ? normalizeEvent(raw, ctx) : undefined;
      if (!n?.ok || ids.has(n.event.id)) {
        rejected++;
        const first = n && !n.ok ? n.errors[0] : undefined;
        const reason = !n ? 'schema' : first ? `${first.code} ${first.pointer}` : 'duplicate-id';
        byReason[reason] = (byReason[reason] ?? 0) + 1;
        const message = !n
          ? `${checkEvent.Errors(raw).First()?.path ?? '/'}: ${checkEvent.Errors(raw).First()?.message ?? 'not an event'}`
          : first
            ? `${first.pointer} ${first.message}`
            : `duplicate event id ${n.ok ? n.event.id : ''}`;
        if (rows.length < rejectedSampleSize) rows.push({ file: '', line, reason, message });
        return;
      }
      ids.add(n.event.id);
      events.push(n.event);
    };
    const src = input.source;
    if (src.kind === 'events') {
      for (let i = 0; i < src.events.length; i++) {
        take(src.events[i], i + 1);
        if ((i + 1) % this.chunk === 0) {
          job.progress.done = i + 1;
          await yieldToLoop();
        }
      }
    } else {
      const range = { fromTime: src.fromTime, toTime: src.toTime };
      for (let after = 0; ;) {
        const page = await this.o.store.scanTenantDecisions(job.tenantId, range, after, this.chunk);
        if (page.length === 0) break;
        if (events.length + rejected + page.length > this.maxHistory) {
          throw new ZhiliError('ZHILI_E_BACKTEST_TOO_LARGE', {
            message: `More than ${this.maxHistory} stored events in the range; narrow it.`,
            messageZh: `该时间范围内的已存储事件超过 ${this.maxHistory} 条，请缩小范围。`,
          });
        }
        for (const d of page) {
          after = d.seq;
          take(d.event, d.seq);
        }
        job.progress.done = events.length + rejected;
        await yieldToLoop();
      }
    }
    events.sort((a, b) => a.time - b.time);
    return { events, rejected, byReason, rows };
  }
}
