import { createHmac, randomBytes } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ZhiliError, type Clock } from '../../kernel/index.ts';
import { identityInput, normaliseIdNumber } from './core/identity.ts';
import { blindInput, bytesToHex, finalizeBatch, hexToBytes, tokenOf } from './core/oprf.ts';
import { EvaluateResponseSchema, PutLoansResponseSchema, QueryResponseSchema } from './schemas.ts';
import type { Purpose } from './store.ts';

const evaluated = TypeCompiler.Compile(EvaluateResponseSchema);
const stored = TypeCompiler.Compile(PutLoansResponseSchema);
const totals = TypeCompiler.Compile(QueryResponseSchema);
const errorCode = (body: unknown): string => {
  if (typeof body !== 'object' || body === null || !('error' in body)) return '';
  const e = body.error;
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '';
};

export interface MultiLendingClientOptions {
  keyHolderUrl: string;
  registryUrl: string;
  /** The key holder's public key (hex), pinned: an evaluation proved under any other key is refused. */
  keyHolderPublicKey: string;
  /** The platform's credentials for one request (e.g. signed-request headers); called per request. */
  headers?: (req: {
    method: string;
    url: string;
    body: string;
  }) => Promise<Record<string, string>> | Record<string, string>;
  /** Key of the HMAC that turns a loan id into the registry's loan reference (the registry never sees loan ids). */
  loanRefKey: Uint8Array;
  clock?: Clock;
  timeoutMs?: number;
  /**
   * Keep an applicant's token in memory this long (ms) so a repeated check skips the key holder (one
   * registry round trip). Off by default: every check is then evaluated, and audited, at the key holder.
   */
  tokenCacheMs?: number;
}

export interface LoanReport {
  idNumber: string;
  loanId: string;
  currency: string;
  /** Decimal string, e.g. "5000.00". */
  outstanding: string;
  status: 'outstanding' | 'settled';
  /** Epoch ms when the balance was true. */
  asOf: number;
}

export interface CheckResult {
  /** Other platforms with an outstanding loan to the applicant. */
  platforms: number;
  /** Their outstanding balances, per currency, as decimal strings. */
  outstanding: { currency: string; amount: string }[];
}

const unavailable = (message: string, cause?: unknown): ZhiliError =>
  new ZhiliError('ZHILI_E_LENDING_UNAVAILABLE', { message, ...(cause === undefined ? {} : { cause }) });

/**
 * The platform's side of the multi-lending check: normalises and blinds identity numbers, has the key
 * holder evaluate them, verifies the proof against the pinned key, derives tokens, and registers loans
 * or asks for an applicant's totals. Identity numbers never leave this object; anything that fails
 * (network, refusal, a bad proof) throws ZHILI_E_LENDING_UNAVAILABLE so a decision can fail closed.
 */
export class MultiLendingClient {
  private readonly cache = new Map<string, { token: string; until: number }>();

  constructor(private readonly o: MultiLendingClientOptions) {}

  private now(): number {
    return this.o.clock?.now() ?? Date.now();
  }

  loanRef(loanId: string): string {
    return createHmac('sha256', this.o.loanRefKey).update(loanId).digest('hex');
  }

  /** Tokens for identity numbers, in order, with one evaluation request and one batch proof. */
  async tokens(idNumbers: readonly string[], purpose: Purpose, applicationEventId?: string): Promise<string[]> {
    const items = idNumbers.map((raw, i) => {
      const n = normaliseIdNumber(raw);
      if (!n.ok)
        throw new ZhiliError('ZHILI_E_ID_NUMBER', { pointer: `/${i}`, message: n.error.en, messageZh: n.error.zh });
      return blindInput(identityInput(n.value));
    });
    const r = await this.call(evaluated, this.o.keyHolderUrl, 'POST', '/v1/hub/oprf/evaluate', {
      ...this.meta(),
      purpose,
      ...(applicationEventId === undefined ? {} : { applicationEventId }),
      blinded: items.map((b) => bytesToHex(b.blinded)),
    });
    try {
      const outs = finalizeBatch(
        items,
        r.evaluated.map((e) => hexToBytes(e)),
        hexToBytes(r.proof),
        hexToBytes(this.o.keyHolderPublicKey),
      );
      return outs.map(tokenOf);
    } catch (e) {
      throw unavailable('The key holder’s proof does not verify against the pinned key.', e);
    }
  }

  async register(loans: readonly LoanReport[]): Promise<{ loanRef: string; outcome: string }[]> {
    const tokens = await this.tokens(
      loans.map((l) => l.idNumber),
      'register',
    );
    const r = await this.call(stored, this.o.registryUrl, 'PUT', '/v1/hub/loans', {
      ...this.meta(),
      loans: loans.map((l, i) => ({
        loanRef: this.loanRef(l.loanId),
        token: tokens[i]!,
        currency: l.currency,
        outstanding: l.outstanding,
        status: l.status,
        asOf: new Date(l.asOf).toISOString(),
      })),
    });
    return r.results;
  }

  /** The applicant's borrowing at other platforms, for the loan application `applicationEventId`. */
  async check(idNumber: string, applicationEventId: string): Promise<CheckResult> {
    const token = await this.queryToken(idNumber, applicationEventId);
    const r = await this.call(totals, this.o.registryUrl, 'POST', '/v1/hub/loans/query', {
      ...this.meta(),
      token,
      applicationEventId,
    });
    return { platforms: r.platforms, outstanding: r.outstanding };
  }

  private async queryToken(idNumber: string, applicationEventId: string): Promise<string> {
    const ttl = this.o.tokenCacheMs ?? 0;
    const n = normaliseIdNumber(idNumber);
    const key = n.ok ? n.value : idNumber;
    const hit = ttl > 0 ? this.cache.get(key) : undefined;
    if (hit && hit.until > this.now()) return hit.token;
    const [token] = await this.tokens([idNumber], 'query', applicationEventId);
    if (ttl > 0) {
      if (this.cache.size >= 100_000) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, { token: token!, until: this.now() + ttl });
    }
    return token!;
  }

  private meta(): { requestId: string; issuedAt: string } {
    const now = this.now();
    return { requestId: randomBytes(16).toString('base64url'), issuedAt: new Date(now).toISOString() };
  }

  private async call<S extends TSchema>(
    shape: TypeCheck<S>,
    base: string,
    method: string,
    path: string,
    payload: unknown,
  ): Promise<Static<S>> {
    const url = base.replace(/\/$/, '') + path;
    const body = JSON.stringify(payload);
    let res: Response;
    try {
      const extra = this.o.headers ? await this.o.headers({ method, url, body }) : {};
      res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...extra },
        body,
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
      });
    } catch (e) {
      throw unavailable(`The multi-lending service at ${base} could not be reached.`, e);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw unavailable(`The multi-lending service answered ${res.status} without JSON.`, e);
    }
    if (!res.ok)
      throw unavailable(`The multi-lending service refused the request: ${res.status} ${errorCode(parsed)}`, parsed);
    if (!shape.Check(parsed)) throw unavailable(`The multi-lending service at ${base} answered an unexpected body.`);
    return parsed;
  }
}
