/**
 * The platform side of the supervision hub's witness: pushes each new signed checkpoint to the hub
 * (C2SP tlog-witness add-checkpoint, with a consistency proof from the last size the hub cosigned),
 * in a request signed with the platform's key; checks the returned cosignature against the pinned hub
 * key before keeping it; and serves checkpoints with the cosignature appended.
 */
import type { Clock } from '../kernel/index.ts';
import { parseCosignerVerifierKey, verifyCosignature, type CosignatureVerifier } from './core/cosignature.ts';
import { encodeBase64 } from './core/base64.ts';
import { parseSignerKey, type NoteSigner } from './core/note.ts';
import { signHubRequest } from './core/request-signature.ts';
import { Poller } from './poller.ts';
import { storeConsistencyProof } from './proofs.ts';
import type { LedgerStore } from './store/port.ts';
import { noteHashOf, type CosignatureStore } from './witness-store.ts';

export interface WitnessClientOptions {
  ledger: LedgerStore;
  cosignatures: CosignatureStore;
  /** The hub's base URL (ZHILI_HUB_URL). */
  hubUrl: string;
  /** The hub witness's pinned cosignature/v1 verifier key (ZHILI_HUB_KEY). */
  hubKey: string;
  /** This platform's id at the hub and its request signing key (ZHILI_HUB_PLATFORM_ID, ZHILI_HUB_PLATFORM_KEY). */
  platformId: string;
  platformKey: string;
  clock: Clock;
  /** Unguessable request nonces (base64url, ≥ 16 characters). */
  nonce: () => string;
  pushMs?: number;
  onError?: (e: unknown) => void;
}

export type PushResult = { cosigned: number } | { unchanged: true } | { none: true };

/** The hub answered something other than a cosignature or a size conflict. */
export class WitnessRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`the supervision hub refused the checkpoint: HTTP ${status} ${body.slice(0, 300)}`);
    this.name = 'WitnessRefusedError';
  }
}

export class WitnessClient {
  private readonly hub: CosignatureVerifier;
  private readonly signer: NoteSigner;
  private readonly base: string;
  private readonly poller: Poller;
  private hubSize: number | undefined;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: WitnessClientOptions) {
    const hub = parseCosignerVerifierKey(o.hubKey);
    if (!hub.ok) throw new Error(`ZHILI_HUB_KEY is not a witness verifier key: ${hub.reason}`);
    const signer = parseSignerKey(o.platformKey.trim());
    if (!signer.ok) throw new Error(`ZHILI_HUB_PLATFORM_KEY is not a signer key: ${signer.reason}`);
    this.hub = hub.verifier;
    this.signer = signer.signer;
    this.base = o.hubUrl.replace(/\/+$/, '');
    this.poller = new Poller(() => this.tick(), o.pushMs ?? 2000);
  }

  get witnessName(): string {
    return this.hub.name;
  }

  /** Pushes the latest checkpoint unless the hub already cosigned it; one push at a time. */
  sync(): Promise<PushResult> {
    const run = this.chain.then(
      () => this.push(),
      () => this.push(),
    );
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async push(): Promise<PushResult> {
    const cp = await this.o.ledger.latestCheckpoint();
    if (!cp) return { none: true };
    if (await this.o.cosignatures.get(noteHashOf(cp.note), this.hub.name)) return { unchanged: true };
    let old = this.hubSize ?? (await this.o.cosignatures.latest(this.hub.name))?.size ?? 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      const proof = old === 0 || old >= cp.size ? [] : await storeConsistencyProof(this.o.ledger, old, cp.size);
      const body = `old ${old}\n${proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${cp.note}`;
      const res = await this.post('/v1/hub/witness/add-checkpoint', body);
      const text = await res.text();
      if (res.status === 409 && /^(0|[1-9][0-9]*)\n$/.test(text) && attempt === 0) {
        // The hub knows another size (first push, or state lost here): go again from its size.
        old = Number(text.trim());
        this.hubSize = old;
        continue;
      }
      if (res.status !== 200) throw new WitnessRefusedError(res.status, text);
      const line = text.split('\n').find((l) => verifyCosignature(`${cp.note}${l}\n`, this.hub).ok);
      if (line === undefined)
        throw new Error('the supervision hub answered without a valid cosignature by the pinned key');
      await this.o.cosignatures.put({
        noteHash: noteHashOf(cp.note),
        size: cp.size,
        witness: this.hub.name,
        line: `${line}\n`,
        at: this.o.clock.now(),
      });
      this.hubSize = cp.size;
      return { cosigned: cp.size };
    }
    throw new WitnessRefusedError(409, 'size conflict persisted');
  }

  private post(path: string, body: string): Promise<Response> {
    const authorization = signHubRequest(this.o.platformId, this.signer.privateKey, {
      method: 'POST',
      path,
      timestamp: Math.floor(this.o.clock.now() / 1000),
      nonce: this.o.nonce(),
      body,
    });
    return fetch(this.base + path, {
      method: 'POST',
      headers: { authorization, 'content-type': 'text/plain; charset=utf-8' },
      body,
    });
  }

  /** The note with the hub's cosignature appended, when the hub cosigned exactly this note. */
  async cosigned(note: string): Promise<string> {
    const c = await this.o.cosignatures.get(noteHashOf(note), this.hub.name);
    return c ? `${note}${c.line}` : note;
  }

  start(): void {
    this.poller.start();
  }

  /** Stops pushing and closes the cosignature table's connection. */
  async stop(): Promise<void> {
    await this.poller.stop();
    await this.chain;
    await this.o.cosignatures.close();
  }

  private async tick(): Promise<void> {
    try {
      await this.sync();
    } catch (e) {
      (this.o.onError ?? ((x: unknown) => console.error('hub witness:', x)))(e);
    }
  }
}
