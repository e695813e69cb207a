// Code-table labels in the console's language (the table is the tenant's: GET /v1/complaints/classification).
import type { Classification } from './types.ts';

export function labeller(table: Classification | undefined, lang: string) {
  const zh = !lang.startsWith('en');
  const find = (list: Classification['categories'] | undefined, code: string) => {
    const x = list?.find((l) => l.code === code);
    return x ? `${code} ${zh ? x.zh : x.en}` : code;
  };
  return {
    category: (code: string) => find(table?.categories, code),
    cause: (code: string) => find(table?.causes, code),
  };
}
