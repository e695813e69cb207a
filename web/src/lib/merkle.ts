// RFC 6962 / RFC 9162 Merkle proofs verified in the browser with Web Crypto (SHA-256). Pure apart from
// crypto.subtle; no server code is trusted for the check.

const sha256 = async (bytes: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));

async function node(l: Uint8Array, r: Uint8Array): Promise<Uint8Array> {
  const b = new Uint8Array(1 + l.length + r.length);
  b[0] = 1;
  b.set(l, 1);
  b.set(r, 1 + l.length);
  return sha256(b);
}

export const fromBase64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
export const toBase64 = (b: Uint8Array): string => btoa(String.fromCharCode(...b));
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** RFC 9162 §2.1.3.2: does `proof` take the leaf hash at `index` to `root` in a tree of `size` leaves? */
export async function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await node(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else r = await node(r, p);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 && equal(r, root);
}

/** RFC 9162 §2.1.4.2: is the tree (size1, root1) a prefix of (size2, root2)? */
export async function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: Uint8Array[],
): Promise<boolean> {
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && equal(root1, root2);
  if (size1 === 0) return proof.length === 0;
  const path = [...proof];
  if ((size1 & (size1 - 1)) === 0) path.unshift(root1);
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) [fn, sn] = [fn >> 1, sn >> 1];
  const [first, ...rest] = path;
  if (!first) return false;
  let fr = first;
  let sr = first;
  for (const c of rest) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = await node(c, fr);
      sr = await node(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else sr = await node(sr, c);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 && equal(fr, root1) && equal(sr, root2);
}

/** The body of a C2SP tlog-checkpoint signed note: origin, tree size, root hash. */
export function parseCheckpoint(note: string): { origin: string; size: number; root: Uint8Array } | undefined {
  const [origin, size, root] = note.split('\n');
  if (!origin || !size || !root || !/^\d+$/.test(size)) return undefined;
  return { origin, size: Number(size), root: fromBase64(root) };
}
