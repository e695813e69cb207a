/**
 * What the request log may not hold: personal data. Every log line is walked once and the fields
 * that carry names, ID numbers, phones, cards, addresses and the like are censored wherever they are
 * (a body, an event, a party, free attributes); pino's `redact` censors credentials in headers. URLs
 * are logged with every query value masked, since lookups (`GET /v1/parties?idNumber=…`) carry ID
 * numbers there.
 */
import type { FastifyServerOptions } from 'fastify';

/** Keys whose value is personal data (JR/T 0171 C2/C3) in events, parties and report payloads. */
export const PERSONAL_KEYS = [
  'name',
  'names',
  'fullName',
  'localName',
  'latinName',
  'firstName',
  'lastName',
  'accountName',
  'idNumber',
  'idNumbers',
  'idDocs',
  'idDocuments',
  'nationalId',
  'passportNumber',
  'taxId',
  'phone',
  'phones',
  'mobile',
  'email',
  'cardNumber',
  'cards',
  'bankCards',
  'address',
  'addresses',
  'dateOfBirth',
  'birthDate',
  'narrative',
  'password',
] as const;

const PERSONAL = new Set<string>(PERSONAL_KEYS);
export const CENSOR = '[redacted]';
/** Logged objects that have serializers of their own (and are not plain data): never walked. */
const SERIALIZED = new Set(['req', 'res', 'err', 'error']);

/** Credentials in headers: exact paths for pino's redact. */
export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/**
 * The value with every personal key's value censored, at any depth (to 8 levels), copying only the
 * objects on the way to a censored value (the logged object is the live request body: never mutated).
 * One walk per log line: pino's redact with wildcard paths for the same keys (88 of them, or 1,376
 * exact ones) measured 10–40 times slower per line (bench/log-redaction.ts).
 */
export function censorPersonal(v: unknown, depth = 0): unknown {
  if (v === null || typeof v !== 'object' || depth > 8 || ArrayBuffer.isView(v) || v instanceof Error) return v;
  if (Array.isArray(v)) {
    const list = v as unknown[];
    let copy: unknown[] | undefined;
    list.forEach((x, i) => {
      const y = censorPersonal(x, depth + 1);
      if (y !== x) (copy ??= [...list])[i] = y;
    });
    return copy ?? v;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return v;
  let copy: Record<string, unknown> | undefined;
  for (const [k, x] of Object.entries(v)) {
    if (depth === 0 && SERIALIZED.has(k)) continue;
    const y = PERSONAL.has(k) ? CENSOR : censorPersonal(x, depth + 1);
    if (y !== x) (copy ??= { ...(v as Record<string, unknown>) })[k] = y;
  }
  return copy ?? v;
}

/** The URL with every query value replaced by `*` (keys stay: they say what kind of lookup it was). */
export function maskQuery(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const masked = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? pair : `${pair.slice(0, eq)}=*`;
    })
    .join('&');
  return `${url.slice(0, q)}?${masked}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  routeOptions?: { url?: string | undefined };
  ip?: string;
}

/** Fastify's logger options: info level, personal data redacted, query values masked. */
export function loggerOptions(): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return {
    level: 'info',
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    formatters: { log: (o: Record<string, unknown>) => censorPersonal(o) as Record<string, unknown> },
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: maskQuery(req.url),
        ...(req.routeOptions?.url ? { route: req.routeOptions.url } : {}),
        ...(req.ip ? { remoteAddress: req.ip } : {}),
      }),
    },
  };
}
