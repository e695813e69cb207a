import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, ok } from '../../api/client.ts';
import type { ProfessionalCommandId } from './suitability-commands.ts';

/** Takes a professional-investor step for a customer and refreshes what shows it. */
export function useProfessional() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const act = async (customerId: string, id: ProfessionalCommandId, basis?: string): Promise<boolean> => {
    setBusy(true);
    try {
      const body = id === 'propose' ? { action: id, basis: basis ?? '' } : { action: id };
      ok(await api.POST('/v1/suitability/customers/{id}/professional', { params: { path: { id: customerId } }, body }));
      void message.success(t('suitability.done', { action: t(`suitability.cmd.${id}`) }));
      await qc.invalidateQueries({ queryKey: ['suitability'] });
      return true;
    } catch (e) {
      void message.error(e instanceof ApiError ? e.localized(i18n.language) : t('common.networkError'));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { act, busy };
}
