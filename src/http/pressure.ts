import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { ZhiliError } from '../kernel/index.ts';

/**
 * The last line of back-pressure: when the event loop itself lags (a burst the in-flight limits did
 * not catch, a long synchronous job), API requests are refused with 503 and Retry-After before any
 * work, while health, metrics and the console's static files are still answered so that operators
 * can see why. 0 turns it off.
 */
export async function eventLoopPressure(
  app: FastifyInstance,
  o: { maxEventLoopDelayMs: number; onShed?: () => void },
): Promise<void> {
  if (o.maxEventLoopDelayMs <= 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: o.maxEventLoopDelayMs,
    // One sample per limit's length: a sample without a single tick of the loop (which under-pressure
    // reads as an infinite delay) then means the loop really was blocked for the limit, and the first
    // sample comes a full limit after start, not while the server is still warming up.
    sampleInterval: Math.max(10, o.maxEventLoopDelayMs),
    pressureHandler: async (req, reply, type, value) => {
      if (!req.url.startsWith('/v1/')) return;
      o.onShed?.();
      const error = new ZhiliError('ZHILI_E_OVERLOADED', {
        retryAfterSeconds: 1,
        message: `event loop ${type} ${Math.round(value ?? 0)} ms over the limit of ${o.maxEventLoopDelayMs} ms`,
      });
      // Sent here: the request's lifecycle stops at a sent reply.
      await reply.code(error.status).header('retry-after', '1').send(error.toJSON());
    },
  });
}
