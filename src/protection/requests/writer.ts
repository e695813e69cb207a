/**
 * Writes register records with their step and audit entries: the entry is queued in the write's own
 * transaction when the store can (then appended at once by `settleAudit`), otherwise sent to the sink
 * after the commit. The ledger sees ids and hashes only — never the personal data.
 */
import { Value } from '@sinclair/typebox/value';
import type { TSchema, Static } from '@sinclair/typebox';
import { canonicalJson, sha256Hex, ZhiliError, type AuditSink, type Clock } from '../../kernel/index.ts';
import type { RightsActor } from './permissions.ts';
import {
  RegisterStaleError,
  type RegisterAudit,
  type RegisterKind,
  type RegisterRecord,
  type RegisterStore,
} from '../storage/register-port.ts';

export interface WriterDeps {
  store: RegisterStore;
  clock: Clock;
  audit?: AuditSink | undefined;
  settleAudit?: (() => Promise<unknown>) | undefined;
}

export const hashOf = (x: unknown): string => sha256Hex(canonicalJson(x));

export class RegisterWriter {
  constructor(private readonly o: WriterDeps) {}

  private entry(a: RightsActor, action: string, subjectId: string, dataHash: string): RegisterAudit {
    return { tenantId: a.tenantId, action, actorId: a.actorId, subjectId, dataHash, at: this.o.clock.now() };
  }

  private async settle(audits: RegisterAudit[]): Promise<void> {
    if (this.o.store.auditsInTransaction) await this.o.settleAudit?.();
    else for (const r of audits) await this.o.audit?.(r);
  }

  /** A new record; `action` names the step and the audit entry (`dsr.received`, `incident.opened`). */
  async create(a: RightsActor, r: Omit<RegisterRecord, 'version' | 'tenantId'>, action: string, payload: unknown) {
    const at = this.o.clock.now();
    const dataHash = hashOf({ id: r.id, version: 1, action, payload });
    const audits = [this.entry(a, action, r.id, dataHash)];
    await this.o.store.create(
      { ...r, tenantId: a.tenantId, version: 1 },
      { tenantId: a.tenantId, kind: r.kind, recordId: r.id, seq: 1, action, actorId: a.actorId, at, dataHash },
      this.o.store.auditsInTransaction ? audits : undefined,
    );
    await this.settle(audits);
  }

  /** The next version of a record read at `prev`; refused as stale if someone wrote in between. */
  async update(a: RightsActor, prev: RegisterRecord, state: string, doc: unknown, action: string, payload: unknown) {
    const at = this.o.clock.now();
    const version = prev.version + 1;
    const dataHash = hashOf({ id: prev.id, version, action, payload });
    const audits = [this.entry(a, action, prev.id, dataHash)];
    try {
      await this.o.store.update(
        { ...prev, state, version, doc },
        {
          tenantId: a.tenantId,
          kind: prev.kind,
          recordId: prev.id,
          seq: version,
          action,
          actorId: a.actorId,
          at,
          dataHash,
        },
        this.o.store.auditsInTransaction ? audits : undefined,
      );
    } catch (e) {
      if (e instanceof RegisterStaleError) throw new ZhiliError('ZHILI_E_STALE_WRITE', { cause: e });
      throw e;
    }
    await this.settle(audits);
    return version;
  }

  async putSettings(a: RightsActor, kind: RegisterKind, doc: unknown): Promise<void> {
    const audits = [this.entry(a, `${kind}.settings`, a.tenantId, hashOf(doc))];
    await this.o.store.putSettings(
      a.tenantId,
      kind,
      doc,
      { actorId: a.actorId, at: this.o.clock.now() },
      this.o.store.auditsInTransaction ? audits : undefined,
    );
    await this.settle(audits);
  }

  /** A record's document, checked against its schema: a stored document that does not fit fails closed. */
  async load<S extends TSchema>(
    a: RightsActor,
    kind: RegisterKind,
    id: string,
    schema: S,
  ): Promise<{ rec: RegisterRecord; doc: Static<S> }> {
    const rec = await this.o.store.get(a.tenantId, kind, id);
    if (!rec) throw new ZhiliError('ZHILI_E_NOT_FOUND');
    return { rec, doc: checked(schema, rec.doc) };
  }
}

/**
 * A stored document checked against its schema: one that does not fit fails closed as an internal error
 * whose cause names the first fields that are wrong (never their values: they may be personal data).
 */
export function checked<S extends TSchema>(schema: S, doc: unknown): Static<S> {
  if (Value.Check(schema, doc)) return doc;
  const wrong = [...Value.Errors(schema, doc)].slice(0, 3).map((e) => `${e.path || '/'}: ${e.message}`);
  throw new ZhiliError('ZHILI_E_INTERNAL', {
    message: `stored record does not match ${schema.$id ?? 'its schema'}`,
    cause: new Error(`stored document does not match its schema: ${wrong.join('; ')}`),
  });
}

/** A record's state column, which must be one of its kind's states (a stored row is never cast). */
export function stateOf<T extends string>(rec: RegisterRecord, states: readonly T[]): T {
  if ((states as readonly string[]).includes(rec.state)) return rec.state as T;
  throw new ZhiliError('ZHILI_E_INTERNAL', {
    message: `stored ${rec.kind} ${rec.id} has an unknown state`,
    cause: new Error(`protection_register.state: expected ${states.join(' | ')}, got "${rec.state.slice(0, 40)}"`),
  });
}
