import { useId, useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, hubApi, ok, type HubAlert } from '../api/hub-client.ts';
import { useHubSession } from './hub-info.ts';
import { useHubFormat } from './use-hub-format.ts';

type Verb = 'acknowledge' | 'resolve' | 'confirm-resolution' | 'reject-resolution';

const paths = {
  acknowledge: '/v1/hub/alerts/{id}/acknowledge',
  resolve: '/v1/hub/alerts/{id}/resolve',
  'confirm-resolution': '/v1/hub/alerts/{id}/confirm-resolution',
  'reject-resolution': '/v1/hub/alerts/{id}/reject-resolution',
} as const;

/** The one step the alert's state allows now (none once it is closed). */
const nextStep = (a: HubAlert): Verb | undefined =>
  a.state === 'open'
    ? 'acknowledge'
    : a.state === 'acknowledged'
      ? 'resolve'
      : a.state === 'resolving'
        ? 'confirm-resolution'
        : undefined;

/**
 * Who handled the alert and the next step on it, taken with a note in a dialog. The proposer of a
 * four-eyes resolution sees the confirm button disabled, described by the reason.
 */
export function AlertActions({ alert: a }: { alert: HubAlert }) {
  const { t, i18n } = useTranslation();
  const f = useHubFormat();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useHubSession().supervisor.id;
  // The step whose dialog is open (none: closed).
  const [open, setOpen] = useState<Verb>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const noteId = useId();
  const whyId = useId();
  const step = nextStep(a);
  const name = (id: string | null) =>
    id === null ? '—' : `${a.names[id] ?? id}${id === me ? ` (${t('hub.common.you')})` : ''}`;
  const act = useMutation({
    mutationFn: async (v: { verb: Verb; note: string }) =>
      ok(await hubApi.POST(paths[v.verb], { params: { path: { id: a.id } }, body: { note: v.note } })),
    onSuccess: (r, v) => {
      setOpen(undefined);
      setNote('');
      setError(undefined);
      const done =
        v.verb === 'acknowledge'
          ? 'acknowledge'
          : v.verb === 'resolve' && r.state === 'resolving'
            ? 'propose'
            : v.verb === 'resolve'
              ? 'resolve'
              : v.verb === 'reject-resolution'
                ? 'reject'
                : 'confirm';
      void message.success(t(`hub.alerts.done.${done}`));
      void qc.invalidateQueries({ queryKey: ['hub'] });
    },
    onError: (e) => setError(e instanceof ApiError ? e.localized(i18n.language) : e.message),
  });
  const h = a.handling;
  const own = step === 'confirm-resolution' && h?.resolutionProposedBy === me;
  const label =
    step === 'acknowledge'
      ? t('hub.alerts.acknowledge')
      : step === 'resolve'
        ? t(a.fourEyes ? 'hub.alerts.proposeResolve' : 'hub.alerts.resolve')
        : t('hub.alerts.confirm');
  return (
    <Space direction="vertical" size={4} data-alert={a.id} data-state={a.state}>
      {h && (
        <Typography.Text>
          {t('hub.alerts.ackBy', {
            by: name(h.acknowledgedBy),
            at: f.dateTime(h.acknowledgedAt),
            note: h.acknowledgeNote,
          })}
        </Typography.Text>
      )}
      {h?.resolutionProposedBy && (
        <Typography.Text>
          {t('hub.alerts.proposedBy', {
            by: name(h.resolutionProposedBy),
            at: f.dateTime(h.resolutionProposedAt),
            note: h.resolutionNote ?? '',
          })}
        </Typography.Text>
      )}
      {h?.resolvedBy &&
        (h.resolutionProposedBy ? (
          <Typography.Text>
            {t('hub.alerts.resolvedBy', { by: name(h.resolvedBy), at: f.dateTime(h.resolvedAt) })}
          </Typography.Text>
        ) : (
          <Typography.Text>
            {t('hub.alerts.resolvedNote', {
              by: name(h.resolvedBy),
              at: f.dateTime(h.resolvedAt),
              note: h.resolutionNote ?? '',
            })}
          </Typography.Text>
        ))}
      {a.fourEyes && a.state !== 'resolved' && a.state !== 'closed' && (
        <Typography.Text type="secondary">{t('hub.alerts.fourEyes')}</Typography.Text>
      )}
      {own && (
        <Typography.Text type="secondary" id={whyId} data-testid="confirm-withheld">
          {t('hub.alerts.ownProposal')}
        </Typography.Text>
      )}
      {step && (
        <Button
          size="small"
          type={step === 'acknowledge' ? 'default' : 'primary'}
          disabled={own}
          aria-describedby={own ? whyId : undefined}
          title={own ? t('hub.alerts.ownProposal') : undefined}
          onClick={() => setOpen(step)}
        >
          {label}
        </Button>
      )}
      {step === 'confirm-resolution' && (
        <Button size="small" onClick={() => setOpen('reject-resolution')}>
          {t('hub.alerts.reject')}
        </Button>
      )}
      {open && (
        <Modal
          open
          title={open === 'reject-resolution' ? t('hub.alerts.reject') : label}
          okText={open === 'reject-resolution' ? t('hub.alerts.reject') : label}
          cancelText={t('hub.common.cancel')}
          confirmLoading={act.isPending}
          okButtonProps={{ disabled: note.trim() === '' }}
          onOk={() => act.mutate({ verb: open, note: note.trim() })}
          onCancel={() => {
            setOpen(undefined);
            setError(undefined);
          }}
          destroyOnHidden
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph>{f.zh ? a.messageZh : a.message}</Typography.Paragraph>
            {error && <Alert type="error" role="alert" title={error} />}
            <label htmlFor={noteId}>{t('hub.alerts.note')}</label>
            <Input.TextArea
              id={noteId}
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </Space>
        </Modal>
      )}
    </Space>
  );
}
