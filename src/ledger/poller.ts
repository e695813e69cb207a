/**
 * Runs `work` every `periodMs`, or soon after a notify; never two runs at a time. Notifies are
 * coalesced for `batchMs` so that under load each run appends a batch instead of one entry per
 * decision (every run takes the database's single write lock).
 */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Infinity;
  private running = false;
  private current: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly periodMs: number,
    private readonly batchMs = 50,
  ) {}

  start(): void {
    this.running = true;
    this.schedule(this.periodMs);
  }

  notify(): void {
    if (!this.running) return;
    if (this.current) this.again = true;
    else if (this.dueAt > Date.now() + this.batchMs) this.schedule(this.batchMs, true);
    // A run is due sooner anyway: make sure it keeps the process alive until it has run.
    else this.timer?.ref();
  }

  /** Stops polling and waits for a run in progress. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.current;
  }

  get isRunning(): boolean {
    return this.running;
  }

  private schedule(ms: number, wanted = false): void {
    clearTimeout(this.timer);
    this.dueAt = Date.now() + ms;
    this.timer = setTimeout(() => {
      this.dueAt = Infinity;
      this.current = this.work().finally(() => {
        this.current = undefined;
        if (this.running) this.schedule(this.again ? this.batchMs : this.periodMs, this.again);
        this.again = false;
      });
    }, ms);
    // Idle polling must not keep the process alive, but work someone is waiting for (notify) must.
    if (!wanted) this.timer.unref();
  }
}
