/**
 * The platform registry: licence, business scope, ledger and request keys, and the licence status,
 * changed only by one supervisor proposing and a different one approving (four eyes). Every step is
 * written with its audit entry in one transaction.
 */
import { ZhiliError, type Clock, type Ids } from '../kernel/index.ts';
import { isUniqueViolation } from '../store/index.ts';
import { parseVerifierKey } from '../ledger/index.ts';
import { checkDecision, checkTransition, type PlatformStatus } from './core/status.ts';
import type { ExitVerdict } from './core/exit-plan.ts';
import type { HubStore, PlatformRecord, StatusChange } from './store/port.ts';
import type { Supervisor } from './supervisors.ts';

export interface NewPlatform {
  name: string;
  licenceType: string;
  businessScope: string[];
  origin: string;
  ledgerKeys: string[];
  requestKey: string;
}

function checkKey(vkey: string, pointer: string): void {
  const p = parseVerifierKey(vkey);
  if (!p.ok)
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      pointer,
      message: `Not an Ed25519 verifier key: ${p.reason}.`,
      messageZh: `不是有效的 Ed25519 验证密钥：${p.reason}。`,
    });
}

export class Registry {
  constructor(
    private readonly d: {
      store: HubStore;
      clock: Clock;
      ids: Ids;
      /** Whether a winding-down platform's exit plan is complete (asked before proposing and approving exit). */
      exitCheck?: (p: PlatformRecord) => Promise<ExitVerdict>;
    },
  ) {}

  private async checkExit(p: PlatformRecord, to: PlatformStatus): Promise<void> {
    if (p.status !== 'winding_down' || to !== 'exited' || !this.d.exitCheck) return;
    const v = await this.d.exitCheck(p);
    if (!v.ok)
      throw new ZhiliError('ZHILI_E_PLATFORM_TRANSITION', { pointer: '/to', message: v.reason, messageZh: v.reasonZh });
  }

  async register(input: NewPlatform, by: Supervisor): Promise<PlatformRecord> {
    if (!by.admin) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    input.ledgerKeys.forEach((k, i) => checkKey(k, `/ledgerKeys/${i}`));
    checkKey(input.requestKey, '/requestKey');
    const now = this.d.clock.now();
    const p: PlatformRecord = {
      id: this.d.ids.next('plat'),
      ...input,
      status: 'applying',
      registeredAt: now,
      registeredBy: by.id,
    };
    try {
      await this.d.store.addPlatform(p, {
        actorId: by.id,
        action: 'platform.register',
        subjectId: p.id,
        detail: JSON.stringify({ name: p.name, origin: p.origin }),
        at: now,
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw new ZhiliError('ZHILI_E_CONFLICT', {
          pointer: '/origin',
          message: 'A platform with this ledger origin is registered.',
          cause: e,
        });
      throw e;
    }
    return p;
  }

  async get(id: string): Promise<PlatformRecord> {
    const p = await this.d.store.platform(id);
    if (!p) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
    return p;
  }

  list = (): Promise<PlatformRecord[]> => this.d.store.platforms();

  async setLedgerKeys(id: string, keys: string[], by: Supervisor): Promise<PlatformRecord> {
    if (!by.admin) throw new ZhiliError('ZHILI_E_FORBIDDEN');
    keys.forEach((k, i) => checkKey(k, `/ledgerKeys/${i}`));
    const now = this.d.clock.now();
    const done = await this.d.store.setLedgerKeys(id, keys, {
      actorId: by.id,
      action: 'platform.ledger_keys',
      subjectId: id,
      detail: JSON.stringify({ keys }),
      at: now,
    });
    if (!done) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
    return this.get(id);
  }

  async propose(platformId: string, to: PlatformStatus, reason: string, by: Supervisor): Promise<StatusChange> {
    const p = await this.get(platformId);
    const v = checkTransition(p.status, to);
    if (!v.ok)
      throw new ZhiliError('ZHILI_E_PLATFORM_TRANSITION', { pointer: '/to', message: v.reason, messageZh: v.reasonZh });
    await this.checkExit(p, to);
    const now = this.d.clock.now();
    const c: StatusChange = {
      id: this.d.ids.next('psc'),
      platformId,
      from: p.status,
      to,
      reason,
      proposedBy: by.id,
      proposedAt: now,
      decision: 'pending',
      decidedBy: null,
      decidedAt: null,
    };
    await this.d.store.proposeChange(c, {
      actorId: by.id,
      action: 'platform.status.propose',
      subjectId: c.id,
      detail: JSON.stringify({ platformId, from: p.status, to }),
      at: now,
    });
    return c;
  }

  async decide(changeId: string, decision: 'approved' | 'rejected', by: Supervisor): Promise<StatusChange> {
    const c = await this.d.store.change(changeId);
    if (!c) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/id' });
    const p = await this.get(c.platformId);
    const v = checkDecision(c, by.id, p.status);
    if (!v.ok) {
      const code = c.proposedBy === by.id ? 'ZHILI_E_FOUR_EYES' : 'ZHILI_E_STALE_WRITE';
      throw new ZhiliError(code, { message: v.reason, messageZh: v.reasonZh });
    }
    if (decision === 'approved') await this.checkExit(p, c.to);
    const now = this.d.clock.now();
    const done = await this.d.store.decideChange(changeId, decision, by.id, now, {
      actorId: by.id,
      action: `platform.status.${decision === 'approved' ? 'approve' : 'reject'}`,
      subjectId: changeId,
      detail: JSON.stringify({ platformId: c.platformId, from: c.from, to: c.to }),
      at: now,
    });
    const after = done ? await this.d.store.change(changeId) : undefined;
    if (!after) throw new ZhiliError('ZHILI_E_STALE_WRITE');
    return after;
  }

  history = (platformId: string): Promise<StatusChange[]> => this.d.store.changes(platformId);
}
