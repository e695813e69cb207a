import { unzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assembleZip, entryBytes, packEntry, readZip, writeZip, ZIP_END_BYTES } from './zip.ts';

const files = Array.from({ length: 12 }, (_, i) => ({
  name: `NBHZHILI00000000${i}-20261130-0000000${i}.XML 报告`,
  data: Buffer.from(`<report n="${i}">${'交易'.repeat(500 + i * 37)}</report>`, 'utf8'),
}));

describe('zip', () => {
  it("a package's size is known from its entries, without packing it again", async () => {
    const packed = await Promise.all(files.map(packEntry));
    for (let n = 0; n <= files.length; n++) {
      const bytes = assembleZip(packed.slice(0, n));
      expect(bytes.length).toBe(packed.slice(0, n).reduce((s, e) => s + entryBytes(e), ZIP_END_BYTES));
    }
  });

  it('files deflated off the main thread give the same archive as the one-shot writer, and read back', async () => {
    const packed = await Promise.all(files.map(packEntry));
    const bytes = assembleZip(packed);
    expect(Buffer.from(bytes).equals(Buffer.from(writeZip(files)))).toBe(true);
    const back = readZip(bytes);
    expect(back.map((e) => e.name)).toEqual(files.map((f) => f.name));
    back.forEach((e, i) => expect(Buffer.from(e.data).equals(files[i]!.data)).toBe(true));
    // Not a gzip stream: unzipSync must refuse it, so a reader cannot confuse the two.
    expect(() => unzipSync(bytes)).toThrow();
  });
});
