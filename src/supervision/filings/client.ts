/**
 * The platform's side of filings: sends one batch to the hub (`POST /v1/hub/filings`) in a request
 * signed with the platform's key (the witness client's signing, ledger/core/request-signature.ts), and
 * checks the hub's answer against its schema. Bounded: a timeout, and the hub's limits on the batch.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Clock } from '../../kernel/index.ts';
import { parseSignerKey, signHubRequest, type NoteSigner } from '../../ledger/index.ts';
import { FilingsAnswerSchema, type FilingsAnswer, type FilingsBody } from './schemas.ts';

const answer = TypeCompiler.Compile(FilingsAnswerSchema);
const PATH = '/v1/hub/filings';

export interface FilingsClientOptions {
  hubUrl: string;
  platformId: string;
  /** PRIVATE+KEY+… (ZHILI_HUB_PLATFORM_KEY) */
  platformKey: string;
  clock: Clock;
  nonce: () => string;
  timeoutMs?: number;
}

export class FilingsRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`the supervision hub refused the filings: HTTP ${status} ${body.slice(0, 300)}`);
    this.name = 'FilingsRefusedError';
  }
}

export class FilingsClient {
  private readonly signer: NoteSigner;
  private readonly base: string;

  constructor(private readonly o: FilingsClientOptions) {
    const signer = parseSignerKey(o.platformKey.trim());
    if (!signer.ok) throw new Error(`ZHILI_HUB_PLATFORM_KEY is not a signer key: ${signer.reason}`);
    this.signer = signer.signer;
    this.base = o.hubUrl.replace(/\/+$/, '');
  }

  async send(batch: FilingsBody): Promise<FilingsAnswer> {
    const body = JSON.stringify(batch);
    const authorization = signHubRequest(this.o.platformId, this.signer.privateKey, {
      method: 'POST',
      path: PATH,
      timestamp: Math.floor(this.o.clock.now() / 1000),
      nonce: this.o.nonce(),
      body,
    });
    const res = await fetch(this.base + PATH, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    if (res.status !== 200) throw new FilingsRefusedError(res.status, text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!answer.Check(parsed)) throw new FilingsRefusedError(res.status, `unexpected answer: ${text}`);
    return parsed;
  }
}
