import { canonicalJson, sha256Hex, type AuditSink, type Clock } from '../../kernel/index.ts';
import type { SuitabilityActor } from './permissions.ts';
import type { SuitabilityAudit, SuitabilityStore } from './storage/port.ts';

/**
 * Audit entries of suitability writes (ids and hashes only): queued in the write's own transaction when
 * the store has an outbox, then appended at once (`settle`); otherwise sent to the sink after the write.
 */
export class Recorder {
  constructor(
    private readonly o: {
      store: SuitabilityStore;
      clock: Clock;
      audit?: AuditSink | undefined;
      settleAudit?: (() => Promise<unknown>) | undefined;
    },
  ) {}

  entry(a: SuitabilityActor, action: string, subjectId: string, data?: unknown): SuitabilityAudit {
    return {
      tenantId: a.tenantId,
      action,
      actorId: a.actorId,
      subjectId,
      ...(data === undefined ? {} : { dataHash: sha256Hex(canonicalJson(data)) }),
      at: this.o.clock.now(),
    };
  }

  /** Runs the write with the entries it must queue, then settles them. */
  async write<T>(entries: SuitabilityAudit[], fn: (queued: SuitabilityAudit[] | undefined) => Promise<T>): Promise<T> {
    const r = await fn(this.o.store.auditsInTransaction ? entries : undefined);
    if (this.o.store.auditsInTransaction) await this.o.settleAudit?.();
    else for (const e of entries) await this.o.audit?.(e);
    return r;
  }
}
