import { Anchor, Button, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { newIdempotencyKey, usePortalTickets } from '../api.ts';
import { fileComplaint } from '../complaints-api.ts';
import { PortalErrorAlert } from '../components/portal-alert.tsx';
import { usePortalTitle } from '../use-portal-title.ts';

const FIELDS = ['summary', 'description', 'ticketId', 'subjectDescription'];

/** The customer tells us what went wrong, optionally naming the request it happened on. */
export function NewComplaintPage() {
  const { t } = useTranslation('accountability');
  usePortalTitle(t('portal.new'));
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const tickets = usePortalTickets();
  const options = (tickets.data?.pages.flatMap((p) => p.items) ?? []).map((tk) => ({ value: String(tk.id), label: `${tk.number} · ${tk.subject}` }));
  const [ticketId, setTicketId] = useState<string | null>(params.get('ticket'));
  const [summary, setSummary] = useState('');
  const [description, setDescription] = useState('');
  const [who, setWho] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key] = useState(newIdempotencyKey);
  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await fileComplaint(queryClient, { summary, description: description || null, ticketId: ticketId ? Number(ticketId) : null, subjectDescription: who || null }, key);
      await queryClient.invalidateQueries({ queryKey: ['portal', 'complaints'] });
      navigate(`/portal/complaints/${created.id}`, { state: { filed: true } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={720}>
      <div>
        <Title order={1}>{t('portal.new')}</Title>
        <Text c="dimmed" size="sm">
          {t('portal.newIntro')}
        </Text>
      </div>
      <Paper withBorder p="lg" radius="md" component="form" onSubmit={(e) => void submit(e)}>
        <Stack>
          {error instanceof ApiError && error.field && FIELDS.includes(error.field) ? null : <PortalErrorAlert error={error ?? undefined} />}
          <TextInput label={t('portal.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} required maxLength={200} error={fieldError('summary')} data-autofocus />
          <Textarea label={t('portal.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={4} maxLength={10000} error={fieldError('description')} />
          <Select label={t('portal.request')} description={t('portal.requestHint')} data={options} value={ticketId} onChange={setTicketId} clearable placeholder={t('portal.noRequest')} error={fieldError('ticketId')} />
          <TextInput label={t('portal.who')} description={t('portal.whoHint')} value={who} onChange={(e) => setWho(e.currentTarget.value)} maxLength={500} error={fieldError('subjectDescription')} />
          <Group justify="space-between">
            <Anchor component={Link} to="/portal/complaints">
              {t('portal.back')}
            </Anchor>
            <Button type="submit" loading={busy}>
              {t('portal.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
