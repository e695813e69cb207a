import { canonicalJson, sha256Hex, ZhiliError, type AuditSink, type Clock } from '../kernel/index.ts';
import { checkScorecard, type ScoreLimits } from './core/scorecard.ts';
import type { LiveScorecards } from './live.ts';
import type { CreditMonitor } from './monitor.ts';
import type { CreditStore, ScorecardEvent, ScorecardStatus, StoredScorecard } from './store.ts';

export interface CreditActor {
  tenantId: string;
  actorId: string;
}

/**
 * The four-eyes life cycle of scorecards, as for rule sets: draft → submitted → approved (by another
 * operator than the author and the submitter) → active (the previous active card is superseded);
 * submitted or approved → rejected; an approved card may run in shadow (scored and recorded beside the
 * active one, never used in rules); rollback puts back an earlier approved or superseded card with a
 * reason. Each step: one guarded store transition with its history row, an audit-ledger entry
 * (`credit.scorecard.<action>`, the card's hash), then the live cards reloaded.
 */
export class ScorecardLifecycle {
  constructor(
    private readonly deps: {
      store: CreditStore;
      live: LiveScorecards;
      clock: Clock;
      audit?: AuditSink | undefined;
      /** The stability monitoring of the active cards, served beside them (`/v1/credit/monitoring`). */
      monitor?: CreditMonitor | undefined;
    },
  ) {}

  get monitor(): CreditMonitor | undefined {
    return this.deps.monitor;
  }

  /** Checks the card (its schema) and stores it as a draft, with the score-band limits if given. */
  async saveDraft(a: CreditActor, card: unknown, limits?: ScoreLimits): Promise<StoredScorecard> {
    const checked = checkScorecard(card, '/scorecard');
    const stored: StoredScorecard = {
      tenantId: a.tenantId,
      version: checked.version,
      name: checked.name,
      status: 'draft',
      shadow: false,
      card: limits ? { ...checked, limits } : checked,
      createdAt: this.deps.clock.now(),
      createdBy: a.actorId,
    };
    await this.deps.store.put(stored);
    await this.audit(a, 'create', stored);
    return stored;
  }

  async get(tenantId: string, version: string): Promise<StoredScorecard> {
    const s = await this.deps.store.get(tenantId, version);
    if (!s) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/version' });
    return s;
  }

  list(tenantId: string): Promise<Omit<StoredScorecard, 'card'>[]> {
    return this.deps.store.list(tenantId);
  }

  history(tenantId: string, version: string): Promise<ScorecardEvent[]> {
    return this.deps.store.history(tenantId, version);
  }

  submit(a: CreditActor, version: string, note?: string): Promise<StoredScorecard> {
    return this.step(a, version, 'submit', ['draft'], 'submitted', note);
  }

  async approve(a: CreditActor, version: string, note?: string): Promise<StoredScorecard> {
    await this.checkFourEyes(a, version);
    return this.step(a, version, 'approve', ['submitted'], 'approved', note);
  }

  async reject(a: CreditActor, version: string, note?: string): Promise<StoredScorecard> {
    await this.checkFourEyes(a, version);
    return this.step(a, version, 'reject', ['submitted', 'approved'], 'rejected', note, false);
  }

  activate(a: CreditActor, version: string, note?: string): Promise<StoredScorecard> {
    return this.step(a, version, 'activate', ['approved'], 'active', note);
  }

  rollback(a: CreditActor, version: string, reason: string): Promise<StoredScorecard> {
    return this.step(a, version, 'rollback', ['approved', 'superseded'], 'active', reason);
  }

  async shadow(a: CreditActor, version: string, on: boolean, note?: string): Promise<StoredScorecard> {
    const cur = await this.get(a.tenantId, version);
    const from: ScorecardStatus[] = on ? ['approved'] : [cur.status];
    return this.step(a, version, on ? 'shadow' : 'unshadow', from, cur.status, note, on);
  }

  private async step(
    a: CreditActor,
    version: string,
    action: string,
    from: ScorecardStatus[],
    to: ScorecardStatus,
    note?: string,
    shadow?: boolean,
  ): Promise<StoredScorecard> {
    const updated = await this.deps.store.transition({
      tenantId: a.tenantId,
      version,
      action,
      from,
      to,
      actorId: a.actorId,
      at: this.deps.clock.now(),
      ...(note === undefined ? {} : { note }),
      ...(shadow === undefined ? {} : { shadow }),
    });
    await this.audit(a, action, updated);
    if (to === 'active' || shadow !== undefined || action === 'reject') await this.deps.live.reload(a.tenantId);
    return updated;
  }

  private async checkFourEyes(a: CreditActor, version: string): Promise<void> {
    const card = await this.get(a.tenantId, version);
    const history = await this.deps.store.history(a.tenantId, version);
    const makers = new Set([card.createdBy, ...history.filter((e) => e.action === 'submit').map((e) => e.actorId)]);
    if (makers.has(a.actorId)) throw new ZhiliError('ZHILI_E_FOUR_EYES', { pointer: '/version' });
  }

  private async audit(a: CreditActor, action: string, s: StoredScorecard): Promise<void> {
    await this.deps.audit?.({
      tenantId: a.tenantId,
      action: `credit.scorecard.${action}`,
      actorId: a.actorId,
      subjectId: s.version,
      dataHash: sha256Hex(canonicalJson(s.card)),
      at: this.deps.clock.now(),
    });
  }
}
