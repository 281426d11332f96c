import { Alert, Anchor, Button, Center, CloseButton, Grid, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { SurveyAnswers } from '../../api/surveys.ts';
import { cleanSurveyAnswers, SurveyQuestionsFields } from '../../components/survey-questions-fields.tsx';
import { portalAction, usePortalSurveys, usePortalTicket, usePortalTimeline, useRefreshTicket, type PortalTicket } from '../api.ts';
import { Conversation } from '../components/conversation.tsx';
import { PortalErrorAlert } from '../components/portal-alert.tsx';
import { SatisfactionInput } from '../components/satisfaction-input.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { describePortalError, isTicketConflict } from '../errors.ts';
import { usePortalTitle } from '../use-portal-title.ts';

type Run = (work: () => Promise<PortalTicket>, done: string) => Promise<boolean>;

/** One of my requests: where it stands, the conversation, and what I can do now. */
export function RequestPage() {
  const { t } = useTranslation('portal');
  const id = Number(useParams().id);
  const location = useLocation();
  const ticket = usePortalTicket(id);
  const timeline = usePortalTimeline(id);
  const refresh = useRefreshTicket();
  const lang = currentLanguage();
  const submitted = (location.state as { submitted?: string } | null)?.submitted;
  const [status, setStatus] = useState<string | null>(submitted ? t('newRequest.submitted', { number: submitted }) : null);
  const [error, setError] = useState<unknown>(null);
  usePortalTitle(ticket.data ? `${ticket.data.number} ${ticket.data.subject}` : t('request.titleFallback'));
  const navigate = useNavigate();
  // "Your request was submitted" is said once: a reload or Back does not say it again.
  useEffect(() => {
    if (submitted) navigate(location.pathname, { replace: true, state: null });
  }, [submitted, navigate, location.pathname]);

  if (ticket.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (ticket.isError) {
    const missing = (ticket.error as { status?: number }).status === 404 || !Number.isInteger(id);
    return (
      <Stack>
        <Title order={1}>{t('request.titleFallback')}</Title>
        {missing ? <Alert color="gray" role="alert">{t('request.notFound')}</Alert> : <PortalErrorAlert error={ticket.error} />}
        <Anchor component={Link} to="/portal/requests">
          {t('common.backToRequests')}
        </Anchor>
      </Stack>
    );
  }
  const data = ticket.data;
  const can = (action: PortalTicket['actions'][number]) => data.actions.includes(action);

  /** Runs a change with the version I saw; a conflict reloads the request and says why. */
  const run: Run = async (work, done) => {
    setError(null);
    setStatus(null);
    try {
      const updated = await work();
      await refresh(id, updated);
      setStatus(done);
      return true;
    } catch (err) {
      setError(err);
      if (isTicketConflict(err)) await refresh(id);
      return false;
    }
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/portal/requests" size="sm">
        ← {t('common.backToRequests')}
      </Anchor>
      <Stack gap={6}>
        <Group gap="sm" wrap="wrap">
          <Text ff="monospace" c="dimmed" size="sm">
            {data.number}
          </Text>
          <StatusBadge status={data.status} withLabel />
        </Group>
        <Title order={1} style={{ overflowWrap: 'anywhere' }}>
          {data.subject}
        </Title>
        <Text size="sm">{t(`statusHelp.${data.status}`)}</Text>
      </Stack>

      <div role="status" aria-live="polite">
        {status && (
          <Alert color="green" variant="light" py="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text size="sm">{status}</Text>
              <CloseButton aria-label={t('common.close')} onClick={() => setStatus(null)} size="sm" />
            </Group>
          </Alert>
        )}
      </div>
      {error ? <PortalErrorAlert message={describePortalError(t, error)} /> : null}

      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            {(data.result || data.refusalReason) && (
              <Paper withBorder p="md" radius="md" bg={data.refusalReason ? 'red.0' : 'green.0'}>
                <Title order={2} size="h4" mb={4}>
                  {data.refusalReason ? t('request.refusal') : t('request.result')}
                </Title>
                <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{data.refusalReason ?? data.result}</Text>
                {data.confirmedAt && data.status === 'resolved' && (
                  <Text size="sm" mt="xs" c="dimmed">
                    {t('confirm.confirmed')}
                  </Text>
                )}
              </Paper>
            )}

            {can('confirm') && <ConfirmForm ticket={data} run={run} />}
            {can('rate') && <RateForm ticket={data} run={run} />}
            {can('reopen') && <ReopenForm ticket={data} run={run} />}

            <section aria-labelledby="conversation-heading">
              <Title order={2} size="h3" id="conversation-heading" mb="sm">
                {t('request.conversation')}
              </Title>
              {timeline.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : timeline.isError ? <PortalErrorAlert error={timeline.error} /> : <Conversation entries={timeline.data} />}
            </section>

            {can('reply') && <ReplyForm ticket={data} run={run} />}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="details-heading">
            <Title order={2} size="h4" id="details-heading" mb="sm">
              {t('request.details')}
            </Title>
            <dl className="portal-details" data-testid="request-details">
              <Detail label={t('request.number')}>{data.number}</Detail>
              <Detail label={t('request.status')}>{t(`statuses.${data.status}`)}</Detail>
              <Detail label={t('request.owner')}>{data.ownerName ?? t('request.noOwner')}</Detail>
              {data.categoryName && <Detail label={t('request.category')}>{data.categoryName}</Detail>}
              <Detail label={t('request.submitted')}>
                <time dateTime={data.submittedAt}>{formatDateTime(data.submittedAt, lang)}</time>
              </Detail>
              <Detail label={t('request.updated')}>
                <time dateTime={data.updatedAt}>{formatDateTime(data.updatedAt, lang)}</time>
              </Detail>
              {data.satisfaction !== null && <Detail label={t('request.satisfaction')}>{t('request.satisfactionValue', { value: data.satisfaction })}</Detail>}
              <Detail label={t('request.description')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{data.description || t('request.noDescription')}</span>
              </Detail>
            </dl>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function ReplyForm({ ticket, run }: { ticket: PortalTicket; run: Run }) {
  const { t } = useTranslation('portal');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    if (await run(() => portalAction(ticket.id, 'reply', { text: text.trim() }, ticket.version), t('reply.sent'))) setText('');
    setBusy(false);
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="reply-heading">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="reply-heading">
            {t('reply.title')}
          </Title>
          <Textarea
            label={t('reply.label')}
            description={t('reply.hint')}
            name="reply"
            autosize
            minRows={3}
            maxRows={12}
            maxLength={10_000}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t('errors.required') : undefined}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('reply.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ConfirmForm({ ticket, run }: { ticket: PortalTicket; run: Run }) {
  const { t } = useTranslation('portal');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    await run(() => portalAction(ticket.id, 'confirm', comment.trim() ? { comment: comment.trim() } : {}, ticket.version), t('confirm.done'));
    setBusy(false);
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="confirm-heading">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="confirm-heading">
            {t('confirm.title')}
          </Title>
          <Text size="sm">{t('confirm.intro')}</Text>
          <Textarea label={`${t('confirm.comment')} (${t('common.optional')})`} name="confirmComment" autosize minRows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          <Group>
            <Button type="submit" loading={busy}>
              {t('confirm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function RateForm({ ticket, run }: { ticket: PortalTicket; run: Run }) {
  const { t } = useTranslation('portal');
  const [value, setValue] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  // The callback survey's questions, answered with the rating.
  const surveys = usePortalSurveys(ticket.id);
  const questions = surveys.data?.find((s) => s.status === 'due')?.questions ?? [];
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!value) {
      setMissing(true);
      return;
    }
    setBusy(true);
    const cleaned = questions.length > 0 ? cleanSurveyAnswers(answers) : undefined;
    await run(
      () => portalAction(ticket.id, 'rating', { satisfaction: Number(value), ...(comment.trim() ? { comment: comment.trim() } : {}), ...(cleaned ? { answers: cleaned } : {}) }, ticket.version),
      t('rate.done'),
    );
    setBusy(false);
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="rate-heading">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="rate-heading">
            {t('rate.title')}
          </Title>
          <Text size="sm">{t('rate.intro')}</Text>
          <SatisfactionInput
            name="satisfaction"
            value={value}
            onChange={(v) => {
              setValue(v);
              setMissing(false);
            }}
            error={missing ? t('rate.pick') : undefined}
          />
          <Textarea
            label={`${t('rate.comment')} (${t('common.optional')})`}
            description={t('rate.commentHint')}
            name="ratingComment"
            autosize
            minRows={2}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <SurveyQuestionsFields questions={questions} value={answers} onChange={setAnswers} />
          <Group>
            <Button type="submit" loading={busy}>
              {t('rate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ReopenForm({ ticket, run }: { ticket: PortalTicket; run: Run }) {
  const { t } = useTranslation('portal');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    if (await run(() => portalAction(ticket.id, 'reopen', { reason: reason.trim() }, ticket.version), t('reopen.done'))) {
      setReason('');
      setOpen(false);
    }
    setBusy(false);
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="reopen-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="reopen-heading">
          {t('reopen.title')}
        </Title>
        <Text size="sm">{t('reopen.intro')}</Text>
        {!open ? (
          <Group>
            <Button variant="default" onClick={() => setOpen(true)}>
              {t('reopen.open')}
            </Button>
          </Group>
        ) : (
          <form id="reopen-form" onSubmit={(e) => void submit(e)} noValidate>
            <Stack gap="sm">
              <Textarea
                label={t('reopen.reason')}
                name="reopenReason"
                required
                autosize
                minRows={2}
                maxLength={2000}
                value={reason}
                onChange={(e) => {
                  setReason(e.currentTarget.value);
                  setMissing(false);
                }}
                error={missing ? t('errors.required') : undefined}
                autoFocus
              />
              <Group>
                <Button type="submit" loading={busy}>
                  {t('reopen.submit')}
                </Button>
                <Button variant="default" onClick={() => setOpen(false)}>
                  {t('reopen.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
