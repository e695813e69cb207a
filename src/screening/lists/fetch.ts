/**
 * `zhili lists fetch`: download the official list files, check them (parse, entry counts against a
 * floor and against the stored version, content hash) and store them as new list versions. Nothing is
 * stored unless every requested list passed.
 */
import { ZhiliError } from '../../kernel/index.ts';
import { listFileNames, parseListFiles } from './files.ts';
import type { ListStore } from './store.ts';
import type { ListVersion } from './version.ts';

export interface ListSources {
  /** Where sdn.csv, add.csv, alt.csv and sdn_comments.csv are published (a directory URL). */
  ofacBaseUrl: string;
  /** The UN Security Council consolidated list (XML). */
  unUrl: string;
}

export const officialListSources: ListSources = {
  ofacBaseUrl: 'https://www.treasury.gov/ofac/downloads/',
  unUrl: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
};

export type FetchProgress =
  | { kind: 'download'; listId: string; file: string; url: string; bytes: number; total: number | undefined }
  | { kind: 'downloaded'; listId: string; file: string; bytes: number }
  | { kind: 'checked'; listId: string; version: ListVersion; changed: boolean };

export interface FetchResult {
  listId: string;
  version: ListVersion;
  /** False when the stored current version already had this content. */
  changed: boolean;
  origin: string;
}

/** A list below this many entries is a broken download, not a list. */
export const minEntries: Record<'ofac-sdn' | 'un-sc', number> = { 'ofac-sdn': 1000, 'un-sc': 100 };

function failed(message: string, messageZh: string, cause?: unknown): ZhiliError {
  return new ZhiliError('ZHILI_E_LIST_FETCH', { message, messageZh, ...(cause === undefined ? {} : { cause }) });
}

const ATTEMPTS = 3;

/** Downloads one file; a dropped connection or a 5xx is tried again (a reused connection can be reset). */
async function download(
  url: string,
  onChunk: (bytes: number, total: number | undefined) => void,
  fetchImpl: typeof fetch,
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await downloadOnce(url, onChunk, fetchImpl);
    } catch (e) {
      // Network errors arrive raw; an HTTP answer arrives as a ZhiliError.
      const retriable = !(e instanceof ZhiliError) || /HTTP 5\d\d/u.test(e.message);
      if (!retriable || attempt >= ATTEMPTS)
        throw e instanceof ZhiliError
          ? e
          : failed(`Cannot download ${url}: ${String(e)}`, `无法下载 ${url}：${String(e)}`, e);
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

async function downloadOnce(
  url: string,
  onChunk: (bytes: number, total: number | undefined) => void,
  fetchImpl: typeof fetch,
): Promise<string> {
  const res = await fetchImpl(url, { redirect: 'follow', signal: AbortSignal.timeout(120_000) });
  if (!res.ok || !res.body) throw failed(`${url} answered HTTP ${res.status}`, `${url} 返回 HTTP ${res.status}`);
  const len = Number(res.headers.get('content-length'));
  const total = Number.isFinite(len) && len > 0 ? len : undefined;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    bytes += chunk.byteLength;
    onChunk(bytes, total);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function fetchLists(o: {
  store: ListStore;
  sources: ListSources;
  only?: readonly ('ofac-sdn' | 'un-sc')[];
  /** Accept a list that shrank to under half of the stored version's entries. */
  allowShrink?: boolean;
  actor: string;
  now: () => number;
  progress?: (p: FetchProgress) => void;
  fetchImpl?: typeof fetch;
}): Promise<FetchResult[]> {
  const wanted = o.only?.length ? o.only : (['ofac-sdn', 'un-sc'] as const);
  const current = new Map((await o.store.current()).map((v) => [v.listId, v]));
  const checked: { listId: string; source: 'ofac-sdn' | 'un-sc'; files: Record<string, string>; r: FetchResult }[] = [];
  for (const source of wanted) {
    const listId = source;
    const urls: Record<string, string> =
      source === 'ofac-sdn'
        ? Object.fromEntries(
            listFileNames['ofac-sdn'].map((f) => [f, new URL(f, withSlash(o.sources.ofacBaseUrl)).href]),
          )
        : { 'consolidated.xml': o.sources.unUrl };
    const files: Record<string, string> = {};
    for (const [file, url] of Object.entries(urls)) {
      files[file] = await download(
        url,
        (bytes, total) => o.progress?.({ kind: 'download', listId, file, url, bytes, total }),
        o.fetchImpl ?? fetch,
      );
      o.progress?.({ kind: 'downloaded', listId, file, bytes: Buffer.byteLength(files[file] ?? '') });
    }
    let version: ListVersion;
    try {
      version = parseListFiles(source, listId, files, o.now()).version;
    } catch (e) {
      throw failed(
        `${listId}: the downloaded files do not parse (${e instanceof Error ? e.message : String(e)})`,
        `${listId}：下载的文件无法解析（${e instanceof Error ? e.message : String(e)}）`,
        e,
      );
    }
    const n = version.counts.entries;
    if (n < minEntries[source])
      throw failed(
        `${listId}: only ${n} entries (at least ${minEntries[source]} expected); not stored`,
        `${listId}：仅 ${n} 个条目（应至少 ${minEntries[source]} 个），未保存`,
      );
    const before = current.get(listId);
    if (before && !o.allowShrink && n < before.entries / 2)
      throw failed(
        `${listId}: ${n} entries against ${before.entries} in the stored version; not stored (use --allow-shrink if this is right)`,
        `${listId}：条目数 ${n}，已保存版本为 ${before.entries}，疑似下载不完整，未保存（确认无误可加 --allow-shrink）`,
      );
    const changed = before?.contentHash !== version.contentHash;
    o.progress?.({ kind: 'checked', listId, version, changed });
    checked.push({ listId, source, files, r: { listId, version, changed, origin: Object.values(urls).join(' ') } });
  }
  for (const c of checked) {
    if (!c.r.changed) continue;
    await o.store.put({
      listId: c.listId,
      source: c.source,
      contentHash: c.r.version.contentHash,
      files: c.files,
      entries: c.r.version.counts.entries,
      origin: c.r.origin,
      storedAt: o.now(),
      storedBy: o.actor,
    });
  }
  return checked.map((c) => c.r);
}

const withSlash = (u: string): string => (u.endsWith('/') ? u : `${u}/`);
