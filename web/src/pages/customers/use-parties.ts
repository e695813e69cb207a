import { useInfiniteQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client.ts';

export const PAGE = 100;

/** The tenant's parties, masked, in pages of 100 by id; `fetchNextPage` asks for the next after the last id. */
export const useParties = () =>
  useInfiniteQuery({
    queryKey: ['parties', 'pages'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      ok(
        await api.GET('/v1/parties:list', {
          params: { query: { limit: String(PAGE), ...(pageParam ? { after: pageParam } : {}) } },
        }),
      ).parties,
    getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)?.id : undefined),
  });
