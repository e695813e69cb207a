import { ZhiliError, type AuditSink, type Clock, type Ids } from '../kernel/index.ts';
import type { Scorecard } from './core/scorecard.ts';
import type { TrainSettings } from './core/settings.ts';
import { trainScorecard, type Table, type TrainResult, type TrainStep } from './core/train.ts';
import type { LoanBookMemory } from './book.ts';
import type { ScorecardLifecycle } from './lifecycle.ts';
import type { CreditMonitor } from './monitor.ts';

export type TrainingStatus = 'queued' | 'running' | 'done' | 'failed';

export interface TrainingRequest {
  table: Table;
  target: string;
  bad: string;
  settings: TrainSettings;
  dataHash: string;
}

export interface TrainingJob {
  id: string;
  tenantId: string;
  createdBy: string;
  createdAt: number;
  dataHash: string;
  status: TrainingStatus;
  progress: { step: 'queued' | TrainStep | 'done'; done: number; total: number };
  startedAt?: number;
  finishedAt?: number;
  scorecard?: Scorecard;
  error?: { code: string; message: string; messageZh: string };
}

/**
 * Where training runs: in this process (the default, fine for thousands of rows) or a worker thread
 * chosen by the composition root. `now` is the job's start, so the scorecard's createdAt comes from
 * the service's clock wherever it runs.
 */
export type TrainRunner = (
  request: TrainingRequest,
  now: number,
  onProgress: (step: TrainStep, done: number, total: number) => void,
) => Promise<TrainResult>;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const inProcessRunner: TrainRunner = async (request, now, onProgress) => {
  await yieldToLoop();
  return trainScorecard({ ...request, clock: { now: () => now }, onProgress });
};

export interface CreditTrainingOptions {
  clock: Clock;
  ids: Ids;
  runner?: TrainRunner;
  audit?: AuditSink;
  /** Jobs kept in memory (finished ones are forgotten oldest first). */
  maxJobs?: number;
  /** Stored scorecards and their four-eyes life cycle (`/v1/credit/scorecards`); absent: not mounted. */
  scorecards?: ScorecardLifecycle;
  /** The loan book built from loan events (`/v1/credit/loan-book`); absent: not mounted. */
  loanBook?: LoanBookMemory;
  /** Score-stability monitoring (`/v1/credit/monitoring`); absent: not mounted. */
  monitor?: CreditMonitor;
}

/**
 * Scorecard training jobs: queued per process, run one at a time, kept in memory with their progress
 * and, once done, the scorecard (a restart forgets them; the scorecard life cycle will store cards).
 */
export class CreditTrainingJobs {
  private readonly jobs = new Map<string, TrainingJob>();
  private readonly queue: { job: TrainingJob; request: TrainingRequest }[] = [];
  private running = false;

  constructor(private readonly o: CreditTrainingOptions) {}

  get scorecards(): ScorecardLifecycle | undefined {
    return this.o.scorecards;
  }

  get loanBook(): LoanBookMemory | undefined {
    return this.o.loanBook;
  }

  get monitor(): CreditMonitor | undefined {
    return this.o.monitor ?? this.o.scorecards?.monitor;
  }

  now(): number {
    return this.o.clock.now();
  }

  async submit(tenantId: string, createdBy: string, request: TrainingRequest): Promise<TrainingJob> {
    const job: TrainingJob = {
      id: this.o.ids.next('crt'),
      tenantId,
      createdBy,
      createdAt: this.o.clock.now(),
      dataHash: request.dataHash,
      status: 'queued',
      progress: { step: 'queued', done: 0, total: 0 },
    };
    await this.o.audit?.({
      tenantId,
      action: 'credit.scorecard.train',
      actorId: createdBy,
      subjectId: job.id,
      dataHash: request.dataHash,
      at: job.createdAt,
    });
    this.jobs.set(job.id, job);
    this.forgetOld();
    this.queue.push({ job, request });
    void this.pump();
    return job;
  }

  get(tenantId: string, id: string): TrainingJob | undefined {
    const j = this.jobs.get(id);
    return j && j.tenantId === tenantId ? j : undefined;
  }

  /** Resolves when no job is queued or running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private forgetOld(): void {
    const max = this.o.maxJobs ?? 50;
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= max) break;
      if (j.status === 'done' || j.status === 'failed') this.jobs.delete(id);
    }
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.run(next.job, next.request);
    } finally {
      this.running = false;
    }
  }

  private async run(job: TrainingJob, request: TrainingRequest): Promise<void> {
    job.status = 'running';
    job.startedAt = this.o.clock.now();
    try {
      const result = await (this.o.runner ?? inProcessRunner)(request, job.startedAt, (step, done, total) => {
        job.progress = { step, done, total };
      });
      job.scorecard = result.scorecard;
      job.status = 'done';
      job.progress = { step: 'done', done: 1, total: 1 };
    } catch (e) {
      const z = e instanceof ZhiliError ? e : new ZhiliError('ZHILI_E_INTERNAL', { cause: e });
      job.status = 'failed';
      job.error = { code: z.code, message: z.message, messageZh: z.messageZh };
    } finally {
      job.finishedAt = this.o.clock.now();
    }
  }
}
