/** The hub's cosignatures of this ledger's checkpoints, kept beside the ledger (one table, both dialects). */
import { createHash } from 'node:crypto';
import { rowOf, type SqlDriver } from '../store/index.ts';

export interface StoredCosignature {
  /** SHA-256 hex of the checkpoint note as signed by the ledger (without the cosignature). */
  noteHash: string;
  size: number;
  witness: string;
  /** The cosignature line, ending in a newline. */
  line: string;
  at: number;
}

export interface CosignatureStore {
  migrate(): Promise<void>;
  put(c: StoredCosignature): Promise<void>;
  get(noteHash: string, witness: string): Promise<StoredCosignature | undefined>;
  /** The largest tree the witness cosigned. */
  latest(witness: string): Promise<StoredCosignature | undefined>;
  close(): Promise<void>;
}

export const noteHashOf = (note: string): string => createHash('sha256').update(note, 'utf8').digest('hex');

export function sqlCosignatureStore(db: SqlDriver): CosignatureStore {
  const big = db.dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const of = (row: Record<string, unknown>): StoredCosignature => {
    const r = rowOf(row, 'ledger_cosignatures');
    return {
      noteHash: r.str('note_hash'),
      size: r.int('size'),
      witness: r.str('witness'),
      line: r.str('line'),
      at: r.int('at'),
    };
  };
  return {
    migrate: () =>
      db.exec(`CREATE TABLE IF NOT EXISTS ledger_cosignatures (note_hash TEXT NOT NULL, witness TEXT NOT NULL,
        size ${big} NOT NULL, line TEXT NOT NULL, at ${big} NOT NULL, PRIMARY KEY (note_hash, witness));`),
    async put(c) {
      await db.run(
        `INSERT INTO ledger_cosignatures (note_hash, witness, size, line, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (note_hash, witness) DO UPDATE SET line = excluded.line, at = excluded.at`,
        [c.noteHash, c.witness, c.size, c.line, c.at],
      );
    },
    async get(noteHash, witness) {
      const [row] = await db.all('SELECT * FROM ledger_cosignatures WHERE note_hash = ? AND witness = ?', [
        noteHash,
        witness,
      ]);
      return row && of(row);
    },
    async latest(witness) {
      const [row] = await db.all(
        'SELECT * FROM ledger_cosignatures WHERE witness = ? ORDER BY size DESC, at DESC LIMIT 1',
        [witness],
      );
      return row && of(row);
    },
    close: () => db.close(),
  };
}
