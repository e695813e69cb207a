import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hubApi, ok } from '../api/hub-client.ts';
import { useHubSession } from './hub-info.ts';

/** Supervisors' names for ids a record carries ("you" for the signed-in one; the id until it loads). */
export function useSupervisorNames(ids: readonly string[]): (id: string | null) => string {
  const { t } = useTranslation();
  const me = useHubSession().supervisor;
  const qs = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['hub', 'supervisor', id],
      queryFn: async () => ok(await hubApi.GET('/v1/hub/supervisors/{id}', { params: { path: { id } } })),
      staleTime: Infinity,
    })),
  });
  const names = new Map<string, string>();
  qs.forEach((q, i) => {
    const id = ids[i];
    if (id && q.data) names.set(id, q.data.username);
  });
  return (id) => {
    if (id === null) return '—';
    const name = names.get(id) ?? id;
    return id === me.id ? `${name} (${t('hub.common.you')})` : name;
  };
}
