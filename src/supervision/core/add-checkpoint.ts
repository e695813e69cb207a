/**
 * The body of a C2SP tlog-witness add-checkpoint request (https://c2sp.org/tlog-witness):
 *
 *   old <size>\n<base64 proof hash>\n…(at most 63)\n\n<signed checkpoint note>
 */
import { decodeBase64, encodeBase64, HASH_SIZE } from '../../ledger/index.ts';

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  note: string;
}

export const MAX_PROOF_LINES = 63;

export function formatAddCheckpoint(oldSize: number, proof: readonly Uint8Array[], note: string): string {
  return `old ${oldSize}\n${proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${note}`;
}

export function parseAddCheckpoint(
  body: string,
): { ok: true; request: AddCheckpointRequest } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false, reason: `malformed add-checkpoint body: ${reason}` }) as const;
  const end = body.indexOf('\n\n');
  if (end < 0) return fail('no empty line before the checkpoint');
  const [first = '', ...hashes] = body.slice(0, end).split('\n');
  const m = /^old (0|[1-9][0-9]{0,15})$/.exec(first);
  if (!m) return fail('the first line must be "old <size>"');
  const oldSize = Number(m[1]);
  if (!Number.isSafeInteger(oldSize)) return fail('old size too large');
  if (hashes.length > MAX_PROOF_LINES) return fail(`more than ${MAX_PROOF_LINES} proof lines`);
  const proof: Uint8Array[] = [];
  for (const line of hashes) {
    const h = decodeBase64(line);
    if (h?.length !== HASH_SIZE) return fail('a proof line is not a base64 SHA-256 hash');
    proof.push(h);
  }
  if (oldSize === 0 && proof.length > 0) return fail('the proof must be empty when the old size is 0');
  return { ok: true, request: { oldSize, proof, note: body.slice(end + 2) } };
}
