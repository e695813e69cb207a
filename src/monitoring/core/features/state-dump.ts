import { Type, type Static } from '@sinclair/typebox';

/**
 * The window state of one FeatureState as plain data, for window snapshots (src/monitoring/snapshot).
 * It is exact — every entry the windows hold, each history's first sighting, the idle sweep's queue —
 * so a state restored from it behaves as the one it was taken from for every later event, late ones
 * included. It holds no more than the windows do: their own pruning (each group's horizon, the idle
 * sweep) already bounds it to the longest window.
 */
const EntryLog = Type.Object(
  {
    /** The entity (or, in a reverse map, the payee) the history belongs to. */
    key: Type.String(),
    firstSeen: Type.Number(),
    lastSeen: Type.Number(),
    /** Four numbers per entry: time, local day, value, running sum (see entity-log.ts). */
    d: Type.Array(Type.Number()),
    /** Per entry, the key it counts (null: none); absent when no entry carries one. */
    keys: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Null()]))),
  },
  { additionalProperties: false },
);

const HeldMap = Type.Object(
  {
    logs: Type.Array(EntryLog),
    /** The idle sweep's queue of keys, in visiting order. */
    sweep: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export const StateDumpSchema = Type.Object(
  {
    /** Latest event time recorded; null before the first. */
    latest: Type.Union([Type.Number(), Type.Null()]),
    groups: Type.Array(
      Type.Object(
        {
          /** The id of the group's head feature: a dump only loads into a state of the same features. */
          head: Type.String(),
          logs: HeldMap,
          reverse: Type.Optional(HeldMap),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type StateDump = Static<typeof StateDumpSchema>;
export type LogDump = Static<typeof EntryLog>;
export type HeldMapDump = Static<typeof HeldMap>;

/** A dump that does not fit the state it is loaded into, or breaks a log's invariants. */
export class StateDumpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateDumpError';
  }
}
