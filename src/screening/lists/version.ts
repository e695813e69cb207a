/** A list version: what was loaded, when, with the sha256 of the source files, so a result can name the data it used. */
import { sha256Hex } from '../../kernel/index.ts';
import type { ListEntry } from '../core/types.ts';

export const listSources = ['ofac-sdn', 'un-sc', 'generic'] as const;
export type ListSource = (typeof listSources)[number];

export interface ListVersion {
  listId: string;
  source: ListSource;
  /** `${listId}@${first 12 hex of contentHash}`. */
  version: string;
  contentHash: string;
  loadedAt: number;
  loadMs: number;
  counts: {
    entries: number;
    persons: number;
    organisations: number;
    vessels: number;
    aircraft: number;
    names: number;
    weakAliases: number;
    idDocuments: number;
  };
}

export interface LoadedList {
  version: ListVersion;
  entries: ListEntry[];
}

/** Hashes the raw source files in a fixed order, each length-prefixed so that file boundaries count. */
export function contentHash(parts: readonly string[]): string {
  return sha256Hex(parts.map((p) => `${Buffer.byteLength(p)}:${p}`).join('\n'));
}

export function makeVersion(
  listId: string,
  source: ListSource,
  parts: readonly string[],
  entries: readonly ListEntry[],
  loadedAt: number,
  loadMs: number,
): ListVersion {
  const hash = contentHash(parts);
  const count = (k: ListEntry['kind']) => entries.filter((e) => e.kind === k).length;
  return {
    listId,
    source,
    version: `${listId}@${hash.slice(0, 12)}`,
    contentHash: hash,
    loadedAt,
    loadMs: Math.round(loadMs * 10) / 10,
    counts: {
      entries: entries.length,
      persons: count('person'),
      organisations: count('organisation'),
      vessels: count('vessel'),
      aircraft: count('aircraft'),
      names: entries.reduce((n, e) => n + e.names.length, 0),
      weakAliases: entries.reduce((n, e) => n + e.names.filter((x) => x.weak).length, 0),
      idDocuments: entries.reduce((n, e) => n + e.ids.length, 0),
    },
  };
}
