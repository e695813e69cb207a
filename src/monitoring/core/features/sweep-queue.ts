/**
 * The keys of one group's histories in the order the sweep visits them, round and round (a Map
 * iterator kept across calls would pin the map's old hash tables, and every history in them, after
 * each rehash).
 */
export class SweepQueue {
  private keys: string[] = [];
  private head = 0;

  static of(keys: readonly string[]): SweepQueue {
    const q = new SweepQueue();
    q.keys = [...keys];
    return q;
  }

  /** The keys still to visit, in order. */
  pending(): string[] {
    return this.keys.slice(this.head);
  }

  push(key: string): void {
    this.keys.push(key);
  }

  shift(): string | undefined {
    if (this.head >= this.keys.length) return undefined;
    const key = this.keys[this.head++];
    if (this.head > 1024 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.head = 0;
    }
    return key;
  }
}
