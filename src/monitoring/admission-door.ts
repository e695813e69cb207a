import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { bearerToken, type Principal } from '../access/index.ts';
import type { Clock } from '../kernel/index.ts';
import { Admission, refusal, type AdmissionLimits, type Verdict } from './admission.ts';

/** A bearer credential nobody has seen authenticate yet: its requests share one bucket. */
export const UNVERIFIED = '';

/**
 * Which tenant a bearer credential belonged to the last time it authenticated, so that the door can
 * count a request against its tenant before the body is read and before the key is hashed and looked
 * up. Only ever learnt from a request that passed full authentication; a hint decides nothing but which
 * bucket a request is counted in — the request is still authenticated in full if it is let in.
 */
export class TenantHints {
  private readonly byBearer = new Map<string, { tenantId: string; until: number }>();

  constructor(
    private readonly clock: Clock,
    /** A revoked key stops counting against its old tenant this long after its last success. */
    private readonly ttlMs = 60_000,
    private readonly max = 10_000,
  ) {}

  tenantOf(bearer: string | undefined): string {
    if (bearer === undefined) return UNVERIFIED;
    const hit = this.byBearer.get(bearer);
    return hit && hit.until > this.clock.now() ? hit.tenantId : UNVERIFIED;
  }

  learn(bearer: string, tenantId: string): void {
    const now = this.clock.now();
    const hit = this.byBearer.get(bearer);
    // Refreshed at most twice per lifetime: a Map write per request would cost more than the lookup.
    if (hit && hit.tenantId === tenantId && hit.until - now > this.ttlMs / 2) return;
    if (this.byBearer.size >= this.max) this.byBearer.clear();
    this.byBearer.set(bearer, { tenantId, until: now + this.ttlMs });
  }
}

/** Refusal bodies are built once: a refusal must cost far less than the work it saves. */
const bodies = {
  tenant: JSON.stringify(refusal('tenant').toJSON()),
  node: JSON.stringify(refusal('node').toJSON()),
};
/**
 * Up to this many body bytes, a refused request's body is read and dropped (Node does it when the answer
 * is sent) and the connection kept; a larger one closes the connection instead of reading megabytes.
 */
const DRAIN_MAX_BYTES = 64 * 1024;

/** Answers a refusal at once, before the body is read: 429 or 503 with Retry-After, body pre-built. */
export function refuseEarly(req: FastifyRequest, reply: FastifyReply, verdict: 'tenant' | 'node'): void {
  void reply
    .code(verdict === 'tenant' ? 429 : 503)
    .header('retry-after', '1')
    .header('content-type', 'application/json; charset=utf-8');
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > DRAIN_MAX_BYTES || req.headers['transfer-encoding'] !== undefined)
    void reply.header('connection', 'close');
  void reply.send(bodies[verdict]);
}

/**
 * The door of event intake, as Fastify hooks over one Admission: the decision to refuse happens in
 * `onRequest`, before the body is read or parsed and before the API key is hashed and looked up.
 */
export class AdmissionDoor {
  readonly admission: Admission;
  readonly hints: TenantHints;

  constructor(
    limits: AdmissionLimits,
    private readonly clock: Clock = { now: () => performance.now() },
  ) {
    this.admission = new Admission(limits, clock);
    this.hints = new TenantHints(clock);
  }

  /** The tenant a request is counted against before it is authenticated (UNVERIFIED if unknown). */
  tenantHint(req: FastifyRequest): string {
    return this.hints.tenantOf(bearerToken(req));
  }

  /** onRequest of a single event: one slot, held until its answer is sent or its connection closes. */
  readonly single = (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const tenantId = this.tenantHint(req);
    const verdict = this.admission.admit(tenantId, 1);
    if (verdict !== 'ok') return refuseEarly(req, reply, verdict);
    this.releaseOnClose(reply, tenantId, 1);
    done();
  };

  /**
   * onRequest of a batch: refused early when even one more event would be refused; its size is known
   * only once the body is read, when `hold` takes its slots.
   */
  readonly batch = (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const tenantId = this.tenantHint(req);
    const verdict = this.admission.judge(tenantId, 1);
    if (verdict !== 'ok') {
      this.admission.count(verdict, tenantId);
      return refuseEarly(req, reply, verdict);
    }
    done();
  };

  /** Takes `n` slots for an authenticated tenant until the answer is sent, or throws the refusal. */
  hold(reply: FastifyReply, tenantId: string, n: number): void {
    const verdict: Verdict = this.admission.admit(tenantId, n);
    if (verdict !== 'ok') throw refusal(verdict);
    this.releaseOnClose(reply, tenantId, n);
  }

  /**
   * Told by the authenticating preHandler (requirePermission's `admitted`) of each caller let in:
   * remembers the bearer's tenant for the next request's door.
   */
  readonly learnFrom = (bearer: string, p: Principal): void => {
    if (p.kind === 'apiKey') this.hints.learn(bearer, p.tenantId);
  };

  private releaseOnClose(reply: FastifyReply, tenantId: string, n: number): void {
    const at = this.clock.now();
    // 'close' comes once, after the answer is written or when the connection goes first.
    reply.raw.once('close', () => this.admission.release(tenantId, n, at));
  }
}
