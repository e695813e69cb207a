import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDoc } from '../../src/runtime/config-doc.ts';
import { ConfigError, loadConfig } from '../../src/runtime/index.ts';

const root = join(import.meta.dirname, '../..');

describe('configuration', () => {
  it('is documented in docs/configuration.md exactly as the schema has it (npm run docs:config)', () => {
    expect(readFileSync(join(root, 'docs/configuration.md'), 'utf8')).toBe(configDoc());
  });

  it('names the variable of a bad value, and accepts the defaults with an empty environment', () => {
    expect(() => loadConfig({}, { ZHILI_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({}, { ZHILI_PORT: 'eighty' })).toThrow(/^ZHILI_PORT: /);
    expect(() => loadConfig({}, { ZHILI_PORT: '70000' })).toThrow(/ZHILI_PORT/);
    expect(() => loadConfig({}, { ZHILI_DATABASE_URL: 'mysql://x' })).toThrow(/ZHILI_DATABASE_URL/);
    expect(loadConfig({}, {}).port).toBe(8080);
    expect(loadConfig({ port: 0 }, { ZHILI_PORT: '9000' }).port).toBe(0);
  });
});
