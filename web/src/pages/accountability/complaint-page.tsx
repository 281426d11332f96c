import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { COMPLAINT_ACTIONS, complaintKey, refreshAccountability, useComplaint, type Complaint, type ComplaintActionType } from '../../api/accountability.ts';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { describeError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ComplaintActionModal } from './complaint-action-modal.tsx';
import { ComplaintStatusBadge } from './labels.tsx';

/** One complaint: what was said, the investigation (for those who may see it), the history and the next steps. */
export function ComplaintPage() {
  const { id } = useParams();
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const complaint = useComplaint(Number(id));
  usePageTitle(t('complaint.title', { id: id ?? '' }));
  if (complaint.isPending) return <Text>{tc('common.loading')}</Text>;
  if (complaint.error) {
    const hidden = complaint.error instanceof ApiError && (complaint.error.status === 404 || complaint.error.status === 400);
    return (
      <Stack>
        <Title order={1}>{t('complaint.title', { id: id ?? '' })}</Title>
        <ErrorAlert message={hidden ? t('complaint.notFound') : describeError(tc, complaint.error)} />
      </Stack>
    );
  }
  return <ComplaintView complaint={complaint.data} />;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

function ComplaintView({ complaint: c }: { complaint: Complaint }) {
  const { t, i18n } = useTranslation('accountability');
  const queryClient = useQueryClient();
  const status = useStatus();
  const [action, setAction] = useState<ComplaintActionType | null>(null);
  const [conflict, setConflict] = useState(false);
  const dt = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '–');
  const full = c.access === 'full';
  const actions = COMPLAINT_ACTIONS.filter((a) => c.actions.includes(a));
  const complainant = c.customerName ?? c.complainantStaffName ?? c.complainantName ?? '–';

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('complaint.title', { id: c.id })}</Title>
          <Group gap="xs" mt={4}>
            <ComplaintStatusBadge status={c.status} />
            <Text size="sm">{c.summary}</Text>
          </Group>
        </div>
        <Group gap="xs" data-testid="complaint-actions">
          {actions.map((a) => (
            <Button key={a} variant={a === 'decide' || a === 'decide_appeal' ? 'filled' : 'light'} onClick={() => setAction(a)}>
              {t(`complaint.actions.${a}`)}
            </Button>
          ))}
        </Group>
      </Group>
      <StatusMessage status={status.status} onClose={status.clear} />
      {conflict && (
        <Alert color="yellow" role="alert" withCloseButton onClose={() => setConflict(false)} closeButtonLabel={t('common.dismiss')}>
          {t('complaint.conflict')}
        </Alert>
      )}

      <Card withBorder padding="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" m={0} data-testid="complaint-fields">
          <Field label={t('complaints.received')}>{dt(c.receivedAt)}</Field>
          <Field label={t('complaints.source')}>{t(`sources.${c.source}`)}</Field>
          <Field label={t('complaints.kind')}>{t(`kinds.${c.kind}`)}</Field>
          <Field label={t('complaints.complainant')}>
            {complainant}
            {c.complainantContact ? ` · ${c.complainantContact}` : ''}
          </Field>
          <Field label={t('complaints.subject')}>
            {c.subjectName ?? t('complaints.subjectUnknown')}
            {c.subjectDepartmentName ? ` · ${c.subjectDepartmentName}` : ''}
          </Field>
          <Field label={t('complaints.ticket')}>
            {c.ticketId ? (
              <Anchor component={Link} to={`/tickets/${c.ticketId}`}>
                {c.ticketNumber ?? c.ticketId}
              </Anchor>
            ) : (
              '–'
            )}
          </Field>
          {c.subjectDescription && <Field label={t('complaints.subjectDescription')}>{c.subjectDescription}</Field>}
          <Field label={t('complaints.registeredBy')}>{c.registeredByName ?? '–'}</Field>
          {full && <Field label={t('complaint.investigator')}>{c.investigatorName ?? '–'}</Field>}
        </SimpleGrid>
        {c.description && (
          <Text mt="md" style={{ whiteSpace: 'pre-wrap' }}>
            {c.description}
          </Text>
        )}
      </Card>

      {full && (
        <Card withBorder padding="md">
          <Title order={2} size="h3">
            {t('complaint.investigation')}
          </Title>
          <Stack component="dl" gap="sm" mt="sm" m={0}>
            <Field label={t('complaint.findings')}>{c.findings ?? t('complaint.noFindings')}</Field>
            <Field label={t('complaint.response')}>
              {c.response
                ? `${c.response} (${dt(c.respondedAt)})`
                : c.responseDueAt
                  ? `${t('complaint.noResponse')} ${t(Date.parse(c.responseDueAt) > Date.now() ? 'complaint.responseDue' : 'complaint.responseOverdue', { date: dt(c.responseDueAt) })}`
                  : t('complaint.noResponse')}
            </Field>
            {c.earlyDecisionReason && <Field label={t('complaint.earlyDecisionRecorded')}>{c.earlyDecisionReason}</Field>}
            {c.decidedAt && (
              <Field label={t('complaint.decision')}>
                {t('complaint.decisionText', { date: dt(c.decidedAt), name: c.decidedByName ?? '' })}
                {c.severity && !c.appealDecidedAt ? ` · ${t(`severities.${c.severity}`)}` : ''}
                {c.decisionReason ? `\n${c.decisionReason}` : ''}
              </Field>
            )}
            {c.appealedAt && <Field label={t('complaint.appeal')}>{`${dt(c.appealedAt)} · ${t(`complaint.appealBy.${c.appealedByKind ?? 'staff'}`)}${c.appealReason ? `\n${c.appealReason}` : ''}`}</Field>}
            {c.appealDecidedAt && <Field label={t('complaint.appealDecision')}>{`${t(`statuses.${c.status}`)} · ${dt(c.appealDecidedAt)}${c.appealDecisionReason ? `\n${c.appealDecisionReason}` : ''}`}</Field>}
          </Stack>
          <Title order={3} size="h4" mt="md">
            {t('complaint.evidence')}
          </Title>
          {c.evidence.length === 0 ? (
            <Text size="sm">{t('complaint.noEvidence')}</Text>
          ) : (
            <ul data-testid="evidence">
              {c.evidence.map((e) => (
                <li key={e.id}>
                  <Text span fw={600}>
                    {t(`evidenceKinds.${e.kind}`)}:
                  </Text>{' '}
                  {e.description}
                  {e.ticketId && (
                    <>
                      {' '}
                      <Anchor component={Link} to={`/tickets/${e.ticketId}`}>
                        {e.ticketNumber ?? e.ticketId}
                      </Anchor>
                    </>
                  )}
                  {e.url && (
                    <>
                      {' '}
                      <Anchor href={e.url} target="_blank" rel="noopener noreferrer">
                        {e.url}
                      </Anchor>
                    </>
                  )}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({e.addedByName}, {dt(e.addedAt)})
                  </Text>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}

      {c.customerMessage && (
        <Card withBorder padding="md">
          <dl style={{ margin: 0 }}>
            <Field label={t('complaint.customerMessage')}>{c.customerMessage}</Field>
          </dl>
        </Card>
      )}

      <section aria-labelledby="history-heading">
        <Title order={2} size="h3" id="history-heading">
          {t('complaint.history')}
        </Title>
        <ol data-testid="complaint-history">
          {c.events.map((e) => (
            <li key={e.id}>
              <Text span>{t(`events.${e.type as 'received'}`, { defaultValue: e.type })}</Text>{' '}
              <Text span size="sm" c="dimmed">
                {dt(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ''}
              </Text>
            </li>
          ))}
        </ol>
      </section>

      {action && (
        <ComplaintActionModal
          complaint={c}
          action={action}
          onClose={() => setAction(null)}
          onConflict={async () => {
            setAction(null);
            setConflict(true);
            await refreshAccountability(queryClient);
          }}
          onDone={async (updated) => {
            setAction(null);
            setConflict(false);
            queryClient.setQueryData(complaintKey(updated.id), updated);
            await refreshAccountability(queryClient);
            status.success(t('complaint.done', { action: t(`complaint.actions.${action}`) }));
          }}
        />
      )}
    </Stack>
  );
}
