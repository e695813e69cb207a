import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Splits one CSV line (RFC 4180 quoting, no embedded newlines) into fields. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/** How far a streamed file has been read, for progress bars. */
export interface ReadProgress {
  bytesRead: number;
  readonly bytesTotal: number;
}

/**
 * Streams a CSV file with a header row, one record at a time (constant memory). Each record maps
 * header names to fields; blank lines are skipped. `progress` is updated as chunks are read.
 */
export async function* csvRecords(
  file: string,
  progress?: ReadProgress,
): AsyncGenerator<{ row: Record<string, string>; line: number }> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  if (progress) stream.on('data', (chunk) => (progress.bytesRead += Buffer.byteLength(chunk)));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let header: string[] | undefined;
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line);
    if (!header) {
      header = fields.map((h) => h.trim());
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) row[header[i] ?? ''] = (fields[i] ?? '').trim();
    yield { row, line: n };
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
