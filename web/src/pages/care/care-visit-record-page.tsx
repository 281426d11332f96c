import { Anchor, Button, Card, Checkbox, Group, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { careApi, refreshCare } from '../../api/care.ts';
import { useCurrentUser } from '../../api/session.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { usePreferredText } from './care-labels.tsx';

const FIELDS = ['visitedAt', 'findings', 'customerConfirmed', 'customerComment', 'followUpSubject', 'followUpDescription'];

/** A local `yyyy-mm-ddThh:mm` for a datetime-local input. */
function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** The visitor records a visit on the spot: what they found, the customer's confirmation and comment, and any follow-up. */
export function CareVisitRecordPage() {
  const { t, i18n } = useTranslation('care');
  const { t: tc } = useTranslation();
  usePageTitle(t('record.title'));
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const preferred = usePreferredText();
  const visit = useQuery({ queryKey: ['care', 'visit', id], queryFn: () => careApi.getVisit(id), enabled: Number.isInteger(id) && id > 0 });
  const [visitedAt, setVisitedAt] = useState(() => localInputValue(Date.now()));
  const [findings, setFindings] = useState('');
  const [confirmed, setConfirmed] = useState<'' | 'yes' | 'no'>('');
  const [comment, setComment] = useState('');
  const [followUp, setFollowUp] = useState(false);
  const [followUpSubject, setFollowUpSubject] = useState('');
  const [followUpDescription, setFollowUpDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (visit.isPending) return <Text>{tc('common.loading')}</Text>;
  if (visit.error || !visit.data) return <ErrorAlert error={visit.error} />;
  const v = visit.data;
  const mayRecord = v.ownerId === user.id || v.handlerId === user.id;

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const at = visitedAt ? new Date(visitedAt) : null;
      await careApi.recordVisit(v.id, {
        visitedAt: at && !Number.isNaN(at.getTime()) ? at.toISOString() : null,
        findings,
        // Unanswered goes to the server as missing, so it names the field.
        ...(confirmed === '' ? {} : { customerConfirmed: confirmed === 'yes' }),
        customerComment: comment || null,
        followUpNeeded: followUp,
        ...(followUp ? { followUpSubject, followUpDescription: followUpDescription || null } : {}),
        ...(v.ticketVersion === null ? {} : { version: v.ticketVersion }),
      } as Parameters<typeof careApi.recordVisit>[1]);
      await refreshCare(queryClient);
      navigate(`/care/entries/${v.entryId}`, { state: { message: t('record.recorded') } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={720}>
      <Anchor component={Link} to="/care/visits" size="sm">
        ← {t('visits.title')}
      </Anchor>
      <Title order={1}>{t('record.title')}</Title>
      <Card withBorder padding="sm" role="group" aria-label={t('record.customer')}>
        <Text fw={600} data-testid="care-record-customer">
          {v.customerName}
        </Text>
        <Text size="sm">{v.customerPhones.join(' · ')}</Text>
        <Text size="sm">{t('record.planned', { date: formatDate(v.plannedFor, i18n.language) })}</Text>
        {preferred(v) && <Text size="sm">{t('record.preferred', { text: preferred(v) })}</Text>}
        {v.ticketId && (
          <Anchor component={Link} to={`/tickets/${v.ticketId}`} size="sm">
            {t('record.ticket', { number: v.ticketNumber })}
          </Anchor>
        )}
      </Card>
      {v.recordedAt ? (
        <Text role="status">{t('record.alreadyRecorded', { name: v.recordedByName ?? '–', date: formatDateTime(v.recordedAt, i18n.language) })}</Text>
      ) : !mayRecord ? (
        <Text role="status">{t('record.notYours')}</Text>
      ) : (
        <form onSubmit={(ev) => void submit(ev)} noValidate>
          <Stack>
            <ErrorAlert message={formError(tc, error, FIELDS)} />
            <TextInput type="datetime-local" label={t('record.visitedAt')} value={visitedAt} onChange={(ev) => setVisitedAt(ev.currentTarget.value)} error={fieldError(tc, error, 'visitedAt')} w={260} />
            <Textarea label={t('record.findings')} description={t('record.findingsHint')} value={findings} onChange={(ev) => setFindings(ev.currentTarget.value)} required autosize minRows={3} maxLength={4000} error={fieldError(tc, error, 'findings')} data-autofocus autoFocus />
            <Radio.Group label={t('record.confirmed')} value={confirmed} onChange={(val) => setConfirmed(val as 'yes' | 'no')} required error={fieldError(tc, error, 'customerConfirmed')}>
              <Group mt={4}>
                <Radio value="yes" label={t('record.yes')} />
                <Radio value="no" label={t('record.no')} />
              </Group>
            </Radio.Group>
            <Textarea label={t('record.comment')} value={comment} onChange={(ev) => setComment(ev.currentTarget.value)} autosize minRows={2} maxLength={2000} error={fieldError(tc, error, 'customerComment')} />
            <Checkbox label={t('record.followUpNeeded')} checked={followUp} onChange={(ev) => setFollowUp(ev.currentTarget.checked)} />
            {followUp && (
              <>
                <TextInput label={t('record.followUpSubject')} value={followUpSubject} onChange={(ev) => setFollowUpSubject(ev.currentTarget.value)} required maxLength={200} error={fieldError(tc, error, 'followUpSubject')} />
                <Textarea label={t('record.followUpDescription')} value={followUpDescription} onChange={(ev) => setFollowUpDescription(ev.currentTarget.value)} autosize minRows={2} maxLength={10000} error={fieldError(tc, error, 'followUpDescription')} />
              </>
            )}
            <Group>
              <Button type="submit" loading={busy}>
                {t('record.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
