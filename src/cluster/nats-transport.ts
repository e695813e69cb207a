import type { NatsConnection, Subscription } from 'nats';
import type { Transport } from './port.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** No subscriber, or none in time: a handover or a dead node, answered as 'unavailable' without noise. */
const expected = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && (e.code === '503' || e.code === 'TIMEOUT');
/** Anything else still answers 'unavailable' (fail closed: 503, never a decision here), but is reported. */
const report = (e: unknown, what: string): void =>
  process.emitWarning(new Error(`cluster transport: ${what}`, { cause: e }));

/**
 * NATS core request–reply. Each subject is served in one queue group, so a request reaches one
 * subscriber even while two nodes briefly both serve a partition during a handover (the fence then
 * decides). No subscriber answers at once ("no responders"); a silent one times out. Both are
 * 'unavailable'.
 */
export function natsTransport(nc: NatsConnection): Transport {
  return {
    async request(subject, payload, timeoutMs) {
      try {
        const m = await nc.request(subject, enc.encode(JSON.stringify(payload)), { timeout: timeoutMs });
        return JSON.parse(dec.decode(m.data)) as unknown;
      } catch (e) {
        if (!expected(e)) report(e, `request on ${subject} failed`);
        return 'unavailable';
      }
    },
    serve(subject, handler) {
      const sub: Subscription = nc.subscribe(subject, {
        queue: 'owner',
        callback: (err, m) => {
          if (err) return;
          let payload: unknown;
          try {
            payload = JSON.parse(dec.decode(m.data));
          } catch {
            return; // not ours: the requester times out
          }
          handler(payload).then(
            (answer) => m.respond(enc.encode(JSON.stringify(answer))),
            // No answer: the requester times out and answers 503; the failure is reported here.
            (e: unknown) => report(e, `handler for ${subject} failed`),
          );
        },
      });
      return { stop: () => sub.unsubscribe() };
    },
    async close() {
      await nc.drain();
    },
  };
}
