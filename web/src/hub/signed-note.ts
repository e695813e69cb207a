/**
 * Reads a C2SP signed-note checkpoint (origin, tree size, root hash, then "— name base64(keyhash‖sig)"
 * lines) for display. Display only: the console does not verify it — `zhili ledger verify` and
 * `zhili hub ledger-verify` do.
 */
export interface SignedNoteView {
  origin: string;
  size: number;
  rootHash: string;
  /** Each signature's key name and key hash (8 hex digits, as in the verifier key `name+hash+key`). */
  signatures: { name: string; keyHash: string }[];
}

export function parseSignedNote(text: string): SignedNoteView | undefined {
  const split = text.indexOf('\n\n');
  if (split < 0) return undefined;
  const [origin, size, rootHash] = text.slice(0, split).split('\n');
  if (!origin || !size || !/^\d+$/.test(size) || !rootHash) return undefined;
  const signatures = text
    .slice(split + 2)
    .split('\n')
    .flatMap((line) => {
      const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      if (!m) return [];
      let raw: string;
      try {
        raw = atob(m[2]!);
      } catch {
        return [];
      }
      if (raw.length < 4) return [];
      const keyHash = [...raw.slice(0, 4)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
      return [{ name: m[1]!, keyHash }];
    });
  return { origin, size: Number(size), rootHash, signatures };
}
