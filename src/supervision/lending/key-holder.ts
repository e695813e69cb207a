import { ZhiliError, type Clock, type Ids } from '../../kernel/index.ts';
import {
  blindedDigest,
  bytesToHex,
  evaluateBatch,
  hexToBytes,
  isElement,
  suiteName,
  type KeyPair,
} from './core/oprf.ts';
import { defaultQuotas, secondsToWindowEnd, type Quota } from './core/policy.ts';
import { defaultFreshnessMs, freshIssuedAt, pruner, replayed } from './request-meta.ts';
import type { EvaluateBody } from './schemas.ts';
import type { AuditFilter, EvaluationRecord, KeyHolderStore } from './store.ts';

export interface KeyHolderOptions {
  store: KeyHolderStore;
  /** The OPRF key pair (deriveKeyPair from a seed only the key holder keeps). */
  keys: KeyPair;
  clock: Clock;
  ids: Ids;
  quotas?: readonly Quota[];
  freshnessMs?: number;
}

/**
 * The key holder: evaluates blinded elements with the OPRF key and proves it used the pinned key. It
 * never sees an identity number or a token — only blinded elements, uniformly random to it — so its
 * defence against a platform enumerating identity numbers is what it can count: every evaluation is
 * rate limited per platform and audited (who, when, how many, for which application).
 */
export class KeyHolder {
  readonly publicKeyHex: string;
  private readonly quotas: readonly Quota[];
  private readonly freshnessMs: number;
  private readonly prune: (now: number) => void;

  constructor(private readonly o: KeyHolderOptions) {
    this.publicKeyHex = bytesToHex(o.keys.publicKey);
    this.quotas = o.quotas ?? defaultQuotas;
    this.freshnessMs = o.freshnessMs ?? defaultFreshnessMs;
    this.prune = pruner((before) => o.store.prune(before), this.freshnessMs);
  }

  key(): { suite: string; mode: string; publicKey: string } {
    return { suite: suiteName, mode: 'voprf', publicKey: this.publicKeyHex };
  }

  async evaluate(
    platformId: string,
    body: EvaluateBody,
  ): Promise<{ suite: string; publicKey: string; evaluated: string[]; proof: string }> {
    const now = this.o.clock.now();
    freshIssuedAt(body.issuedAt, now, this.freshnessMs);
    const blinded = body.blinded.map((h, i) => {
      const bytes = hexToBytes(h);
      if (!isElement(bytes))
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          pointer: `/blinded/${i}`,
          message: 'Not a ristretto255 element (or the identity element).',
          messageZh: '不是有效的 ristretto255 群元素（或为单位元）。',
        });
      return bytes;
    });
    const record: EvaluationRecord = {
      id: this.o.ids.next('oev'),
      platformId,
      requestId: body.requestId,
      at: now,
      count: blinded.length,
      purpose: body.purpose,
      ...(body.applicationEventId === undefined ? {} : { applicationEventId: body.applicationEventId }),
      blindedDigest: blindedDigest(blinded),
      outcome: 'evaluated',
    };
    const admitted = await this.o.store.admit(record, this.quotas);
    this.prune(now);
    if (!admitted.ok) {
      if (admitted.reason === 'replayed') throw replayed();
      throw new ZhiliError('ZHILI_E_LENDING_QUOTA', {
        retryAfterSeconds: secondsToWindowEnd(now, admitted.quota.windowMs),
      });
    }
    const r = evaluateBatch(this.o.keys, blinded);
    return {
      suite: suiteName,
      publicKey: this.publicKeyHex,
      evaluated: r.evaluated.map(bytesToHex),
      proof: bytesToHex(r.proof),
    };
  }

  evaluations(f: AuditFilter): Promise<EvaluationRecord[]> {
    return this.o.store.evaluations(f);
  }
}
