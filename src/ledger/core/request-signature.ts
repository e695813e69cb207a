/**
 * Signed requests from a platform to the supervision hub. The platform holds an Ed25519 key whose
 * verifier key the hub registered; every request carries
 *
 *   Authorization: Zhili-Hub-Signature keyId="<platform id>",ts="<unix s>",nonce="<base64url>",sig="<base64>"
 *
 * where sig is Ed25519 over `zhili-hub-request/v1\n<METHOD>\n<path and query>\n<ts>\n<nonce>\n<hex
 * SHA-256 of the body>\n`. The hub accepts a timestamp within its replay window and each nonce once.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { decodeBase64, encodeBase64 } from './base64.ts';

export const HUB_AUTH_SCHEME = 'Zhili-Hub-Signature';

export interface HubRequestParts {
  method: string;
  path: string;
  timestamp: number;
  nonce: string;
  body: string | Uint8Array;
}

export interface HubAuthorization {
  keyId: string;
  timestamp: number;
  nonce: string;
  signature: Uint8Array;
}

const bodyHash = (body: string | Uint8Array): string => createHash('sha256').update(body).digest('hex');

export function hubSigningText(p: HubRequestParts): string {
  return `zhili-hub-request/v1\n${p.method.toUpperCase()}\n${p.path}\n${p.timestamp}\n${p.nonce}\n${bodyHash(p.body)}\n`;
}

/** The Authorization header value for one request. */
export function signHubRequest(keyId: string, privateKey: KeyObject, p: HubRequestParts): string {
  const sig = sign(null, Buffer.from(hubSigningText(p), 'utf8'), privateKey);
  return `${HUB_AUTH_SCHEME} keyId="${keyId}",ts="${p.timestamp}",nonce="${p.nonce}",sig="${encodeBase64(sig)}"`;
}

const FIELD = /^([a-zA-Z]+)="([^"]*)"$/;

/** Parses the header; undefined when it is not a well-formed hub signature. */
export function parseHubAuthorization(header: string | undefined): HubAuthorization | undefined {
  if (!header?.startsWith(`${HUB_AUTH_SCHEME} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(HUB_AUTH_SCHEME.length + 1).split(',')) {
    const m = FIELD.exec(part.trim());
    if (!m || fields.has(m[1] as string)) return undefined;
    fields.set(m[1] as string, m[2] as string);
  }
  const keyId = fields.get('keyId');
  const ts = fields.get('ts');
  const nonce = fields.get('nonce');
  const signature = decodeBase64(fields.get('sig') ?? '');
  if (!keyId || !/^[A-Za-z0-9_.-]{1,128}$/.test(keyId)) return undefined;
  if (!ts || !/^(0|[1-9][0-9]{0,15})$/.test(ts)) return undefined;
  if (!nonce || !/^[A-Za-z0-9_-]{16,128}$/.test(nonce)) return undefined;
  if (signature?.length !== 64) return undefined;
  return { keyId, timestamp: Number(ts), nonce, signature };
}

export function verifyHubRequest(
  auth: HubAuthorization,
  publicKey: KeyObject,
  req: Omit<HubRequestParts, 'timestamp' | 'nonce'>,
): boolean {
  const text = hubSigningText({ ...req, timestamp: auth.timestamp, nonce: auth.nonce });
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, auth.signature);
  } catch {
    return false;
  }
}
