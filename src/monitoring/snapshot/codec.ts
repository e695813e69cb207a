import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Type } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { canonicalJson, sha256Hex } from '../../kernel/index.ts';
import type { WindowSnapshotRecord } from '../../store/index.ts';
import { StateDumpSchema, type StateDump } from '../core/features/state-dump.ts';
import type { CompiledRuleSet } from '../core/rules/compiled.ts';

/** Bumped whenever the body's layout or the meaning of a dump changes: older snapshots are then ignored. */
export const SNAPSHOT_FORMAT = 1;

/** A stored snapshot that must not be used; the reason is logged and the windows come from the full log. */
export class SnapshotRejected extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SnapshotRejected';
  }
}

/**
 * Everything besides the log that the windows of a rule set depend on: its features, time zone and
 * test-currency opt-in (how events normalise) and the FX table (the "usd" values). A snapshot taken
 * under another of any of them is not used.
 */
export function featuresHash(ruleSet: CompiledRuleSet, fxFingerprint: string): string {
  return sha256Hex(
    canonicalJson({
      format: SNAPSHOT_FORMAT,
      features: ruleSet.spec.features ?? [],
      timeZone: ruleSet.timeZone,
      acceptTestCurrency: ruleSet.acceptTestCurrency,
      fx: fxFingerprint,
    }),
  );
}

/** The key that seals snapshot bodies, derived from the master key every node shares. */
export function snapshotKey(master: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'zhili window snapshot v1', 32));
}

const Body = Type.Object(
  {
    tenantId: Type.String(),
    ruleSetVersion: Type.String(),
    featuresHash: Type.String(),
    position: Type.Integer({ minimum: 0 }),
    state: StateDumpSchema,
  },
  { additionalProperties: false },
);
const checkBody = TypeCompiler.Compile(Body);

export type SnapshotHead = Omit<WindowSnapshotRecord, 'body' | 'format'>;

/** The facts a sealed body is bound to: a body moved to another row (tenant, version, position) fails to open. */
const aad = (h: Pick<SnapshotHead, 'tenantId' | 'ruleSetVersion' | 'featuresHash' | 'position'>): Buffer =>
  Buffer.from(canonicalJson([SNAPSHOT_FORMAT, h.tenantId, h.ruleSetVersion, h.featuresHash, h.position]));

/**
 * The record to store: the dump as JSON, gzip, then AES-256-GCM under `key` (entity keys are account
 * numbers and device addresses: personal data, encrypted at rest like the events they come from).
 */
export function encodeSnapshot(head: SnapshotHead, state: StateDump, key: Buffer | undefined): WindowSnapshotRecord {
  const json = JSON.stringify({
    tenantId: head.tenantId,
    ruleSetVersion: head.ruleSetVersion,
    featuresHash: head.featuresHash,
    position: head.position,
    state,
  });
  const packed = gzipSync(json, { level: 1 });
  let body: Uint8Array = packed;
  if (key) {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(aad(head));
    const sealed = Buffer.concat([c.update(packed), c.final()]);
    body = Buffer.concat([Buffer.from([1]), iv, c.getAuthTag(), sealed]);
  } else body = Buffer.concat([Buffer.from([0]), packed]);
  return { ...head, format: SNAPSHOT_FORMAT, body };
}

/**
 * The windows of a stored snapshot, if it is the one wanted: same format, tenant, version and features
 * hash, sealed under this key, and a body that matches its schema. Throws SnapshotRejected saying why.
 */
export function decodeSnapshot(
  r: WindowSnapshotRecord,
  want: { tenantId: string; ruleSetVersion: string; featuresHash: string },
  key: Buffer | undefined,
): StateDump {
  if (r.format !== SNAPSHOT_FORMAT)
    throw new SnapshotRejected(`format ${r.format}, this version reads ${SNAPSHOT_FORMAT}`);
  if (r.tenantId !== want.tenantId || r.ruleSetVersion !== want.ruleSetVersion)
    throw new SnapshotRejected(`taken for ${r.tenantId} ${r.ruleSetVersion}`);
  if (r.featuresHash !== want.featuresHash)
    throw new SnapshotRejected('features, time zone or FX table changed since it was taken');
  const b = Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength);
  let packed: Buffer;
  try {
    if (b[0] === 1) {
      if (!key) throw new SnapshotRejected('sealed, and no key to open it');
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(1, 13));
      d.setAAD(aad(r));
      d.setAuthTag(b.subarray(13, 29));
      packed = Buffer.concat([d.update(b.subarray(29)), d.final()]);
    } else if (b[0] === 0) {
      if (key) throw new SnapshotRejected('not sealed, where snapshots are sealed');
      packed = b.subarray(1);
    } else throw new SnapshotRejected('unknown body kind');
  } catch (e) {
    if (e instanceof SnapshotRejected) throw e;
    throw new SnapshotRejected('body does not open (corrupt, or sealed under another key)', { cause: e });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(gunzipSync(packed).toString('utf8'));
  } catch (e) {
    throw new SnapshotRejected('body is not gzip JSON', { cause: e });
  }
  if (!checkBody.Check(parsed)) {
    const first = checkBody.Errors(parsed).First();
    throw new SnapshotRejected(`body does not match its schema at ${first?.path ?? '/'}: ${first?.message ?? ''}`);
  }
  if (
    parsed.tenantId !== r.tenantId ||
    parsed.ruleSetVersion !== r.ruleSetVersion ||
    parsed.featuresHash !== r.featuresHash ||
    parsed.position !== r.position
  )
    throw new SnapshotRejected('body belongs to another row');
  return parsed.state;
}
