import { Alert, Anchor, Button, Center, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { appealComplaint, usePortalComplaint, type PortalComplaint } from '../complaints-api.ts';
import { PortalErrorAlert } from '../components/portal-alert.tsx';
import { usePortalTitle } from '../use-portal-title.ts';
import { ComplaintStatusTag } from './complaints-page.tsx';

/** One of my complaints: where it stands, what we told me, and the one appeal if it was not upheld. */
export function PortalComplaintPage() {
  const { id } = useParams();
  const { t } = useTranslation('accountability');
  usePortalTitle(t('portal.complaintTitle', { id: id ?? '' }));
  const complaint = usePortalComplaint(Number(id));
  if (complaint.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('portal.loading')} />
      </Center>
    );
  }
  if (complaint.isError) return <PortalErrorAlert error={complaint.error} />;
  return <ComplaintView complaint={complaint.data} />;
}

function ComplaintView({ complaint: c }: { complaint: PortalComplaint }) {
  const { t } = useTranslation('accountability');
  const lang = currentLanguage();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [appealed, setAppealed] = useState(false);
  const filed = (location.state as { filed?: boolean } | null)?.filed;

  const appeal = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const updated = await appealComplaint(queryClient, c.id, reason, c.version);
      queryClient.setQueryData(['portal', 'complaint', c.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['portal', 'complaints'] });
      setAppealed(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={820}>
      <div>
        <Anchor component={Link} to="/portal/complaints" size="sm">
          {t('portal.back')}
        </Anchor>
        <Title order={1} mt="xs">
          {c.summary}
        </Title>
        <Group gap="xs" mt={4}>
          <ComplaintStatusTag status={c.status} />
          <Text size="sm" c="dimmed">
            {t('portal.receivedOn', { date: formatDateTime(c.receivedAt, lang) })}
            {c.ticketNumber ? ` · ${t('portal.aboutRequest', { number: c.ticketNumber })}` : ''}
          </Text>
        </Group>
      </div>
      <div role="status" aria-live="polite">
        {filed && !appealed && <Alert color="green">{t('portal.filed')}</Alert>}
        {appealed && <Alert color="green">{t('portal.appealed')}</Alert>}
      </div>
      <Paper withBorder p="md" radius="md">
        <Text fw={600}>{t(`portal.statusHelp.${c.status}`)}</Text>
        {c.description && (
          <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.description}
          </Text>
        )}
      </Paper>
      {c.customerMessage && (
        <Paper withBorder p="md" radius="md" data-testid="our-answer">
          <Title order={2} size="h4">
            {t('portal.ourAnswer')}
          </Title>
          <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {c.customerMessage}
          </Text>
        </Paper>
      )}
      <section aria-labelledby="progress-heading">
        <Title order={2} size="h4" id="progress-heading">
          {t('portal.progress')}
        </Title>
        <ol>
          {(c.events ?? []).map((e) => (
            <li key={e.id}>
              {t(`portal.events.${e.type as 'received'}`, { defaultValue: e.type })}{' '}
              <Text span size="sm" c="dimmed">
                {formatDateTime(e.at, lang)}
              </Text>
            </li>
          ))}
        </ol>
      </section>
      {c.canAppeal && (
        <Paper withBorder p="md" radius="md" component="form" onSubmit={(e) => void appeal(e)}>
          <Stack>
            <Title order={2} size="h4">
              {t('portal.appealTitle')}
            </Title>
            <Text size="sm">{t('portal.appealIntro')}</Text>
            {error instanceof ApiError && error.field === 'reason' ? null : <PortalErrorAlert error={error ?? undefined} />}
            <Textarea label={t('portal.appealReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={3} maxLength={2000} error={error instanceof ApiError && error.field === 'reason' ? error.message : undefined} />
            <Group>
              <Button type="submit" loading={busy}>
                {t('portal.appealSubmit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
