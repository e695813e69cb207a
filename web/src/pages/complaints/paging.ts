// Lists the register APIs page by id (`after` the last id seen): read every page, up to a cap, so a
// queue is not silently cut at the first page. `capped` says when the cap was reached.

export async function allPages<T extends { id: string }>(
  page: (after: string | undefined) => Promise<T[]>,
  pageSize: number,
  cap: number,
): Promise<{ items: T[]; capped: boolean }> {
  const items: T[] = [];
  let after: string | undefined;
  for (;;) {
    const got = await page(after);
    items.push(...got);
    if (got.length < pageSize) return { items, capped: false };
    if (items.length >= cap) return { items, capped: true };
    after = got.at(-1)?.id;
  }
}
