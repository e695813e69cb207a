import { ZhiliError } from '../kernel/index.ts';
import { commitLogReader } from '../monitoring/index.ts';
import { signCheckpoint, type Checkpoint } from './core/checkpoint.ts';
import { auditEntry, auditProblem, decisionEntry, encodeEntry, type AuditInput } from './core/entries.ts';
import type { Frontier, NodeHash } from './core/frontier.ts';
import { hashLeaf } from './core/hash.ts';
import { isValidKeyName, type NoteSigner } from './core/note.ts';
import { isClearKey, newSigningKey, signerOf, unwrapKey, wrapKey, type KeyProtection } from './keys.ts';
import { OutboxWaiters } from './outbox.ts';
import { Poller } from './poller.ts';
import type { LedgerLag, LedgerServiceOptions } from './service-options.ts';
import { loadFrontier, storeConsistencyProof, storeInclusionProof, storeRoot } from './proofs.ts';
import { LedgerConflictError } from './store/port.ts';
import type { LeafRow, LedgerState, StoredCheckpoint, StoredKey } from './store/port.ts';

/**
 * Appends every committed decision (tailed from the main store) and every operator action (from the
 * durable outbox, see outbox.ts) to the ledger, one writer assigning indices; signs a checkpoint
 * after every append that holds operator actions, at an interval for decisions, and on demand;
 * answers entries and proofs.
 */
export class LedgerService {
  readonly origin: string;
  private state: LedgerState = { size: 0, sourceSeq: 0 };
  private frontier: Frontier | undefined;
  private readonly waiters = new OutboxWaiters();
  private readonly protection: KeyProtection;
  private chain: Promise<unknown> = Promise.resolve();
  private signer: { key: StoredKey; signer: NoteSigner } | undefined;
  private caughtUp = false;
  private lastCaughtUpAt = 0;
  private lastCheckpoint: StoredCheckpoint | undefined;
  private readonly poller: Poller;
  private readonly batchSize: number;

  constructor(private readonly o: LedgerServiceOptions) {
    this.origin = o.origin ?? 'zhili.local/audit';
    if (!isValidKeyName(this.origin)) throw new RangeError(`invalid ledger origin ${JSON.stringify(this.origin)}`);
    this.batchSize = o.batchSize ?? 1000;
    this.protection = { secret: o.keySecret, master: o.masterKey };
    this.poller = new Poller(() => this.tick(), o.pollMs ?? 200);
  }

  /** Runs `fn` after everything queued before it: appends and checkpoints never interleave. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Loads the state, the right edge of the tree and the keys (creating the first key). */
  async init(): Promise<void> {
    await this.exclusive(async () => {
      await this.reload();
      await this.loadKeys();
      this.lastCheckpoint = await this.o.ledger.latestCheckpoint();
    });
  }

  private async reload(): Promise<void> {
    this.state = await this.o.ledger.state();
    this.frontier = await loadFrontier(this.o.ledger, this.state.size);
  }

  private async loadKeys(): Promise<void> {
    let keys = await this.o.ledger.keys();
    if (keys.length === 0) {
      const k = newSigningKey(this.origin, this.protection);
      await this.o.ledger.addKey({ ...k, createdAt: this.o.clock.now(), retiredAt: null }, { onlyIfNone: true });
      keys = await this.o.ledger.keys();
    }
    // Keys an older version stored in clear: wrap them now (retired ones too — they signed the past).
    for (const k of keys.filter((x) => isClearKey(x.privateKey))) {
      k.privateKey = wrapKey(unwrapKey(k.privateKey, this.protection), this.protection);
      await this.o.ledger.rewrapKey(k.verifierKey, k.privateKey);
    }
    const active = keys.find((k) => k.retiredAt === null);
    if (!active) throw new Error('the ledger has no signing key');
    if (this.signer?.key.verifierKey !== active.verifierKey) {
      this.signer = { key: active, signer: signerOf(active.verifierKey, active.privateKey, this.protection) };
    }
  }

  /**
   * Appends one batch: up to batchSize decisions and up to batchSize outbox rows, and signs a
   * checkpoint when operator actions were among them. Returns the larger of the two counts.
   */
  private async appendOnce(): Promise<number> {
    if (!this.frontier) await this.reload();
    const frontier = this.frontier as Frontier;
    const [outbox, decisions] = await Promise.all([
      this.o.ledger.readOutbox(this.batchSize),
      commitLogReader(this.o.store).readRows(this.state.sourceSeq, this.batchSize),
    ]);
    if (outbox.length === 0 && decisions.length === 0) {
      this.markCaughtUp();
      return 0;
    }
    const leaves: LeafRow[] = [];
    const nodes: NodeHash[] = [];
    const add = (kind: string, tenantId: string, text: string, eventId: string | null): number => {
      const leafHash = hashLeaf(text);
      const { index, nodes: done } = frontier.append(leafHash);
      nodes.push(...done);
      leaves.push({ index, kind, tenantId, eventId, entry: text, leafHash });
      return index;
    };
    for (const d of decisions) add('decision', d.tenantId, encodeEntry(decisionEntry(d)), d.eventId);
    const placed = outbox.map((r) => ({ id: r.id, index: add('audit', r.tenantId, r.entry, null) }));
    const last = decisions[decisions.length - 1];
    const sourceSeq = last === undefined ? this.state.sourceSeq : last.seq;
    try {
      await this.o.ledger.append({
        expected: this.state,
        leaves,
        nodes,
        sourceSeq,
        outboxIds: outbox.map((r) => r.id),
      });
    } catch (e) {
      this.frontier = undefined; // it holds the failed batch: reload before the next try
      if (e instanceof LedgerConflictError) {
        await this.reload();
        return this.batchSize; // another writer moved on: go again
      }
      throw e;
    }
    this.state = { size: this.state.size + leaves.length, sourceSeq };
    if (outbox.length > 0) await this.signCheckpoint();
    this.waiters.appended(placed);
    const n = Math.max(decisions.length, outbox.length);
    if (n < this.batchSize) this.markCaughtUp();
    else this.caughtUp = false;
    return n;
  }

  private markCaughtUp(): void {
    this.caughtUp = true;
    this.lastCaughtUpAt = this.o.clock.now();
  }

  /** Appends until the main store and the outbox have nothing more. */
  async catchUp(): Promise<void> {
    for (;;) {
      const n = await this.exclusive(() => this.appendOnce());
      if (n < this.batchSize) break;
      // SQLite calls resolve without a turn of the event loop: let requests in between batches.
      await new Promise<void>((r) => setImmediate(r));
    }
    // Rows another instance (the background thread) appended before this one got to them.
    await this.waiters.settleElsewhere(this.o.ledger);
  }

  /**
   * Records an operator action: durably in the outbox first (so it survives a crash from here on),
   * then in the ledger under a signed checkpoint; resolves with its ledger index. It holds ids and
   * hashes only (auditProblem says why an input is refused). A module that has a transaction of its
   * own should use enqueueAudit inside it instead.
   */
  async appendAudit(input: AuditInput): Promise<number> {
    const problem = auditProblem(input);
    if (problem !== undefined) throw new TypeError(`invalid audit entry: ${problem}`);
    const entry = encodeEntry(auditEntry(input));
    const fromSize = this.state.size;
    const [id] = await this.o.ledger.enqueue([{ tenantId: input.tenantId, entry, createdAt: this.o.clock.now() }]);
    const done = this.waiters.wait(id as number, entry, fromSize);
    if (this.poller.isRunning) this.poller.notify();
    else void this.catchUp().catch((e: unknown) => this.fail(e));
    return done;
  }

  /** Signs and stores a checkpoint of the current tree unless the latest already says the same. */
  publishCheckpoint(): Promise<StoredCheckpoint> {
    return this.exclusive(() => this.signCheckpoint());
  }

  private async signCheckpoint(): Promise<StoredCheckpoint> {
    await this.loadKeys();
    const { key, signer } = this.signer as { key: StoredKey; signer: NoteSigner };
    const size = (await this.o.ledger.state()).size;
    const latest = await this.o.ledger.latestCheckpoint();
    if (latest && latest.size === size && latest.keyId === key.verifierKey) return (this.lastCheckpoint = latest);
    const cp: Checkpoint = { origin: this.origin, size, rootHash: await storeRoot(this.o.ledger, size) };
    const note = signCheckpoint(cp, signer);
    const stored = await this.o.ledger.putCheckpoint({
      size,
      note,
      keyId: key.verifierKey,
      createdAt: this.o.clock.now(),
    });
    this.lastCheckpoint = stored ?? (await this.o.ledger.latestCheckpoint());
    return this.lastCheckpoint as StoredCheckpoint;
  }

  /** A new signing key from now on; the old public keys stay published. Returns the new verifier key. */
  async rotateKey(): Promise<string> {
    const k = newSigningKey(this.origin, this.protection);
    await this.o.ledger.addKey({ ...k, createdAt: this.o.clock.now(), retiredAt: null });
    await this.publishCheckpoint();
    return k.verifierKey;
  }

  /** Verifier keys, the signing key first. */
  async verifierKeys(): Promise<{ verifierKey: string; createdAt: number; retiredAt: number | null }[]> {
    const keys = await this.o.ledger.keys();
    return [...keys]
      .sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || b.createdAt - a.createdAt)
      .map(({ verifierKey, createdAt, retiredAt }) => ({ verifierKey, createdAt, retiredAt }));
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return (this.lastCheckpoint = (await this.o.ledger.latestCheckpoint()) ?? this.lastCheckpoint);
  }

  size = async (): Promise<number> => (await this.o.ledger.state()).size;

  async entry(index: number): Promise<LeafRow | undefined> {
    const [row] = await this.o.ledger.readLeaves(index, 1);
    return row?.index === index ? row : undefined;
  }

  /** Inclusion proof of entry `index` in the tree of `size` (default: the latest checkpoint's). */
  async inclusion(index: number, size?: number): Promise<{ index: number; size: number; proof: Uint8Array[] }> {
    const n = size ?? (await this.latestCheckpoint())?.size ?? 0;
    await this.checkSize(n, '/size');
    if (index >= n)
      throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/index', message: `No entry ${index} in a tree of ${n}.` });
    return { index, size: n, proof: await storeInclusionProof(this.o.ledger, index, n) };
  }

  async consistency(from: number, to: number): Promise<Uint8Array[]> {
    await this.checkSize(to, '/to');
    if (from > to) throw new ZhiliError('ZHILI_E_VALIDATION', { pointer: '/from', message: 'from must be ≤ to.' });
    return storeConsistencyProof(this.o.ledger, from, to);
  }

  private async checkSize(n: number, pointer: string): Promise<void> {
    const size = await this.size();
    if (n > size) throw new ZhiliError('ZHILI_E_VALIDATION', { pointer, message: `The ledger holds ${size} entries.` });
  }

  /**
   * Everything needed to prove an event's decision: its entry, an inclusion proof against the latest
   * signed checkpoint (publishing one when the entry is newer), and that checkpoint.
   */
  async proveEvent(tenantId: string, eventId: string) {
    let row = await this.o.ledger.findEvent(tenantId, eventId);
    if (!row && (await this.o.store.getDecision(tenantId, eventId))) {
      await this.catchUp();
      row = await this.o.ledger.findEvent(tenantId, eventId);
      if (!row) throw new ZhiliError('ZHILI_E_NOT_READY', { message: 'The decision is not in the ledger yet.' });
    }
    if (!row) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/eventId' });
    let cp = await this.latestCheckpoint();
    if (!cp || cp.size <= row.index) cp = await this.publishCheckpoint();
    return { row, checkpoint: cp, proof: await storeInclusionProof(this.o.ledger, row.index, cp.size) };
  }

  lag(): LedgerLag {
    const now = this.o.clock.now();
    return {
      size: this.state.size,
      sourceSeq: this.state.sourceSeq,
      pendingAudits: this.waiters.size,
      caughtUp: this.caughtUp,
      lagMs: this.caughtUp ? 0 : Math.max(0, now - this.lastCaughtUpAt),
      checkpointSize: this.lastCheckpoint?.size ?? 0,
      checkpointAgeMs: this.lastCheckpoint ? Math.max(0, now - this.lastCheckpoint.createdAt) : 0,
    };
  }

  /** Catches up, publishes a checkpoint, then polls (every pollMs, or at once on notify()). */
  async start(): Promise<void> {
    await this.init();
    await this.catchUp();
    await this.publishCheckpoint();
    if (this.o.poll ?? true) this.poller.start();
  }

  /** Wakes the tailer now (e.g. after a group commit). */
  notify(): void {
    this.poller.notify();
  }

  /** Stops polling, appends what is left and publishes a last checkpoint; queued actions fail if that fails. */
  async stop(): Promise<void> {
    await this.poller.stop();
    try {
      await this.catchUp();
      await this.publishCheckpoint();
    } catch (e) {
      this.fail(e);
      this.waiters.rejectAll(e);
    }
  }

  private async tick(): Promise<void> {
    try {
      await this.catchUp();
      const due = (this.lastCheckpoint?.createdAt ?? 0) + (this.o.checkpointIntervalMs ?? 10_000);
      if (this.o.clock.now() >= due && this.lastCheckpoint?.size !== this.state.size) await this.publishCheckpoint();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    this.caughtUp = false;
    (this.o.onError ?? ((x: unknown) => console.error('ledger:', x)))(e);
  }
}
