import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZhiliError } from '../kernel/index.ts';

/** Fastify's own error codes, mapped onto the catalogue so clients see one vocabulary. */
const fastifyCodes: Record<string, ConstructorParameters<typeof ZhiliError>[0]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'ZHILI_E_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ZHILI_E_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ZHILI_E_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ZHILI_E_BAD_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'ZHILI_E_BAD_JSON',
  FST_ERR_VALIDATION: 'ZHILI_E_VALIDATION',
};

export function toZhiliError(e: unknown): ZhiliError {
  if (e instanceof ZhiliError) return e;
  const fe = e as Partial<FastifyError> & { validation?: { instancePath?: string; message?: string }[] };
  const mapped = fe.code ? fastifyCodes[fe.code] : undefined;
  if (mapped) return new ZhiliError(mapped, { pointer: '', cause: e });
  if (e instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message ?? ''))) {
    return new ZhiliError('ZHILI_E_BAD_JSON', { pointer: '', cause: e });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.statusCode === 413) return new ZhiliError('ZHILI_E_BODY_TOO_LARGE', { cause: e });
    if (fe.statusCode === 415) return new ZhiliError('ZHILI_E_UNSUPPORTED_MEDIA_TYPE', { cause: e });
    if (fe.statusCode === 404) return new ZhiliError('ZHILI_E_NOT_FOUND', { cause: e });
    return new ZhiliError('ZHILI_E_VALIDATION', { pointer: '', message: fe.message ?? undefined, cause: e });
  }
  return new ZhiliError('ZHILI_E_INTERNAL', { cause: e });
}

export function errorHandler(e: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const z = toZhiliError(e);
  if (z.status >= 500 && z.code !== 'ZHILI_E_OVERLOADED') req.log.error({ err: e }, 'request failed');
  if (z.retryAfterSeconds !== undefined) void reply.header('retry-after', String(z.retryAfterSeconds));
  return reply.code(z.status).header('content-type', 'application/json; charset=utf-8').send(z.toJSON());
}
