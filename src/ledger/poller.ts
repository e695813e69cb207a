/** Runs `work` every `periodMs`, or at once when notified; never two runs at a time. */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private current: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly periodMs: number,
  ) {}

  start(): void {
    this.running = true;
    this.schedule(this.periodMs);
  }

  notify(): void {
    if (!this.running) return;
    if (this.current) this.again = true;
    else this.schedule(0);
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

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.current = this.work().finally(() => {
        this.current = undefined;
        if (this.running) this.schedule(this.again ? 0 : this.periodMs);
        this.again = false;
      });
    }, ms);
    // Idle polling must not keep the process alive, but work someone is waiting for (notify) must.
    if (ms > 0) this.timer.unref();
  }
}
