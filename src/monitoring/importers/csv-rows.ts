import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

/** How far a streamed file has been read, for progress bars. */
export interface ReadProgress {
  bytesRead: number;
  readonly bytesTotal: number;
}

/**
 * Streams a CSV file with a header row, one record at a time (constant memory), through csv-parse:
 * RFC 4180 quoting, quoted commas and newlines, a leading BOM. Each record maps header names to
 * trimmed fields; blank lines are skipped; `line` is the line the record starts on. `progress` is
 * updated as chunks are read.
 */
export async function* csvRecords(
  file: string,
  progress?: ReadProgress,
): AsyncGenerator<{ row: Record<string, string>; line: number }> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  if (progress) stream.on('data', (chunk) => (progress.bytesRead += chunk.length));
  const parser = stream.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((h) => h.trim()),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }),
  );
  stream.on('error', (e) => parser.destroy(e));
  type Parsed = { record: Record<string, string>; info: { lines: number } };
  for await (const rec of parser as AsyncIterable<Parsed>) {
    // info.lines is the line the record ends on: step back over the newlines quoted inside it.
    let inner = 0;
    for (const v of Object.values(rec.record))
      for (let i = v.indexOf('\n'); i >= 0; i = v.indexOf('\n', i + 1)) inner++;
    yield { row: rec.record, line: rec.info.lines - inner };
  }
}

/** Streams the non-blank lines of a text file (JSON Lines). */
export async function* textLines(
  file: string,
  progress?: ReadProgress,
): AsyncGenerator<{ text: string; line: number }> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  if (progress) stream.on('data', (chunk) => (progress.bytesRead += Buffer.byteLength(chunk)));
  let n = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    n++;
    if (text.trim() !== '') yield { text, line: n };
  }
}

export function readProgress(files: readonly string[]): ReadProgress {
  return { bytesRead: 0, bytesTotal: files.reduce((s, f) => s + statSync(f).size, 0) };
}
