import { Alert, Anchor, Button, Card, CopyButton, Group, SimpleGrid, Stack, Table, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../api/session.ts';
import { ACTIONS, createRatingLink, performAction, refreshTickets, useTicket, useTimeline, type Ticket, type TicketAction } from '../../api/tickets.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { TicketClocks } from '../../components/ticket-clocks.tsx';
import { PriorityBadge, StatusBadge } from '../../components/ticket-badges.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { describeError, fieldError, isConflict } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ActionModal, INSTANT_ACTIONS } from './action-modal.tsx';
import { Timeline } from './timeline.tsx';

export function TicketPage() {
  const { id: raw } = useParams();
  const id = Number(raw);
  const { t } = useTranslation();
  const ticket = useTicket(id);
  const timeline = useTimeline(id);
  usePageTitle(ticket.data ? t('ticket.title', { number: ticket.data.number }) : t('common.loading'));

  if (ticket.isPending) return <Text>{t('common.loading')}</Text>;
  if (ticket.error) {
    const notVisible = ticket.error instanceof ApiError && (ticket.error.status === 404 || ticket.error.status === 400);
    return (
      <Stack>
        <Title order={1}>{t('ticket.title', { number: raw ?? '' })}</Title>
        <ErrorAlert message={notVisible ? t('ticket.notFound') : describeError(t, ticket.error)} />
      </Stack>
    );
  }
  return <TicketView ticket={ticket.data} timeline={timeline} />;
}

/** The owner makes a link the customer rates the result with, without signing in, and copies it to send. */
function RatingLinkCard({ ticketId }: { ticketId: number }) {
  const { t, i18n } = useTranslation();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setLink(await createRatingLink(ticketId));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" data-testid="rating-link">
      <Title order={2} size="h4" mb="xs">
        {t('ticket.ratingLink.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('ticket.ratingLink.help')}
      </Text>
      {link && (
        <Stack gap="xs" mb="sm">
          <TextInput label={t('ticket.ratingLink.url')} value={link.url} readOnly onFocus={(e) => e.currentTarget.select()} />
          <Group justify="space-between">
            <Text size="sm">{t('ticket.ratingLink.expires', { date: formatDateTime(link.expiresAt, i18n.language) })}</Text>
            <CopyButton value={link.url}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" color={copied ? 'green' : undefined} onClick={copy} aria-live="polite">
                  {copied ? t('ticket.ratingLink.copied') : t('ticket.ratingLink.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Stack>
      )}
      <Button variant={link ? 'default' : 'light'} loading={busy} onClick={() => void create()}>
        {link ? t('ticket.ratingLink.again') : t('ticket.ratingLink.create')}
      </Button>
      <ErrorAlert error={error} />
    </Card>
  );
}

function TicketView({ ticket, timeline }: { ticket: Ticket; timeline: ReturnType<typeof useTimeline> }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const location = useLocation();
  const status = useStatus();
  const [dialog, setDialog] = useState<TicketAction | null>(null);
  const [conflict, setConflict] = useState<unknown>(null);
  const [busyAction, setBusyAction] = useState<TicketAction | null>(null);
  const [instantError, setInstantError] = useState<unknown>(null);
  const registered = (location.state as { registered?: string } | null)?.registered;
  const [showRegistered, setShowRegistered] = useState(Boolean(registered));

  const me = useCurrentUser();
  const available = new Set(ticket.actions ?? []);
  const buttons = ACTIONS.filter((a) => a !== 'note' && a !== 'reply' && available.has(a));
  const dt = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : t('ticketFields.none'));
  const dash = (v: string | null | undefined) => (v && v.trim() ? v : t('ticketFields.none'));

  const onConflict = async (err: unknown) => {
    setDialog(null);
    setConflict(err);
    status.clear();
    await refreshTickets(queryClient);
  };
  const onDone = (action: TicketAction) => {
    setConflict(null);
    setShowRegistered(false);
    status.success(t('ticket.done', { action: t(`actions.${action}`) }));
  };
  const runInstant = async (action: TicketAction) => {
    setBusyAction(action);
    setInstantError(null);
    try {
      await performAction(queryClient, ticket, action, ticket.version);
      onDone(action);
    } catch (err) {
      if (isConflict(err)) await onConflict(err);
      else setInstantError(err);
    } finally {
      setBusyAction(null);
    }
  };

  const fields: [string, ReactNode][] = [
    [t('ticketFields.date'), dt(ticket.registeredAt)],
    // The name as told at registration, linked to the customer's 360 page when there is a record.
    [t('ticketFields.customerName'), ticket.customerId !== null && ticket.customerName ? <Anchor key="c" component={Link} to={`/customers/${ticket.customerId}`}>{ticket.customerName}</Anchor> : dash(ticket.customerName)],
    [t('ticketFields.organisation'), dash(ticket.customerOrganisation)],
    [t('ticketFields.contact'), dash(ticket.customerContact)],
    [t('ticketFields.matter'), <MatterCell key="m" subject={ticket.subject} description={ticket.description} />],
    [t('ticketFields.owner'), dash(ticket.ownerName)],
    [t('ticketFields.handedOverAt'), dt(ticket.handedOverAt)],
    [t('ticketFields.handler'), ticket.handlerName ? `${ticket.handlerName}${ticket.handlerDepartmentName ? ` (${ticket.handlerDepartmentName})` : ''}` : dash(ticket.handlerDepartmentName)],
    [t('ticketFields.result'), <Text key="r" size="sm" style={{ whiteSpace: 'pre-wrap' }}>{dash(ticket.result)}</Text>],
    [t('ticketFields.completedAt'), dt(ticket.resolvedAt)],
    [t('ticketFields.channel'), t(`channels.${ticket.channel}`, { defaultValue: ticket.channel })],
    [t('ticketFields.category'), dash(ticket.categoryName)],
    [t('ticketFields.priority'), <PriorityBadge key="p" priority={ticket.priority} />],
    [t('ticketFields.status'), <StatusBadge key="s" status={ticket.status} />],
    [t('ticketFields.satisfaction'), ticket.satisfaction === null ? t('ticketFields.none') : t('ticketFields.satisfactionValue', { value: ticket.satisfaction })],
  ];
  if (ticket.refusalReason) fields.push([t('ticketFields.refusalReason'), ticket.refusalReason]);
  if (ticket.closedAt) fields.push([t('ticketFields.closedAt'), dt(ticket.closedAt)]);

  return (
    <Stack>
      {showRegistered && registered && (
        <Alert color="green" variant="light" role="status">
          <Group justify="space-between">
            <Text size="sm">{t('ticket.registeredJustNow', { number: registered })}</Text>
            <Anchor component={Link} to="/tickets/new" size="sm">
              {t('register.registerAnother')}
            </Anchor>
          </Group>
        </Alert>
      )}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('ticket.title', { number: ticket.number })}</Title>
          <Text size="lg">{ticket.subject}</Text>
          <Group gap="xs" mt={4}>
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
          </Group>
        </div>
        <Button component={Link} to={`/tickets/${ticket.id}/print`} variant="default">
          {t('ticket.print')}
        </Button>
      </Group>

      {conflict ? (
        <Alert color="orange" variant="light" role="alert" title={t('errors.title')} withCloseButton closeButtonLabel={t('common.close')} onClose={() => setConflict(null)}>
          {describeError(t, conflict)}
        </Alert>
      ) : null}
      <StatusMessage status={status.status} onClose={status.clear} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="xs">
            {t('ticket.registrationForm')}
          </Title>
          <Table verticalSpacing={4} data-testid="ticket-fields">
            <Table.Tbody>
              {fields.map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th scope="row" w="38%" fw={500} style={{ verticalAlign: 'top' }}>
                    {label}
                  </Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>

        <Stack>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="xs">
              {t('ticket.actionsTitle')}
            </Title>
            {buttons.length === 0 ? (
              <Text size="sm">{t('ticket.noActions')}</Text>
            ) : (
              <Group gap="xs" data-testid="ticket-actions">
                {buttons.map((a) => (
                  <Button
                    key={a}
                    variant={a === 'refuse' || a === 'decline' ? 'outline' : 'light'}
                    color={a === 'refuse' || a === 'decline' ? 'red' : undefined}
                    loading={busyAction === a}
                    onClick={() => (INSTANT_ACTIONS.includes(a) ? void runInstant(a) : setDialog(a))}
                  >
                    {t(`actions.${a}`)}
                  </Button>
                ))}
              </Group>
            )}
            <ErrorAlert error={instantError} />
          </Card>
          {ticket.ownerId === me.id && ticket.status === 'resolved' && ticket.satisfaction === null && ticket.customerId !== null && <RatingLinkCard ticketId={ticket.id} />}
          {(available.has('reply') || available.has('note')) && (
            <Composer ticket={ticket} canReply={available.has('reply')} canNote={available.has('note')} onConflict={onConflict} onSent={(kind) => status.success(t(kind === 'reply' ? 'composer.sent' : 'composer.noted'))} />
          )}
        </Stack>
      </SimpleGrid>

      <TicketClocks ticketId={ticket.id} ticketVersion={ticket.version} />

      <Card withBorder padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('ticket.timeline')}
        </Title>
        <ErrorAlert error={timeline.error} />
        {timeline.data ? <Timeline ticket={ticket} items={timeline.data} /> : <Text>{t('common.loading')}</Text>}
      </Card>

      {dialog && <ActionModal ticket={ticket} action={dialog} onClose={() => setDialog(null)} onDone={() => {
            setDialog(null);
            onDone(dialog);
          }} onConflict={(err) => void onConflict(err)} />}
    </Stack>
  );
}

function MatterCell({ subject, description }: { subject: string; description: string }) {
  return (
    <div>
      <Text size="sm" fw={500}>
        {subject}
      </Text>
      {description ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {description}
        </Text>
      ) : null}
    </div>
  );
}

/** Reply to the customer or an internal note: two tabs, each saying plainly who will read it. */
function Composer(props: { ticket: Ticket; canReply: boolean; canNote: boolean; onConflict: (err: unknown) => void; onSent: (kind: 'reply' | 'note') => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<'reply' | 'note'>(props.canReply ? 'reply' : 'note');
  const [texts, setTexts] = useState({ reply: '', note: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);

  const send = async (kind: 'reply' | 'note') => {
    const value = texts[kind].trim();
    if (!value) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      await performAction(queryClient, props.ticket, kind, props.ticket.version, { text: value });
      setTexts((x) => ({ ...x, [kind]: '' }));
      props.onSent(kind);
    } catch (err) {
      if (isConflict(err)) props.onConflict(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const panel = (kind: 'reply' | 'note') => (
    <Tabs.Panel value={kind} pt="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send(kind);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send(kind);
          }
        }}
      >
        <Stack gap="xs">
          <Alert variant="light" color={kind === 'reply' ? 'blue' : 'yellow'} py={6}>
            <Text size="sm" fw={500}>
              {kind === 'reply' ? t('composer.replyBanner') : t('composer.noteBanner')}
            </Text>
          </Alert>
          <Textarea
            label={kind === 'reply' ? t('composer.replyLabel') : t('composer.noteLabel')}
            description={t('composer.shortcut')}
            autosize
            minRows={3}
            maxRows={12}
            value={texts[kind]}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setTexts((x) => ({ ...x, [kind]: v }));
            }}
            error={missing && !texts[kind].trim() ? t('errors.required') : fieldError(t, error, 'text')}
            styles={kind === 'note' ? { input: { background: 'var(--mantine-color-yellow-0)' } } : undefined}
          />
          <ErrorAlert message={error && !fieldError(t, error, 'text') ? describeError(t, error) : undefined} />
          <Group>
            <Button type="submit" loading={busy} variant={kind === 'note' ? 'default' : 'filled'}>
              {kind === 'reply' ? t('composer.sendReply') : t('composer.addNote')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Tabs.Panel>
  );

  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="xs">
        {t('composer.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => v && setTab(v as 'reply' | 'note')}>
        <Tabs.List>
          {props.canReply && <Tabs.Tab value="reply">{t('composer.replyTab')}</Tabs.Tab>}
          {props.canNote && <Tabs.Tab value="note">{t('composer.noteTab')}</Tabs.Tab>}
        </Tabs.List>
        {props.canReply && panel('reply')}
        {props.canNote && panel('note')}
      </Tabs>
    </Card>
  );
}
