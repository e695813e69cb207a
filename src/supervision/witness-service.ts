/**
 * The hub as a witness of platform ledgers (C2SP tlog-witness add-checkpoint): judges each submitted
 * checkpoint (core/witness.ts), records it atomically with the check, cosigns it (tlog-cosignature
 * cosignature/v1), and raises an alert naming the platform and both checkpoints when a platform's
 * history was rewritten or its checkpoint is signed by a key the hub does not know. Also the
 * periodic staleness check.
 */
import { ZhiliError, type Clock, type Ids } from '../kernel/index.ts';
import { cosign, encodeBase64, parseVerifierKey, type Cosigner, type NoteVerifier } from '../ledger/index.ts';
import { parseAddCheckpoint } from './core/add-checkpoint.ts';
import { staleWitnesses } from './core/staleness.ts';
import { judgeCheckpoint, originOf, type AlertKind, type WitnessOutcome } from './core/witness.ts';
import type { HubAlert, HubStore, PlatformRecord, WitnessedCheckpoint } from './store/port.ts';

export type AddCheckpointAnswer = { status: 200; cosignature: string } | { status: 409; latestSize: number };

export interface WitnessDeps {
  store: HubStore;
  clock: Clock;
  ids: Ids;
  cosigner: Cosigner;
  /** A platform whose checkpoints do not advance for longer than this raises a staleness alert. */
  staleAfterMs: number;
}

const summary = (note: string | null | undefined): string => {
  if (!note) return 'none';
  const [origin, size, root] = note.split('\n');
  return `${origin ?? '?'} size ${size ?? '?'} root ${root ?? '?'}`;
};

export class Witness {
  constructor(private readonly d: WitnessDeps) {}

  /** `caller` is the platform whose signed request this is: it may submit only its own log. */
  async addCheckpoint(body: string, caller: PlatformRecord): Promise<AddCheckpointAnswer> {
    const parsed = parseAddCheckpoint(body);
    if (!parsed.ok) throw new ZhiliError('ZHILI_E_WITNESS_BAD_REQUEST', { message: parsed.reason });
    const req = parsed.request;
    const origin = originOf(req.note);
    if (origin === undefined)
      throw new ZhiliError('ZHILI_E_WITNESS_BAD_REQUEST', { message: 'The checkpoint is malformed.' });
    const platform = await this.d.store.platformByOrigin(origin);
    if (!platform) throw new ZhiliError('ZHILI_E_WITNESS_UNKNOWN_LOG');
    if (platform.id !== caller.id)
      throw new ZhiliError('ZHILI_E_FORBIDDEN', {
        message: "A platform may submit only its own ledger's checkpoints.",
      });
    const keys = platform.ledgerKeys
      .map((k) => parseVerifierKey(k))
      .flatMap((p): NoteVerifier[] => (p.ok ? [p.verifier] : []));
    const latest = await this.d.store.witnessState(platform.id);
    const outcome = judgeCheckpoint(req, keys, origin, latest);
    if ('alert' in outcome && outcome.alert) await this.alert(platform, outcome.alert, outcome, latest, req.note);
    switch (outcome.kind) {
      case 'cosign':
        return this.accept(platform, outcome, req.oldSize, req.note);
      case 'size_mismatch':
      case 'conflict':
        return { status: 409, latestSize: outcome.latestSize };
      case 'bad_request':
        throw new ZhiliError('ZHILI_E_WITNESS_BAD_REQUEST', { message: outcome.reason });
      case 'unknown_key':
        throw new ZhiliError('ZHILI_E_WITNESS_UNKNOWN_KEY');
      case 'bad_proof':
        throw new ZhiliError('ZHILI_E_WITNESS_BAD_PROOF', { message: outcome.reason });
    }
  }

  private async accept(
    platform: PlatformRecord,
    outcome: Extract<WitnessOutcome, { kind: 'cosign' }>,
    oldSize: number,
    note: string,
  ): Promise<AddCheckpointAnswer> {
    const now = this.d.clock.now();
    const line = cosign(outcome.text, this.d.cosigner, Math.floor(now / 1000));
    const cp: WitnessedCheckpoint = {
      platformId: platform.id,
      size: outcome.checkpoint.size,
      rootHash: encodeBase64(outcome.checkpoint.rootHash),
      note,
      cosignature: line,
      at: now,
    };
    // The check above and this write race with a concurrent request: the store re-checks the old size.
    if (!(await this.d.store.acceptCheckpoint(cp, oldSize)))
      return { status: 409, latestSize: (await this.d.store.witnessState(platform.id))?.size ?? 0 };
    if (cp.size > oldSize) await this.d.store.closeAlerts(platform.id, 'stale', now);
    return { status: 200, cosignature: line };
  }

  private async alert(
    platform: PlatformRecord,
    kind: AlertKind,
    outcome: WitnessOutcome,
    latest: WitnessedCheckpoint | undefined,
    submitted: string,
  ): Promise<void> {
    const open = await this.d.store.alerts({ platformId: platform.id, open: true, limit: 50 });
    if (open.some((a) => a.kind === kind && a.submittedCheckpoint === submitted)) return;
    const reason = 'reason' in outcome ? outcome.reason : kind;
    const who = `${platform.name} (${platform.id})`;
    const [message, messageZh] =
      kind === 'unknown_key'
        ? [
            `Platform ${who} submitted a checkpoint (${summary(submitted)}) signed by no registered ledger key; last accepted: ${summary(latest?.note)}.`,
            `平台 ${who} 提交的检查点（${summary(submitted)}）未由任何已登记的账本密钥签名；上次接受的检查点：${summary(latest?.note)}。`,
          ]
        : [
            `Platform ${who} rewrote its ledger history: the checkpoint ${summary(submitted)} is not consistent with the accepted ${summary(latest?.note)} (${reason}).`,
            `平台 ${who} 的账本历史被改写：检查点 ${summary(submitted)} 与已接受的 ${summary(latest?.note)} 不一致（${reason}）。`,
          ];
    await this.d.store.raiseAlert({
      id: this.d.ids.next('halert'),
      platformId: platform.id,
      kind,
      message,
      messageZh,
      acceptedCheckpoint: latest?.note ?? null,
      submittedCheckpoint: submitted,
      raisedAt: this.d.clock.now(),
      closedAt: null,
    });
  }

  /** Raises a staleness alert per platform that stopped advancing (once while it stays silent). */
  async checkStaleness(): Promise<HubAlert[]> {
    const now = this.d.clock.now();
    const advanced = await this.d.store.lastAdvanced();
    const platforms = await this.d.store.platforms();
    const stale = staleWitnesses(
      platforms.map((p) => ({
        platformId: p.id,
        status: p.status,
        registeredAt: p.registeredAt,
        lastAdvancedAt: advanced.get(p.id) ?? null,
      })),
      now,
      this.d.staleAfterMs,
    );
    const raised: HubAlert[] = [];
    const byId = new Map(platforms.map((p) => [p.id, p]));
    for (const s of stale) {
      const p = byId.get(s.platformId);
      if (!p || (await this.d.store.openAlert(s.platformId, 'stale'))) continue;
      const latest = await this.d.store.witnessState(p.id);
      const minutes = Math.floor(s.silentMs / 60_000);
      const a: HubAlert = {
        id: this.d.ids.next('halert'),
        platformId: p.id,
        kind: 'stale',
        message: `Platform ${p.name} (${p.id}): no new ledger checkpoint for ${minutes} min (limit ${Math.floor(this.d.staleAfterMs / 60_000)} min); last accepted: ${summary(latest?.note)}.`,
        messageZh: `平台 ${p.name}（${p.id}）已 ${minutes} 分钟没有新的账本检查点（上限 ${Math.floor(this.d.staleAfterMs / 60_000)} 分钟）；上次接受：${summary(latest?.note)}。`,
        acceptedCheckpoint: latest?.note ?? null,
        submittedCheckpoint: null,
        raisedAt: now,
        closedAt: null,
      };
      await this.d.store.raiseAlert(a);
      raised.push(a);
    }
    return raised;
  }
}
