/**
 * Platform authentication at the hub: every platform request is signed with the platform's request
 * key (see ledger/core/request-signature.ts). Checked here: the key, the signature over method, path,
 * time, nonce and body hash, the replay window, and each nonce once. An exited platform is refused
 * (ZHILI_E_PLATFORM_EXITED): every platform request to the hub is a push (checkpoints, filings, loans).
 */
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { ZhiliError, type Clock } from '../kernel/index.ts';
import { parseHubAuthorization, parseVerifierKey, verifyHubRequest } from '../ledger/index.ts';
import type { HubStore, PlatformRecord } from './store/port.ts';

const rawBodies = new WeakMap<FastifyRequest, string>();
const callers = new WeakMap<FastifyRequest, PlatformRecord>();

/** JSON and text bodies are parsed as usual, and their exact bytes kept for the signature check. */
export function keepRawBodies(app: FastifyInstance): void {
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    rawBodies.set(req, String(body));
    void json(req, String(body), done);
  });
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (req, body, done) => {
    rawBodies.set(req, String(body));
    done(null, String(body));
  });
}

export const rawBodyOf = (req: FastifyRequest): string => rawBodies.get(req) ?? '';

/** The platform whose signed request this is (after platformAuth ran). */
export function platformOf(req: FastifyRequest): PlatformRecord {
  const p = callers.get(req);
  if (!p) throw new ZhiliError('ZHILI_E_HUB_SIGNATURE');
  return p;
}

export interface PlatformAuthOptions {
  store: HubStore;
  clock: Clock;
  /** Largest accepted difference between the request's time and the hub's, in seconds. */
  windowSeconds?: number;
}

/** The platform whose signed request `req` is; throws ZHILI_E_HUB_SIGNATURE otherwise. */
export function platformAuthenticator(o: PlatformAuthOptions): (req: FastifyRequest) => Promise<PlatformRecord> {
  const window = o.windowSeconds ?? 300;
  return async (req) => {
    const refuse = (why: string, whyZh: string): never => {
      throw new ZhiliError('ZHILI_E_HUB_SIGNATURE', {
        message: `Platform request refused: ${why}.`,
        messageZh: `平台请求被拒绝：${whyZh}。`,
      });
    };
    const auth = parseHubAuthorization(req.headers.authorization);
    if (!auth)
      return refuse('no valid Zhili-Hub-Signature authorization header', '缺少有效的 Zhili-Hub-Signature 授权头');
    const platform = await o.store.platform(auth.keyId);
    const key = platform ? parseVerifierKey(platform.requestKey) : undefined;
    if (!platform || !key?.ok) return refuse('unknown platform key', '平台密钥未登记');
    const good = verifyHubRequest(auth, key.verifier.publicKey, {
      method: req.method,
      path: req.url,
      body: rawBodyOf(req),
    });
    if (!good) return refuse('bad signature', '签名无效');
    const now = o.clock.now();
    if (Math.abs(now / 1000 - auth.timestamp) > window)
      return refuse('timestamp outside the replay window', '时间戳超出重放时间窗');
    if (!(await o.store.useNonce(auth.keyId, auth.nonce, (auth.timestamp + window) * 1000 + 1000, now)))
      return refuse('nonce already used (replay)', '随机数已被使用（重放）');
    // Checked only after the signature, so that nobody but the platform learns its status this way.
    // Every other status may still push: a winding-down platform must, for its exit plan to close.
    if (platform.status === 'exited') throw new ZhiliError('ZHILI_E_PLATFORM_EXITED');
    return platform;
  };
}

/** preHandler: the request must be signed by a registered platform (then `platformOf(req)`). */
export function platformAuth(o: PlatformAuthOptions): preHandlerAsyncHookHandler {
  const authenticate = platformAuthenticator(o);
  return async (req) => {
    callers.set(req, await authenticate(req));
  };
}
