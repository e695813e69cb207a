/**
 * Turns at SQLite's one write lock, between the writer thread (decisions' group commits) and the
 * background thread (the audit ledger's and the case projector's transactions), in the same file.
 *
 * Without them the two met only at the lock: a group commit that found it taken slept in SQLite's busy
 * handler (1, 2, 5, 10, 15 … ms, however soon the lock came free), and every request in the commit waited
 * with it — measured at half load: 3–4 % of commits waited more than 5 ms, up to 38 ms. Here the writer
 * says it wants the lock, the background thread starts no transaction while it does, and the writer waits
 * only for a background transaction already running, woken the moment it ends. Decisions go first; the
 * background thread takes the gaps between commits, so under full load it falls behind and catches up.
 *
 * Only scheduling: SQLite's lock still decides. Every wait here gives up after MAX_WAIT_MS (a thread that
 * died holding its flag cannot stall the other), and both threads keep their busy handlers. Atomics.wait
 * blocks, so this is for worker threads only, never the main thread's event loop.
 *
 * Layout: Int32Array over 8 bytes: [0] the writer wants or holds the lock, [1] the background thread is in
 * a transaction. Sequentially consistent: each sets its own flag, then reads the other's, so at most one
 * goes ahead; when both see each other the background thread steps back.
 */
const WRITER = 0;
const GUEST = 1;
const MAX_WAIT_MS = 100;

export const WRITE_TURNS_BYTES = 8;

export class WriteTurns {
  private readonly flags: Int32Array;
  /** This thread's turns held now: a write inside another's turn (a transaction that awaits) does not wait. */
  private depth = 0;

  constructor(readonly buffer: SharedArrayBuffer) {
    if (buffer.byteLength < WRITE_TURNS_BYTES) throw new RangeError('WriteTurns needs 8 bytes of shared memory');
    this.flags = new Int32Array(buffer, 0, 2);
  }

  static create(): WriteTurns {
    return new WriteTurns(new SharedArrayBuffer(WRITE_TURNS_BYTES));
  }

  /** The writer thread, before its transaction: waits for a background transaction already running. */
  writerEnter(): void {
    Atomics.store(this.flags, WRITER, 1);
    this.waitWhile(GUEST);
  }

  writerLeave(): void {
    Atomics.store(this.flags, WRITER, 0);
    Atomics.notify(this.flags, WRITER);
  }

  /** The background thread, before a write: waits while the writer wants the lock or holds it. */
  guestEnter(): void {
    if (this.depth++ > 0) return;
    const until = performance.now() + MAX_WAIT_MS;
    for (;;) {
      this.waitWhile(WRITER, until);
      Atomics.store(this.flags, GUEST, 1);
      if (Atomics.load(this.flags, WRITER) === 0 || performance.now() > until) return;
      this.release(); // the writer came in between: it goes first
    }
  }

  guestLeave(): void {
    if (--this.depth === 0) this.release();
  }

  private release(): void {
    Atomics.store(this.flags, GUEST, 0);
    Atomics.notify(this.flags, GUEST);
  }

  /** Runs a synchronous write on the background thread in its turn. */
  asGuest<T>(write: () => T): T {
    this.guestEnter();
    try {
      return write();
    } finally {
      this.guestLeave();
    }
  }

  /** Whether each side holds its flag now: [writer, background]. For tests and diagnostics. */
  get state(): [boolean, boolean] {
    return [Atomics.load(this.flags, WRITER) === 1, Atomics.load(this.flags, GUEST) === 1];
  }

  private waitWhile(flag: number, until = performance.now() + MAX_WAIT_MS): void {
    for (;;) {
      const left = until - performance.now();
      if (Atomics.load(this.flags, flag) === 0 || left <= 0) return;
      Atomics.wait(this.flags, flag, 1, left);
    }
  }
}
