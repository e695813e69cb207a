// Pure: a party record's data as rows of path → text, in the record's own order, for a plain table.
export function flatten(value: unknown, path = ''): { path: string; value: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => flatten(v, `${path}[${i + 1}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => flatten(v, path ? `${path}.${k}` : k));
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '—' : JSON.stringify(value);
  return [{ path, value: text }];
}

/** The top-level field of a path (`names[1].full` → `names`), for its translated label. */
export const fieldOf = (path: string): string => /^[A-Za-z]+/.exec(path)?.[0] ?? path;
