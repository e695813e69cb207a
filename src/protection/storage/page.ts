/** A page of a register by id, filtered by state: how complaints and the rights registers are listed. */
export interface StatePage {
  state?: string | undefined;
  after?: string | undefined;
  limit: number;
}

/**
 * The WHERE clause and parameters of a page: `scope` (column = value) first, then the state and the
 * id to start after; the limit is the last parameter, for `ORDER BY id LIMIT ?`.
 */
export function statePage(scope: Record<string, unknown>, q: StatePage): { where: string; params: unknown[] } {
  const where = Object.keys(scope).map((c) => `${c} = ?`);
  const params = Object.values(scope);
  if (q.state) {
    where.push('state = ?');
    params.push(q.state);
  }
  if (q.after) {
    where.push('id > ?');
    params.push(q.after);
  }
  params.push(q.limit);
  return { where: where.join(' AND '), params };
}
