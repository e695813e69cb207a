/**
 * A scalable Bloom filter: "definitely not seen" answers are exact, "maybe seen" answers are wrong
 * at most ~1% of the time per layer. Each full layer is followed by a larger one, so memory grows
 * with the number of keys and the false-positive rate stays bounded.
 */
export class ScalableBloom {
  private readonly layers: { bits: Uint32Array; mask: number; capacity: number; count: number }[] = [];

  constructor(private readonly initialCapacity = 1 << 20) {
    this.grow();
  }

  private grow(): void {
    const capacity = this.initialCapacity * 2 ** this.layers.length;
    // ~9.6 bits per key and 7 probes give ~1% false positives at capacity.
    const nbits = 2 ** Math.ceil(Math.log2(capacity * 9.6));
    this.layers.push({ bits: new Uint32Array(nbits / 32), mask: nbits - 1, capacity, count: 0 });
  }

  add(key: string): void {
    const [h1, h2] = bloomHashes(key);
    this.addHashed(h1, h2);
  }

  /** add() with the key's two hashes already computed (one key asked of several filters). */
  addHashed(h1: number, h2: number): void {
    let top = this.layers[this.layers.length - 1];
    if (!top || top.count >= top.capacity) {
      this.grow();
      top = this.layers[this.layers.length - 1];
    }
    if (!top) return;
    for (let i = 0; i < 7; i++) {
      const bit = (h1 + i * h2) & top.mask;
      top.bits[bit >>> 5] = (top.bits[bit >>> 5] ?? 0) | (1 << (bit & 31));
    }
    top.count++;
  }

  mightContain(key: string): boolean {
    const [h1, h2] = bloomHashes(key);
    return this.mightContainHashed(h1, h2);
  }

  mightContainHashed(h1: number, h2: number): boolean {
    for (const layer of this.layers) {
      let all = true;
      for (let i = 0; i < 7 && all; i++) {
        const bit = (h1 + i * h2) & layer.mask;
        all = ((layer.bits[bit >>> 5] ?? 0) & (1 << (bit & 31))) !== 0;
      }
      if (all) return true;
    }
    return false;
  }
}

/** Two independent 32-bit hashes (FNV-1a and a multiplicative variant) for double hashing. */
export function bloomHashes(s: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b >>> 0) | 1];
}
