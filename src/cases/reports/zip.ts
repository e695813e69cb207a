import { promisify } from 'node:util';
import { crc32, deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/** DOS date/time of 1980-01-01 00:00: fixed, so the same files give the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** One file deflated once, ready to be placed in any number of candidate archives. */
export interface PackedEntry {
  readonly name: Buffer;
  readonly packed: Buffer;
  readonly crc: number;
  readonly size: number;
}

const deflateAsync = promisify(deflateRaw);

/** Deflates one file on libuv's thread pool: a package of many large reports does not block the server. */
export async function packEntry(e: ZipEntry): Promise<PackedEntry> {
  const data = Buffer.from(e.data);
  return {
    name: Buffer.from(e.name, 'utf8'),
    packed: await deflateAsync(data, { level: 9 }),
    crc: crc32(data),
    size: data.length,
  };
}

function packEntrySync(e: ZipEntry): PackedEntry {
  const data = Buffer.from(e.data);
  return {
    name: Buffer.from(e.name, 'utf8'),
    packed: deflateRawSync(data, { level: 9 }),
    crc: crc32(data),
    size: data.length,
  };
}

/** Bytes one entry adds to an archive: local header, name and data, and its central-directory record. */
export const entryBytes = (e: PackedEntry): number => 30 + 46 + 2 * e.name.length + e.packed.length;
/** Bytes of the archive's end record. */
export const ZIP_END_BYTES = 22;

/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3: local headers, deflate, central directory, no ZIP64):
 * enough for report packages of a few MB. Names are stored as UTF-8 (general purpose flag bit 11).
 */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  return assembleZip(entries.map(packEntrySync));
}

/** The archive of files already deflated (its size is ZIP_END_BYTES plus each entry's entryBytes). */
export function assembleZip(entries: readonly PackedEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, packed, crc, size } of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, packed);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt16LE(DOS_TIME, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + packed.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(ZIP_END_BYTES);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, ...central, end]));
}

/** Reads back what writeZip writes (via the central directory), checking each CRC. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const b = Buffer.from(bytes);
  const endAt = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('not a ZIP file');
  const count = b.readUInt16LE(endAt + 10);
  let p = b.readUInt32LE(endAt + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (b.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const csize = b.readUInt32LE(p + 20);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const localAt = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataAt = localAt + 30 + b.readUInt16LE(localAt + 26) + b.readUInt16LE(localAt + 28);
    const raw = b.subarray(dataAt, dataAt + csize);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    if (crc32(data) !== crc) throw new Error(`CRC mismatch in ${name}`);
    out.push({ name, data: new Uint8Array(data) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
