import { Anchor, Badge, Button, Card, Group, NativeSelect, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FLAG_DECISIONS, FLAG_STATUSES, refreshAccountability, type ComplaintFlag, type FlagDecision, type FlagStatus } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';

/** Three verified complaints in 365 days: Centric flags, the office and the person's superiors decide. */
export function FlagsPage() {
  const { t, i18n } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('flags.title'));
  const queryClient = useQueryClient();
  const status = useStatus();
  const [filter, setFilter] = useState<FlagStatus>('open');
  const [deciding, setDeciding] = useState<ComplaintFlag | null>(null);
  const flags = useQuery({ queryKey: ['accountability', 'flags', filter], queryFn: () => api.get<{ items: ComplaintFlag[] }>('/api/complaint-flags', { status: filter }).then((r) => r.items) });
  return (
    <Stack>
      <div>
        <Title order={1}>{t('flags.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('flags.intro')}
        </Text>
      </div>
      <SegmentedControl value={filter} onChange={(v) => setFilter(v as typeof filter)} data={FLAG_STATUSES.map((f) => ({ value: f, label: t(`flags.filters.${f}`) }))} aria-label={tc('common.status')} w="fit-content" />
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={flags.error} />
      {flags.isPending && <Text>{tc('common.loading')}</Text>}
      {flags.data?.length === 0 && <Text>{t('flags.empty')}</Text>}
      {flags.data?.map((f) => (
        <Card key={f.id} withBorder padding="md" data-testid="flag">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Title order={2} size="h4">
                {f.personName}
                {f.departmentName ? ` · ${f.departmentName}` : ''}
              </Title>
              <Group gap="xs">
                <Badge color="red" variant="filled" tt="none">
                  {t(`flags.recommended.${f.recommendedAction}`)}
                </Badge>
                <Text size="sm">{t(`flags.roles.${f.role}`)}</Text>
              </Group>
              <Text size="sm">{t('flags.raised', { date: formatDateTime(f.raisedAt, i18n.language) })}</Text>
              <Text size="sm">
                {f.flaggedUntil ? t('flags.countNowUntil', { count: f.countNow, date: formatDate(f.flaggedUntil, i18n.language) }) : t('flags.countNow', { count: f.countNow })}
              </Text>
            </Stack>
            {f.canDecide && <Button onClick={() => setDeciding(f)}>{t('flags.decide')}</Button>}
          </Group>
          <Text size="sm" fw={600} mt="sm">
            {t('flags.complaints')}
          </Text>
          <ul>
            {f.complaints.map((c) => (
              <li key={c.id}>
                <Anchor component={Link} to={`/complaints/${c.id}`}>
                  {c.summary}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  {t('flags.verifiedOn', { date: formatDate(c.verifiedAt ?? c.receivedAt, i18n.language) })} · {t(`statuses.${c.status as 'verified'}`)}
                </Text>
              </li>
            ))}
          </ul>
          {f.decision && (
            <Text size="sm">
              {t('flags.decidedText', { decision: t(`flagDecisions.${f.decision}`), name: f.decidedByName ?? '', date: f.decidedAt ? formatDateTime(f.decidedAt, i18n.language) : '' })}
              {f.decisionNote ? ` — ${f.decisionNote}` : ''}
            </Text>
          )}
          {f.withdrawnReason && <Text size="sm">{t('flags.withdrawnText', { reason: f.withdrawnReason })}</Text>}
        </Card>
      ))}
      {deciding && (
        <DecideFlagModal
          flag={deciding}
          onClose={() => setDeciding(null)}
          onDone={async (f) => {
            setDeciding(null);
            await refreshAccountability(queryClient);
            status.success(t('flags.decidedMessage', { name: f.personName }));
          }}
        />
      )}
    </Stack>
  );
}

function DecideFlagModal({ flag, onClose, onDone }: { flag: ComplaintFlag; onClose: () => void; onDone: (f: ComplaintFlag) => void }) {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const [decision, setDecision] = useState<FlagDecision>(flag.recommendedAction);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<ComplaintFlag>(`/api/complaint-flags/${flag.id}/decision`, { decision, note, version: flag.version }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={onClose} title={t('flags.decideTitle', { name: flag.personName })}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <ErrorAlert message={formError(tc, error, ['decision', 'note'])} />
          <NativeSelect label={t('flags.decision')} value={decision} onChange={(e) => setDecision(e.currentTarget.value as FlagDecision)} data={FLAG_DECISIONS.map((d) => ({ value: d, label: t(`flagDecisions.${d}`) }))} data-autofocus />
          <Textarea label={t('flags.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} required autosize minRows={3} maxLength={4000} error={fieldError(tc, error, 'note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('flags.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
