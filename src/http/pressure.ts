import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { refuseEarly, type AdmissionDoor } from '../monitoring/index.ts';

/** Past this many times the limit the node itself is past its limit: every API request is refused. */
const HARD_LAG_FACTOR = 4;
/** Resolution of the loop-delay histogram, ms (as @fastify/under-pressure samples it). */
const RESOLUTION = 10;

/**
 * Event-loop lag, sampled once per `intervalMs`: the mean delay of a 10 ms timer over the interval (what
 * @fastify/under-pressure measures), or how late the sampler itself ran when that is more — a loop
 * blocked for the whole interval records no delay at all, which under-pressure can only call infinite.
 * The lag reported is the lesser of the last two samples: one stall (a start-up compile, a long GC) is
 * not overload, a loop that stays behind is.
 */
function lagSampler(intervalMs: number): { lag: () => number; stop: () => void } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION });
  histogram.enable();
  let lag = 0;
  let previous = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - intervalMs;
    last = now;
    const mean = histogram.count > 0 ? histogram.mean / 1e6 - RESOLUTION : 0;
    const sample = Math.max(0, mean, late);
    lag = Math.min(previous, sample);
    previous = sample;
    histogram.reset();
  }, intervalMs);
  timer.unref();
  return {
    lag: () => lag,
    stop: () => {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

/**
 * The last line of back-pressure: when the event loop itself lags (a burst the admission limits did not
 * catch, a long synchronous job), API requests of the tenants holding more than their fair share of the
 * events in flight are refused with 429/503 and Retry-After before any work, while a quieter tenant is
 * still let in — unless the lag is past four times the limit, when every API request gets 503. Health,
 * metrics and the console's static files are always answered so that operators can see why. 0 turns it
 * off. The decision is ours rather than @fastify/under-pressure's, since it must tell tenants apart.
 */
export function eventLoopPressure(
  app: FastifyInstance,
  o: {
    maxEventLoopDelayMs: number;
    door?: AdmissionDoor;
    /** Each shed request: `hard` past four times the limit (everyone refused), else by the tenant's share. */
    onShed?: (rule: 'hard' | 'share', tenantId: string) => void;
  },
): void {
  if (o.maxEventLoopDelayMs <= 0) return;
  const soft = o.maxEventLoopDelayMs;
  const hard = HARD_LAG_FACTOR * soft;
  // One sample per limit's length: the first comes a full limit after start, not during warm-up.
  const sampler = lagSampler(Math.max(RESOLUTION, soft));
  app.addHook('onClose', (_app, done) => {
    sampler.stop();
    done();
  });
  app.addHook('onRequest', (req, reply, done) => {
    const lag = sampler.lag();
    if (lag <= soft || !req.url.startsWith('/v1/')) return done();
    const tenantId = o.door ? o.door.tenantHint(req) : '';
    const verdict = o.door ? o.door.admission.underLag(tenantId, lag, hard) : 'node';
    if (verdict === 'ok') return done();
    o.onShed?.(lag > hard ? 'hard' : 'share', tenantId);
    refuseEarly(req, reply, verdict);
  });
}
