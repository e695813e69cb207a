import { createRequire } from 'node:module';
import type { ClassificationTable } from './core/classification.ts';

/** The shipped table (data/classification-jrt0250.json); a tenant-specific table may replace it. */
export function shippedClassification(): ClassificationTable {
  return createRequire(import.meta.url)('./data/classification-jrt0250.json') as ClassificationTable;
}
