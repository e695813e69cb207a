/** The portal's cookies: read from the request header, written as Set-Cookie (no cookie plugin needed). */
import type { FastifyReply, FastifyRequest } from 'fastify';

export function cookieOf(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/**
 * Over https here or at a proxy in front. The forwarded header is believed without a trusted-proxy list
 * because it can only add `Secure`: a client lying about it only keeps its own cookie off plain http.
 */
const overHttps = (req: FastifyRequest): boolean =>
  req.protocol === 'https' ||
  String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]!
    .trim()
    .toLowerCase() === 'https';

/**
 * HttpOnly, SameSite=Strict (no other site's page can send it, so a form posted from elsewhere carries
 * no session), Secure when the request came over https, for the portal's paths only.
 */
export function setCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  const attrs = [`${name}=${value}`, 'Path=/portal/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
  if (overHttps(req)) attrs.push('Secure');
  const had = reply.getHeader('set-cookie');
  const list = had === undefined ? [] : Array.isArray(had) ? had.map(String) : [String(had)];
  void reply.header('set-cookie', [...list, attrs.join('; ')]);
}

export const clearCookie = (req: FastifyRequest, reply: FastifyReply, name: string): void =>
  setCookie(req, reply, name, '', 0);
