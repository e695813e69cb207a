/**
 * The witness's judgement of one add-checkpoint request against the platform's registered ledger keys
 * and the last checkpoint the hub accepted for it — pure, so every answer (and every alert) can be
 * replayed. Which outcomes raise an alert is decided here too.
 */
import {
  decodeBase64,
  encodeBase64,
  noteText,
  openCheckpoint,
  parseCheckpoint,
  verifyConsistency,
  type Checkpoint,
  type NoteVerifier,
} from '../../ledger/index.ts';
import type { AddCheckpointRequest } from './add-checkpoint.ts';

/** The latest checkpoint the hub cosigned for a platform. */
export interface AcceptedCheckpoint {
  size: number;
  /** base64 root hash */
  rootHash: string;
  note: string;
}

export type AlertKind = 'inconsistent' | 'unknown_key';

export type WitnessOutcome =
  | { kind: 'cosign'; checkpoint: Checkpoint; text: string }
  | { kind: 'bad_request'; reason: string; alert?: AlertKind }
  | { kind: 'unknown_key'; reason: string; alert: 'unknown_key' }
  | { kind: 'size_mismatch'; latestSize: number }
  | { kind: 'conflict'; reason: string; latestSize: number; alert: 'inconsistent' }
  | { kind: 'bad_proof'; reason: string; alert: 'inconsistent' };

/** The origin line of a note's checkpoint, before any signature is checked (to find the log). */
export function originOf(note: string): string | undefined {
  const text = noteText(note);
  if (text === undefined) return undefined;
  const parsed = parseCheckpoint(text);
  return parsed.ok ? parsed.checkpoint.origin : undefined;
}

export function judgeCheckpoint(
  req: AddCheckpointRequest,
  keys: readonly NoteVerifier[],
  origin: string,
  latest: AcceptedCheckpoint | undefined,
): WitnessOutcome {
  const opened = openCheckpoint(req.note, keys, origin);
  if (!opened.ok) {
    if (opened.reason === 'note has no verifiable signatures')
      return {
        kind: 'unknown_key',
        reason: 'the checkpoint is not signed by a registered ledger key',
        alert: 'unknown_key',
      };
    return { kind: 'bad_request', reason: opened.reason };
  }
  const cp = opened.checkpoint;
  const latestSize = latest?.size ?? 0;
  if (req.oldSize > cp.size) {
    // A signed tree smaller than one already cosigned: the log went back.
    const shrank = latest !== undefined && cp.size < latest.size;
    return {
      kind: 'bad_request',
      reason: `old size ${req.oldSize} is above the checkpoint size ${cp.size}`,
      ...(shrank ? { alert: 'inconsistent' as const } : {}),
    };
  }
  if (req.oldSize !== latestSize) return { kind: 'size_mismatch', latestSize };
  const text = noteText(req.note) as string;
  if (!latest || latest.size === 0) return { kind: 'cosign', checkpoint: cp, text };
  const oldRoot = decodeBase64(latest.rootHash) as Uint8Array;
  if (cp.size === latest.size) {
    if (encodeBase64(cp.rootHash) === latest.rootHash) return { kind: 'cosign', checkpoint: cp, text };
    return {
      kind: 'conflict',
      reason: `two different roots for tree size ${cp.size}`,
      latestSize,
      alert: 'inconsistent',
    };
  }
  const v = verifyConsistency(latest.size, cp.size, req.proof, oldRoot, cp.rootHash);
  if (!v.ok)
    return {
      kind: 'bad_proof',
      reason: `not an extension of the accepted checkpoint of size ${latest.size}: ${v.reason}`,
      alert: 'inconsistent',
    };
  return { kind: 'cosign', checkpoint: cp, text };
}
