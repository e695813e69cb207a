// Regenerates docs/configuration.md from the configuration schema: `npm run docs:config`.
import { writeFileSync } from 'node:fs';
import { configDoc } from '../src/runtime/config-doc.ts';

writeFileSync(new URL('../docs/configuration.md', import.meta.url), configDoc());
