import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'put'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Operator = Json<'/v1/users', 'get'>['users'][number];
export type Grant = Json<'/v1/role-grants', 'get'>['grants'][number];
export type ApiKey = Json<'/v1/api-keys', 'get'>['keys'][number];
export type ListVersion = Json<'/v1/screening/lists', 'get'>[number];
export const allRoles = ['admin', 'analyst', 'approver', 'auditor'] as const;
export type RoleName = (typeof allRoles)[number];

/** Runs an administration call: the server's message (in the console's language) on failure, a refresh after. */
export function useAdminAction() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return async <T>(call: () => Promise<T>, done?: (r: T) => string | undefined): Promise<T | undefined> => {
    try {
      const r = await call();
      const text = done?.(r);
      if (text) void message.success(text);
      await qc.invalidateQueries({ queryKey: ['admin'] });
      return r;
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
      return undefined;
    }
  };
}
