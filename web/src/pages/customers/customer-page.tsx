import { Alert, Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Tabs, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { DECISION_ROLES, TEAM_ROLES, customersApi, refreshCustomers, type Contact, type Customer360, type CustomerRecord, type DecisionRole, type TeamRole } from '../../api/customers.ts';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { buildTree, type TreeNode } from '../../lib/tree.ts';
import { CustomerFormModal } from './customer-form-modal.tsx';
import { CustomerCareLink } from '../care/customer-care-link.tsx';
import { AccountScorecardsSection } from '../scorecards/account-scorecards-section.tsx';

/** The customer 360 page: the profile, then tickets, surveys, complaints, contacts, team, satisfaction and one timeline. */
export function CustomerPage() {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const id = Number(useParams().id);
  const view = useQuery({ queryKey: ['customers', '360', id], queryFn: () => customersApi.view360(id), enabled: Number.isSafeInteger(id) && id > 0 });
  const [editing, setEditing] = useState(false);
  usePageTitle(view.data ? t('view.title', { name: view.data.customer.name }) : t('list.title'));
  if (view.isPending) return <Text>{tc('common.loading')}</Text>;
  if (!view.data) return <ErrorAlert error={view.error} />;
  const d = view.data;
  const c = d.customer;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} data-testid="customer-name">
            {c.name}
          </Title>
          <Group gap="xs">
            <Badge variant="light">{t(`kinds.${c.kind}`)}</Badge>
            {c.isAccount && <Badge>{t('view.account')}</Badge>}
            {c.scorecardEnabled && <Badge variant="outline">{t('view.scorecard')}</Badge>}
            {!c.active && <Badge color="gray">{t('view.inactive')}</Badge>}
          </Group>
        </div>
        {c.mergedIntoId === null && <Button onClick={() => setEditing(true)}>{t('view.edit')}</Button>}
      </Group>
      {c.mergedIntoId !== null && (
        <Alert color="yellow" title={t('view.merged')}>
          <Anchor component={Link} to={`/customers/${c.mergedIntoId}`}>
            {t('view.goToMerged')}
          </Anchor>
        </Alert>
      )}
      <CustomerCareLink customerId={c.id} />
      <Profile data={d} />
      <Tabs defaultValue="tickets" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="tickets">{t('view.tabs.tickets')} ({d.tickets.open.length + d.tickets.past.length})</Tabs.Tab>
          <Tabs.Tab value="surveys">{t('view.tabs.surveys')} ({d.surveys.length})</Tabs.Tab>
          <Tabs.Tab value="complaints">{t('view.tabs.complaints')} ({d.complaints.items.length})</Tabs.Tab>
          {c.kind === 'organisation' && <Tabs.Tab value="contacts">{t('view.tabs.contacts')} ({d.contacts.length})</Tabs.Tab>}
          {c.kind === 'organisation' && <Tabs.Tab value="team">{t('view.tabs.team')} ({d.team.length})</Tabs.Tab>}
          <Tabs.Tab value="trend">{t('view.tabs.trend')}</Tabs.Tab>
          <Tabs.Tab value="timeline">{t('view.tabs.timeline')}</Tabs.Tab>
          <Tabs.Tab value="duplicates">{t('view.tabs.duplicates')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tickets" pt="md">
          <TicketsSection data={d} />
        </Tabs.Panel>
        <Tabs.Panel value="surveys" pt="md">
          <SurveysSection data={d} />
        </Tabs.Panel>
        <Tabs.Panel value="complaints" pt="md">
          <ComplaintsSection data={d} />
        </Tabs.Panel>
        {c.kind === 'organisation' && (
          <Tabs.Panel value="contacts" pt="md">
            <ContactsSection data={d} />
          </Tabs.Panel>
        )}
        {c.kind === 'organisation' && (
          <Tabs.Panel value="team" pt="md">
            <TeamSection data={d} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="trend" pt="md">
          <TrendSection data={d} />
          {c.isAccount && <AccountScorecardsSection customerId={c.id} />}
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <TimelineSection data={d} />
        </Tabs.Panel>
        <Tabs.Panel value="duplicates" pt="md">
          <DuplicatesSection customer={c} />
        </Tabs.Panel>
      </Tabs>
      {editing && <CustomerFormModal customer={c} onClose={() => setEditing(false)} onSaved={() => undefined} />}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function Profile({ data }: { data: Customer360 }) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const c = data.customer;
  const dash = (s: string | null | undefined) => (s ? s : '–');
  const consents = [c.consentContact && t('view.consentContact'), c.consentSurveys && t('view.consentSurveys'), c.consentMarketing && t('view.consentMarketing')].filter(Boolean).join(', ');
  const share = data.commitments.metShare === null ? null : `${Math.round(data.commitments.metShare * 100)} %`;
  return (
    <Card withBorder component="section" aria-labelledby="profile-title">
      <Title order={2} size="h4" id="profile-title" mb="xs">
        {t('view.profile')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Field label={t('view.phones')}>{dash(c.phones.join(', '))}</Field>
        <Field label={t('view.emails')}>{dash(c.emails.join(', '))}</Field>
        <Field label={t('view.addresses')}>{dash(c.addresses.join('; '))}</Field>
        <Field label={t('view.organisation')}>{dash(c.organisation)}</Field>
        <Field label={t('view.parent')}>
          {data.parent ? (
            <Anchor component={Link} to={`/customers/${data.parent.id}`}>
              {data.parent.name}
            </Anchor>
          ) : (
            '–'
          )}
        </Field>
        <Field label={t('view.members')}>
          {data.members.length === 0
            ? '–'
            : data.members.map((m, i) => (
                <span key={m.id}>
                  {i > 0 && ', '}
                  <Anchor component={Link} to={`/customers/${m.id}`}>
                    {m.name}
                  </Anchor>
                </span>
              ))}
        </Field>
        <Field label={t('view.segment')}>{dash(c.segment)}</Field>
        <Field label={t('view.tags')}>{dash(c.tags.join(', '))}</Field>
        <Field label={t('view.preferences')}>
          {[c.preferredLanguage && t(`languages.${c.preferredLanguage}`), c.preferredChannel && tc(`channels.${c.preferredChannel as 'phone'}`)].filter(Boolean).join(' · ') || '–'}
        </Field>
        <Field label={t('view.consents')}>{consents || '–'}</Field>
        <Field label={t('view.notes')}>{dash(c.notes)}</Field>
        {c.hasPortalAccount && <Field label={t('view.portal')}>{tc('common.yes')}</Field>}
      </SimpleGrid>
      <Text size="sm" mt="sm" data-testid="customer-commitments">
        {t('view.commitments', { met: data.commitments.met, late: data.commitments.metLate, breached: data.commitments.breached, running: data.commitments.running })}
        {share && ` — ${t('view.metShare', { share })}`}
      </Text>
    </Card>
  );
}

function TicketTable({ rows, caption }: { rows: Customer360['tickets']['open']; caption: string }) {
  const { t, i18n } = useTranslation('customers');
  const { t: tc } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('view.ticketNumber')}</Table.Th>
            <Table.Th scope="col">{t('view.subject')}</Table.Th>
            <Table.Th scope="col">{t('view.status')}</Table.Th>
            <Table.Th scope="col">{t('view.created')}</Table.Th>
            <Table.Th scope="col">{t('view.satisfaction')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/tickets/${r.id}`}>
                  {r.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{r.subject}</Table.Td>
              <Table.Td>{tc(`statuses.${r.status as 'new'}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.createdAt, i18n.language)}</Table.Td>
              <Table.Td>{r.satisfaction ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TicketsSection({ data }: { data: Customer360 }) {
  const { t } = useTranslation('customers');
  const { open, past, hidden } = data.tickets;
  return (
    <Stack>
      {open.length + past.length === 0 && <Text>{t('view.noTickets')}</Text>}
      {open.length > 0 && <TicketTable rows={open} caption={t('view.openTickets')} />}
      {past.length > 0 && <TicketTable rows={past} caption={t('view.pastTickets')} />}
      {hidden > 0 && <Text size="sm">{t('view.hiddenTickets', { count: hidden })}</Text>}
    </Stack>
  );
}

function SurveysSection({ data }: { data: Customer360 }) {
  const { t, i18n } = useTranslation('customers');
  if (data.surveys.length === 0) return <Text>{t('view.noSurveys')}</Text>;
  return (
    <Table striped verticalSpacing="xs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('view.ticketNumber')}</Table.Th>
          <Table.Th scope="col">{t('view.status')}</Table.Th>
          <Table.Th scope="col">{t('view.satisfaction')}</Table.Th>
          <Table.Th scope="col">{t('view.comment')}</Table.Th>
          <Table.Th scope="col">{t('view.answeredAt')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.surveys.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>{s.ticketId ? <Anchor component={Link} to={`/tickets/${s.ticketId}`}>{s.ticketNumber}</Anchor> : '–'}</Table.Td>
            <Table.Td>{t(`view.surveyStatus.${s.status as 'due'}`)}</Table.Td>
            <Table.Td>{s.satisfaction ?? '–'}</Table.Td>
            <Table.Td>{s.comment ?? '–'}</Table.Td>
            <Table.Td>{s.answeredAt ? formatDate(s.answeredAt, i18n.language) : `${t('view.dueAt')} ${formatDate(s.dueAt, i18n.language)}`}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ComplaintsSection({ data }: { data: Customer360 }) {
  const { t, i18n } = useTranslation('customers');
  const { items, hidden } = data.complaints;
  return (
    <Stack>
      {items.length === 0 && <Text>{t('view.noComplaints')}</Text>}
      {items.length > 0 && (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('view.summary')}</Table.Th>
              <Table.Th scope="col">{t('view.status')}</Table.Th>
              <Table.Th scope="col">{t('view.received')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/complaints/${c.id}`}>
                    {c.summary}
                  </Anchor>
                </Table.Td>
                <Table.Td>{c.status}</Table.Td>
                <Table.Td>{formatDate(c.receivedAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {hidden > 0 && <Text size="sm">{t('view.hiddenComplaints', { count: hidden })}</Text>}
    </Stack>
  );
}

type ChartItem = Contact & { parentId: number | null };

function ChartNodes({ nodes, customerId, onRemove }: { nodes: TreeNode<ChartItem>[]; customerId: number; onRemove: (c: Contact) => void }) {
  const { t } = useTranslation('customers');
  return (
    <ul className="tree-list">
      {nodes.map((n) => (
        <li key={n.item.id} data-testid={`contact-${n.item.id}`}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <div>
              <Text fw={600} size="sm" component="span">
                {n.item.name}
              </Text>
              {n.item.title && <Text size="sm" component="span">{` · ${n.item.title}`}</Text>}
              <Badge ml="xs" size="xs" variant="light">
                {t(`decisionRoles.${n.item.decisionRole}`)}
              </Badge>
              {(n.item.goals || n.item.painPoints) && (
                <Text size="xs">
                  {n.item.goals && `${t('view.goals')}: ${n.item.goals}`} {n.item.painPoints && `${t('view.painPoints')}: ${n.item.painPoints}`}
                </Text>
              )}
            </div>
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRemove(n.item)} aria-label={t('view.removeContact', { name: n.item.name })}>
              ×
            </Button>
          </Group>
          {n.children.length > 0 && <ChartNodes nodes={n.children} customerId={customerId} onRemove={onRemove} />}
        </li>
      ))}
    </ul>
  );
}

function ContactsSection({ data }: { data: Customer360 }) {
  const { t, i18n } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const customerId = data.customer.id;
  const [name, setName] = useState('');
  const [title, setTitle] = useState('');
  const [role, setRole] = useState<DecisionRole>('user');
  const [reportsTo, setReportsTo] = useState<string | null>(null);
  const [goals, setGoals] = useState('');
  const [painPoints, setPainPoints] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const tree = buildTree(data.contacts.map((c) => ({ ...c, parentId: c.reportsToId })), i18n.language);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await customersApi.addContact(customerId, { name, title: title || null, decisionRole: role, reportsToId: reportsTo ? Number(reportsTo) : null, goals, painPoints });
      setName('');
      setTitle('');
      setGoals('');
      setPainPoints('');
      await refreshCustomers(queryClient);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (c: Contact) => {
    setError(null);
    try {
      await customersApi.removeContact(customerId, c.id);
      await refreshCustomers(queryClient);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('view.orgChart')}
      </Title>
      {tree.length === 0 ? <Text>{t('view.noContacts')}</Text> : <ChartNodes nodes={tree} customerId={customerId} onRemove={(c) => void remove(c)} />}
      <Card withBorder component="form" onSubmit={(e: FormEvent) => void add(e)} noValidate aria-labelledby="add-contact-title">
        <Title order={3} size="h5" id="add-contact-title" mb="xs">
          {t('view.addContact')}
        </Title>
        <ErrorAlert message={formError(tc, error, ['name', 'title', 'decisionRole', 'reportsToId', 'goals', 'painPoints'])} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('view.contactName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required error={fieldError(tc, error, 'name')} />
          <TextInput label={t('view.contactTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError(tc, error, 'title')} />
          <Select label={t('view.decisionRole')} data={DECISION_ROLES.map((r) => ({ value: r, label: t(`decisionRoles.${r}`) }))} value={role} onChange={(v) => v && setRole(v as DecisionRole)} allowDeselect={false} />
          <Select
            label={t('view.reportsTo')}
            placeholder={t('view.reportsToNone')}
            data={data.contacts.map((c) => ({ value: String(c.id), label: c.name }))}
            value={reportsTo}
            onChange={setReportsTo}
            clearable
            error={fieldError(tc, error, 'reportsToId')}
          />
          <Textarea label={t('view.goals')} value={goals} onChange={(e) => setGoals(e.currentTarget.value)} autosize />
          <Textarea label={t('view.painPoints')} value={painPoints} onChange={(e) => setPainPoints(e.currentTarget.value)} autosize />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button type="submit" loading={busy}>
            {t('view.addContact')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}

function TeamSection({ data }: { data: Customer360 }) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const customerId = data.customer.id;
  const [staffId, setStaffId] = useState<number | null>(null);
  const [role, setRole] = useState<TeamRole>('account_manager');
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await refreshCustomers(queryClient);
    } catch (err) {
      setError(err);
    }
  };
  if (!data.customer.isAccount) return <Text>{t('view.teamNeedsAccount')}</Text>;
  return (
    <Stack>
      <ErrorAlert message={formError(tc, error, ['staffId', 'role'])} />
      {data.team.length === 0 ? (
        <Text>{t('view.noTeam')}</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('view.role')}</Table.Th>
              <Table.Th scope="col">{t('view.staff')}</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>{tc('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.team.map((m) => (
              <Table.Tr key={`${m.role}-${m.staffId}`}>
                <Table.Td>{t(`teamRoles.${m.role}`)}</Table.Td>
                <Table.Td>{m.staffName}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => void run(() => customersApi.removeTeamMember(customerId, m.role, m.staffId))} aria-label={t('view.removeMember', { name: m.staffName, role: t(`teamRoles.${m.role}`) })}>
                    ×
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end">
        <div style={{ width: 260 }}>
          <StaffPicker label={t('view.staff')} value={staffId} onChange={(id) => setStaffId(id)} />
        </div>
        <Select label={t('view.role')} data={TEAM_ROLES.map((r) => ({ value: r, label: t(`teamRoles.${r}`) }))} value={role} onChange={(v) => v && setRole(v as TeamRole)} allowDeselect={false} error={fieldError(tc, error, 'role')} w={220} />
        <Button disabled={staffId === null} onClick={() => staffId !== null && void run(() => customersApi.addTeamMember(customerId, { staffId, role }))}>
          {t('view.addMember')}
        </Button>
      </Group>
    </Stack>
  );
}

function TrendSection({ data }: { data: Customer360 }) {
  const { t } = useTranslation('customers');
  if (data.satisfactionTrend.length === 0) return <Text>{t('view.noTrend')}</Text>;
  return (
    <Table striped verticalSpacing="xs" data-testid="satisfaction-trend">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('view.month')}</Table.Th>
          <Table.Th scope="col">{t('view.answered')}</Table.Th>
          <Table.Th scope="col">{t('view.average')}</Table.Th>
          <Table.Th scope="col">{t('view.satisfied')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.satisfactionTrend.map((m) => (
          <Table.Tr key={m.month}>
            <Table.Td>{m.month}</Table.Td>
            <Table.Td>{m.answered}</Table.Td>
            <Table.Td>{m.average.toFixed(2)}</Table.Td>
            <Table.Td>{`${Math.round(m.satisfiedShare * 100)} %`}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function TimelineSection({ data }: { data: Customer360 }) {
  const { t, i18n } = useTranslation('customers');
  if (data.timeline.length === 0) return <Text>{t('view.noTimeline')}</Text>;
  const href = (ref: { type: string; id: number }) => (ref.type === 'ticket' ? `/tickets/${ref.id}` : ref.type === 'complaint' ? `/complaints/${ref.id}` : null);
  return (
    <ol className="customer-timeline" data-testid="customer-timeline">
      {data.timeline.map((e, i) => {
        const to = href(e.ref);
        return (
          <li key={`${e.kind}-${e.ref.type}-${e.ref.id}-${i}`}>
            <Text size="sm">
              <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time> — {t(`view.timelineKinds.${e.kind as 'visit'}`, { defaultValue: e.kind })}{' '}
              {to ? <Anchor component={Link} to={to}>{e.ref.label}</Anchor> : e.ref.label}
              {e.detail && ` · ${e.detail}`}
            </Text>
          </li>
        );
      })}
    </ol>
  );
}

function DuplicatesSection({ customer }: { customer: CustomerRecord }) {
  const { t } = useTranslation('customers');
  const { t: tc } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canMerge = (['admin', 'office', 'supervisor'] as const).some((r) => hasRole(user.roles, r));
  const dups = useQuery({ queryKey: ['customers', 'duplicates', customer.id], queryFn: () => customersApi.duplicates(customer.id), enabled: customer.mergedIntoId === null });
  const [pending, setPending] = useState<{ from: CustomerRecord; into: CustomerRecord } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const merge = async () => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      await customersApi.merge(pending.from.id, pending.into.id);
      await refreshCustomers(queryClient);
      const into = pending.into.id;
      setPending(null);
      navigate(`/customers/${into}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  if (dups.isPending) return <Text>{tc('common.loading')}</Text>;
  const items = dups.data?.items ?? [];
  return (
    <Stack>
      <ErrorAlert error={dups.error} />
      {items.length === 0 && <Text>{t('view.noDuplicates')}</Text>}
      {items.map((d) => (
        <Group key={d.customer.id} justify="space-between">
          <div>
            <Anchor component={Link} to={`/customers/${d.customer.id}`}>
              {d.customer.name}
            </Anchor>
            <Text size="xs">{[d.customer.organisation, ...d.customer.phones, ...d.customer.emails].filter(Boolean).join(' · ')}</Text>
            <Group gap={4}>
              {d.reasons.map((r) => (
                <Badge key={r} size="xs" variant="light">
                  {t(`reasons.${r}`)}
                </Badge>
              ))}
            </Group>
          </div>
          {canMerge && (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setPending({ from: d.customer, into: customer })}>
                {t('view.mergeHere', { name: d.customer.name })}
              </Button>
              <Button size="xs" variant="default" onClick={() => setPending({ from: customer, into: d.customer })}>
                {t('view.mergeInto', { name: d.customer.name })}
              </Button>
            </Group>
          )}
        </Group>
      ))}
      <ConfirmModal
        opened={pending !== null}
        title={pending ? t('view.mergeInto', { name: pending.into.name }) : ''}
        body={pending ? t('view.mergeConfirm', { from: pending.from.name, into: pending.into.name }) : ''}
        confirmLabel={tc('common.confirm')}
        danger
        loading={busy}
        error={error}
        onConfirm={() => void merge()}
        onClose={() => setPending(null)}
      />
    </Stack>
  );
}
