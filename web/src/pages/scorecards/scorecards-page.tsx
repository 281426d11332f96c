import { Alert, Anchor, Badge, Button, Code, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import { answerScorecard, createScorecardLink, openScorecardsNow, SCORECARDS_KEY, useScorecards, type Scorecard } from '../../api/scorecards.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { cleanComments, completeGrades, ScorecardGradeFields, type CommentDraft, type GradeDraft } from './scorecard-grade-fields.tsx';

/** /scorecards — the weekly scorecards of my accounts: open or answered per week, entering answers, making links. */
export function ScorecardsPage() {
  const { t, i18n } = useTranslation('scorecards');
  usePageTitle(t('list.title'));
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [week, setWeek] = useState('');
  const [status, setStatus] = useState<'' | 'open' | 'answered'>('');
  const [query, setQuery] = useState<{ week?: string; status?: 'open' | 'answered' }>({});
  const cards = useScorecards(query);
  const [answering, setAnswering] = useState<Scorecard | null>(null);
  const [linking, setLinking] = useState<Scorecard | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...(week.trim() ? { week: week.trim().toUpperCase() } : {}), ...(status ? { status } : {}) });
  };
  const openNow = async () => {
    setOpenError(null);
    try {
      const r = await openScorecardsNow();
      setOpened(t('list.opened', { count: r.opened.length, week: r.weekKey }));
      await queryClient.invalidateQueries({ queryKey: SCORECARDS_KEY });
    } catch (err) {
      setOpenError(err);
    }
  };

  return (
    <Stack>
      <div>
        <Title order={1}>{t('list.title')}</Title>
        <Text size="sm" c="dimmed" maw={820}>
          {t('list.intro')}
        </Text>
      </div>
      <form onSubmit={submit} noValidate aria-label={t('list.filters')}>
        <Group align="flex-end" gap="sm">
          <TextInput label={t('list.week')} value={week} onChange={(e) => setWeek(e.currentTarget.value)} w={200} />
          <NativeSelect
            label={t('list.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as '' | 'open' | 'answered')}
            data={[{ value: '', label: t('list.any') }, { value: 'open', label: t('list.statuses.open') }, { value: 'answered', label: t('list.statuses.answered') }]}
            w={160}
          />
          <Button type="submit">{t('list.show')}</Button>
          {hasRole(user.roles, 'admin') && (
            <Button variant="default" onClick={() => void openNow()}>
              {t('list.openNow')}
            </Button>
          )}
        </Group>
      </form>
      {opened && <Alert color="green" variant="light" role="status">{opened}</Alert>}
      <ErrorAlert error={openError ?? cards.error} />
      {cards.isPending && <Text>{t('common.loading')}</Text>}
      {cards.data && cards.data.length === 0 && <Text c="dimmed">{t('list.empty')}</Text>}
      {cards.data && cards.data.length > 0 && (
        <Table.ScrollContainer minWidth={960}>
          <Table striped data-testid="scorecards-table">
            <Table.Thead>
              <Table.Tr>
                {(['account', 'weekCol', 'statusCol', 'index', 'grades', 'manager', 'reminders', 'followUp', 'actions'] as const).map((k) => (
                  <Table.Th key={k} scope="col">{t(`list.${k}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cards.data.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw={500}>{c.accountName}</Table.Th>
                  <Table.Td>{c.weekKey}<Text size="xs" c="dimmed">{when.format(new Date(c.weekStart))}</Text></Table.Td>
                  <Table.Td>
                    <Badge color={c.status === 'open' ? 'orange' : 'green'} variant="light">{t(`list.statuses.${c.status}`)}</Badge>
                    {c.contactName && <Text size="xs">{t('list.by', { name: c.contactName })}</Text>}
                  </Table.Td>
                  <Table.Td>{c.meanPoints === null ? '—' : c.meanPoints.toFixed(1)}</Table.Td>
                  <Table.Td>{c.answers.map((a) => `${t(`areas.${a.area}`)} ${a.grade}`).join(' · ') || '—'}</Table.Td>
                  <Table.Td>{c.accountManagerName ?? '—'}</Table.Td>
                  <Table.Td>{c.reminderCount}</Table.Td>
                  <Table.Td>{c.followUpTicketId ? <Anchor component={Link} to={`/tickets/${c.followUpTicketId}`}>#{c.followUpTicketId}</Anchor> : '—'}</Table.Td>
                  <Table.Td>
                    {c.status === 'open' && (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" onClick={() => setAnswering(c)} aria-label={t('list.answerFor', { account: c.accountName, week: c.weekKey })}>{t('list.answer')}</Button>
                        <Button size="xs" variant="default" onClick={() => setLinking(c)} aria-label={t('list.linkFor', { account: c.accountName, week: c.weekKey })}>{t('list.link')}</Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {answering && <AnswerModal card={answering} onClose={() => setAnswering(null)} />}
      {linking && <LinkModal card={linking} onClose={() => setLinking(null)} />}
    </Stack>
  );
}

function AnswerModal({ card, onClose }: { card: Scorecard; onClose: () => void }) {
  const { t } = useTranslation('scorecards');
  const queryClient = useQueryClient();
  const [contactId, setContactId] = useState(card.contacts[0] ? String(card.contacts[0].id) : '');
  const [grades, setGrades] = useState<GradeDraft>({});
  const [comments, setComments] = useState<CommentDraft>({});
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ meanPoints: number; followUpTicketId: number | null } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const complete = completeGrades(grades);
    if (!complete || !contactId) return setMissing(true);
    setBusy(true);
    setError(null);
    try {
      const cleaned = cleanComments(comments);
      setDone(await answerScorecard(card.id, { contactId: Number(contactId), grades: complete, ...(cleaned ? { comments: cleaned } : {}) }));
      await queryClient.invalidateQueries({ queryKey: SCORECARDS_KEY });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={onClose} title={t('list.answerFor', { account: card.accountName, week: card.weekKey })} size="lg">
      {done ? (
        <Stack>
          <Alert color="green" variant="light" role="status">
            {t('answer.saved', { points: done.meanPoints.toFixed(1) })} {done.followUpTicketId ? t('answer.followUp') : ''}
          </Alert>
          <Group justify="flex-end"><Button onClick={onClose}>{t('common.close')}</Button></Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <ErrorAlert error={error} />
            <NativeSelect
              label={t('answer.contact')}
              required
              value={contactId}
              error={missing && !contactId ? t('answer.pickContact') : undefined}
              onChange={(e) => setContactId(e.currentTarget.value)}
              data={[{ value: '', label: '—' }, ...card.contacts.map((k) => ({ value: String(k.id), label: k.name }))]}
            />
            <ScorecardGradeFields grades={grades} comments={comments} onGrades={setGrades} onComments={setComments} missing={missing} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
              <Button type="submit" loading={busy}>{t('answer.submit')}</Button>
            </Group>
          </Stack>
        </form>
      )}
    </AppModal>
  );
}

function LinkModal({ card, onClose }: { card: Scorecard; onClose: () => void }) {
  const { t, i18n } = useTranslation('scorecards');
  const withEmail = card.contacts.filter((k) => k.hasEmail);
  const [contactId, setContactId] = useState(withEmail[0] ? String(withEmail[0].id) : '');
  const [error, setError] = useState<unknown>(null);
  const [link, setLink] = useState<{ url: string; expiresAt: string; email: string } | null>(null);
  const make = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setLink(await createScorecardLink(card.id, Number(contactId)));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <AppModal opened onClose={onClose} title={t('list.linkFor', { account: card.accountName, week: card.weekKey })} size="lg">
      <form onSubmit={(e) => void make(e)} noValidate>
        <Stack>
          <ErrorAlert error={error} />
          <NativeSelect label={t('link.contact')} value={contactId} onChange={(e) => setContactId(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...withEmail.map((k) => ({ value: String(k.id), label: k.name }))]} />
          {link && (
            <Stack gap={4}>
              <Text size="sm" role="status">{t('link.made', { email: link.email, until: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(link.expiresAt)) })}</Text>
              <Code block data-testid="scorecard-link" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{link.url}</Code>
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.close')}</Button>
            <Button type="submit" disabled={!contactId}>{t('link.make')}</Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
