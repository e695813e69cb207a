/**
 * What the request log may not hold: personal data. Pino's `redact` censors the fields that carry
 * names, ID numbers, phones, cards, addresses and the like wherever a log line might hold a body,
 * an event or a party; credentials in headers too. URLs are logged with every query value masked,
 * since lookups (`GET /v1/parties?idNumber=…`) carry ID numbers there.
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

/** Objects under which those keys appear in what we log (bodies, events, parties and their sides). */
const HOLDERS = ['body', 'req.body', 'event', 'party', 'payload', 'attributes'];
const SIDES = ['debtor', 'creditor', 'customer', 'counterparty', 'beneficiary', 'owner', 'attributes'];

const bracket = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`);

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...PERSONAL_KEYS.map((k) => `*${bracket(k)}`),
  ...HOLDERS.flatMap((h) => [
    ...PERSONAL_KEYS.map((k) => `${h}${bracket(k)}`),
    ...SIDES.flatMap((s) => PERSONAL_KEYS.map((k) => `${h}.${s}${bracket(k)}`)),
  ]),
];

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
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
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
