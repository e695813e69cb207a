import type { NormalizedEvent } from '../normalize.ts';
import type { EntityLog } from './entity-log.ts';

/** The histories one entity has in the groups kept under the same entity key, by position. */
type Row = (EntityLog | undefined)[];

/** What the index needs of a feature group: how to read its entity and which key that is. */
export interface IndexedGroup {
  readonly head: { readonly entity: (e: NormalizedEvent) => string | undefined; readonly entityKey?: string };
}

/**
 * Per entity key (debtor.partyId, device.id, …), per entity, its history in every feature group kept
 * under that key: one hash lookup per entity key and event instead of one per group. On a large tenant
 * each lookup in a big map is a few cache misses; with about 25 groups over 5 entity keys that was most
 * of a decision's time.
 *
 * It only mirrors the groups' own maps, which stay the authority (snapshots, eviction, metrics read
 * them): each group's map is a `LogMap` that reports every set and delete here, so the two never
 * disagree whoever writes to the map.
 */
export class EntityIndex {
  /** Per group, the entity key it is kept under (an index into `maps`) and its position in a row. */
  private readonly kinds = new Map<string, number>();
  private readonly kindOf: number[] = [];
  private readonly posOf: number[] = [];
  private readonly readers: ((e: NormalizedEvent) => string | undefined)[] = [];
  private readonly widths: number[] = [];
  private readonly maps: Map<string, Row>[] = [];
  /** For the event last resolved: per entity key, the entity and its row. */
  private readonly keys: (string | undefined)[] = [];
  private readonly rows: (Row | undefined)[] = [];

  /**
   * Registers the next group (groups are numbered in the order they are added) and returns the map of
   * its histories, which keeps this index up to date.
   */
  add(head: IndexedGroup['head']): LogMap {
    const g = this.kindOf.length;
    // A feature without a named entity key (built by hand) is indexed on its own.
    const name = head.entityKey ?? `#${g}`;
    let k = this.kinds.get(name);
    if (k === undefined) {
      this.kinds.set(name, (k = this.kinds.size));
      this.readers.push(head.entity);
      this.widths.push(0);
      this.maps.push(new Map());
      this.keys.push(undefined);
      this.rows.push(undefined);
    }
    this.kindOf.push(k);
    this.posOf.push(this.widths[k] ?? 0);
    this.widths[k] = (this.widths[k] ?? 0) + 1;
    return new LogMap(this, g);
  }

  /** Reads the event's entities and finds their rows: one lookup per entity key. */
  resolve(e: NormalizedEvent): void {
    for (let k = 0; k < this.readers.length; k++) {
      const key = (this.readers[k] as (e: NormalizedEvent) => string | undefined)(e);
      this.keys[k] = key;
      this.rows[k] = key === undefined ? undefined : this.maps[k]?.get(key);
    }
  }

  /** The entity of group `g` in the event last resolved. */
  key(g: number): string | undefined {
    return this.keys[this.kindOf[g] ?? 0];
  }

  /** The history of that entity in group `g`, if it has one. */
  log(g: number): EntityLog | undefined {
    return this.rows[this.kindOf[g] ?? 0]?.[this.posOf[g] ?? 0];
  }

  put(g: number, key: string, log: EntityLog): void {
    const k = this.kindOf[g] ?? 0;
    const map = this.maps[k] as Map<string, Row>;
    let row = map.get(key);
    if (!row) {
      row = new Array<EntityLog | undefined>(this.widths[k] ?? 1).fill(undefined);
      map.set(key, row);
    }
    row[this.posOf[g] ?? 0] = log;
    if (this.keys[k] === key) this.rows[k] = row;
  }

  drop(g: number, key: string): void {
    const k = this.kindOf[g] ?? 0;
    const map = this.maps[k] as Map<string, Row>;
    const row = map.get(key);
    if (!row) return;
    row[this.posOf[g] ?? 0] = undefined;
    if (row.some((l) => l !== undefined)) return;
    map.delete(key);
    if (this.keys[k] === key) this.rows[k] = undefined;
  }
}

/** A group's histories by entity: a Map that tells the index of every change. */
export class LogMap extends Map<string, EntityLog> {
  constructor(
    private readonly index: EntityIndex,
    private readonly group: number,
  ) {
    super();
  }

  override set(key: string, log: EntityLog): this {
    super.set(key, log);
    this.index.put(this.group, key, log);
    return this;
  }

  override delete(key: string): boolean {
    const had = super.delete(key);
    if (had) this.index.drop(this.group, key);
    return had;
  }

  override clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
  }
}
