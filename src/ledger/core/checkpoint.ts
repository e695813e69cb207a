/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): a signed note whose text is
 *   <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n…]
 */
import { HASH_SIZE } from './hash.ts';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { signNote, verifyNote } from './note.ts';
import type { NoteSignature, NoteSigner, NoteVerifier } from './note.ts';

export interface Checkpoint {
  /** Unique identity of the log, e.g. `zhili.example/audit`. */
  readonly origin: string;
  /** Number of leaves (this implementation supports sizes up to 2^53 − 1). */
  readonly size: number;
  /** RFC 6962 root hash at `size`. */
  readonly rootHash: Uint8Array;
  /** Opaque non-empty extension lines (NOT RECOMMENDED by the spec). */
  readonly extensions?: readonly string[];
}

export type CheckpointResult = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string };

const CONTROL = /[\u0000-\u001f]/;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

function lineProblem(line: string, what: string): string | undefined {
  if (line.length === 0) return `${what} is empty`;
  if (CONTROL.test(line)) return `${what} contains a control character`;
  return undefined;
}

/** The checkpoint's note text. Throws TypeError when a field cannot be written unambiguously. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  const problem =
    lineProblem(origin, 'origin') ??
    (!Number.isSafeInteger(size) || size < 0 ? 'size must be a non-negative safe integer' : undefined) ??
    (!(rootHash instanceof Uint8Array) || rootHash.length !== HASH_SIZE
      ? `root hash must be ${HASH_SIZE} bytes`
      : undefined) ??
    extensions.map((line, i) => lineProblem(line, `extension line ${i}`)).find((p) => p !== undefined);
  if (problem !== undefined) throw new TypeError(`invalid checkpoint: ${problem}`);
  return [origin, String(size), encodeBase64(rootHash), ...extensions].join('\n') + '\n';
}

/**
 * Strictly parses a checkpoint note text (not the signed note: see openCheckpoint). Rejects a missing
 * final newline, empty lines, control characters, a size with a sign, leading zeros or above
 * 2^53 − 1, and a root hash that is not canonical base64 of 32 bytes.
 */
export function parseCheckpoint(text: string): CheckpointResult {
  const fail = (reason: string): CheckpointResult => ({ ok: false, reason: `malformed checkpoint: ${reason}` });
  if (typeof text !== 'string') return fail('not a string');
  if (!text.endsWith('\n')) return fail('must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return fail('needs origin, size and root hash lines');
  const [origin = '', sizeText = '', rootText = '', ...extensions] = lines;
  for (const [i, line] of lines.entries()) {
    const problem = lineProblem(line, `line ${i + 1}`);
    if (problem !== undefined) return fail(problem);
  }
  if (!DECIMAL.test(sizeText)) return fail('tree size must be decimal digits without leading zeros');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return fail('tree size above 2^53 − 1 is not supported');
  const rootHash = decodeBase64(rootText);
  if (rootHash === undefined) return fail('root hash is not canonical base64');
  if (rootHash.length !== HASH_SIZE) return fail(`root hash must be ${HASH_SIZE} bytes`);
  return { ok: true, checkpoint: { origin, size, rootHash, extensions } };
}

/** Formats and signs a checkpoint: the signed note text. */
export function signCheckpoint(checkpoint: Checkpoint, signers: NoteSigner | readonly NoteSigner[]): string {
  return signNote(formatCheckpoint(checkpoint), signers);
}

export type OpenedCheckpoint =
  | { ok: true; checkpoint: Checkpoint; verified: NoteSignature[]; unverified: NoteSignature[] }
  | { ok: false; reason: string; unverified: NoteSignature[] };

/**
 * Verifies a signed checkpoint note against trusted keys, then parses its text. When `origin` is
 * given the checkpoint must carry exactly that origin. Never throws.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  origin?: string,
): OpenedCheckpoint {
  const opened = verifyNote(note, verifiers);
  if (!opened.ok) return opened;
  const parsed = parseCheckpoint(opened.text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, unverified: opened.unverified };
  if (origin !== undefined && parsed.checkpoint.origin !== origin) {
    return {
      ok: false,
      reason: `unexpected origin ${JSON.stringify(parsed.checkpoint.origin)}`,
      unverified: opened.unverified,
    };
  }
  return { ok: true, checkpoint: parsed.checkpoint, verified: opened.verified, unverified: opened.unverified };
}
