import { Anchor, Badge, Button, Checkbox, Group, Select, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title, Card } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CARE_REASONS, careApi, refreshCare, type CareReason } from '../../api/care.ts';
import { hasRole, useCurrentUser } from '../../api/session.ts';
import type { Customer } from '../../api/tickets.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { CustomerSearch } from '../../components/customer-search.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PagedTable, usePagedList } from '../../components/paged-table.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { ReasonBadges } from './care-labels.tsx';

type StatusFilter = 'open' | 'closed' | 'all';

/** The special-care register with filters by reason, open/closed and visitor; office, supervisors and admins register customers. */
export function CareRegisterPage() {
  const { t, i18n } = useTranslation('care');
  const { t: tc } = useTranslation();
  usePageTitle(t('register.title'));
  const user = useCurrentUser();
  const canEdit = (['admin', 'office', 'supervisor'] as const).some((r) => hasRole(user.roles, r));
  const navigate = useNavigate();
  const [reason, setReason] = useState<CareReason | null>(null);
  const [status, setStatus] = useState<StatusFilter>('open');
  const [visitorId, setVisitorId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [adding, setAdding] = useState(false);
  const paged = usePagedList(['care', 'entries', reason, status, visitorId, q], (cursor) =>
    careApi.listEntries({ reason: reason ?? undefined, active: status === 'all' ? undefined : status === 'open', visitorStaffId: visitorId ?? undefined, q: q || undefined, cursor }),
  );
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('register.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('register.intro')}
          </Text>
        </div>
        <Group>
          <Button component={Link} to="/care/visits" variant="default">
            {t('register.visitsLink')}
          </Button>
          {canEdit && <Button onClick={() => setAdding(true)}>{t('register.add')}</Button>}
        </Group>
      </Group>
      <Group align="flex-end">
        <Select label={t('register.filterReason')} placeholder={tc('common.all')} data={CARE_REASONS.map((r) => ({ value: r, label: t(`reasons.${r}`) }))} value={reason} onChange={(v) => setReason(v as CareReason | null)} clearable w={180} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="care-status-label">
            {t('register.filterStatus')}
          </Text>
          <SegmentedControl
            aria-labelledby="care-status-label"
            value={status}
            onChange={(v) => setStatus(v as StatusFilter)}
            data={[{ value: 'open', label: t('register.statusOpen') }, { value: 'closed', label: t('register.statusClosed') }, { value: 'all', label: t('register.statusAll') }]}
          />
        </Stack>
        <div style={{ width: 260 }}>
          <StaffPicker label={t('register.filterVisitor')} value={visitorId} onChange={(id) => setVisitorId(id)} />
        </div>
        <TextInput label={t('register.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={220} />
      </Group>
      <PagedTable
        paged={paged}
        empty={t('register.empty')}
        testId="care-register-table"
        minWidth={800}
        head={
          <>
            <Table.Th scope="col">{t('register.customer')}</Table.Th>
            <Table.Th scope="col">{t('register.reasons')}</Table.Th>
            <Table.Th scope="col">{t('register.visitors')}</Table.Th>
            <Table.Th scope="col">{t('register.nextVisit')}</Table.Th>
            <Table.Th scope="col">{t('register.overdue')}</Table.Th>
            <Table.Th scope="col">{t('register.since')}</Table.Th>
          </>
        }
        row={(e) => (
          <Table.Tr key={e.id}>
            <Table.Td>
              <Anchor component={Link} to={`/care/entries/${e.id}`}>
                {e.customerName}
              </Anchor>
              {!e.active && (
                <Badge ml="xs" color="gray" variant="light">
                  {t('register.closed')}
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {e.customerPhones.join(' · ')}
              </Text>
            </Table.Td>
            <Table.Td>
              <ReasonBadges reasons={e.reasons} />
            </Table.Td>
            <Table.Td>{e.visitors.join(', ') || '–'}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.nextVisitOn ? formatDate(e.nextVisitOn, i18n.language) : '–'}</Table.Td>
            <Table.Td>{e.overdueVisits > 0 ? <Badge color="red">{e.overdueVisits}</Badge> : '0'}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.since, i18n.language)}</Table.Td>
          </Table.Tr>
        )}
      />
      {adding && <NewEntryModal onClose={() => setAdding(false)} onDone={(id) => navigate(`/care/entries/${id}`)} />}
    </Stack>
  );
}

const FIELDS = ['customerId', 'reasons', 'note', 'since'];

function NewEntryModal({ onClose, onDone }: { onClose: () => void; onDone: (id: number) => void }) {
  const { t } = useTranslation('care');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [hint, setHint] = useState<'chooseCustomer' | 'noRecord' | null>(null);
  const [reasons, setReasons] = useState<CareReason[]>([]);
  const [note, setNote] = useState('');
  const [since, setSince] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasonError = fieldError(tc, error, 'reasons') ?? (error && (error as { field?: string }).field?.startsWith('reasons.') ? formError(tc, error, []) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!customer) {
      setHint('chooseCustomer');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await careApi.createEntry({ customerId: customer.id, reasons, note: note || null, since: since || null });
      await refreshCare(queryClient);
      onDone(created.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppModal opened onClose={onClose} title={t('newEntry.title')} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <ErrorAlert message={formError(tc, error, FIELDS)} />
          {!customer && (
            <>
              <CustomerSearch onChoose={(c) => { setCustomer(c); setHint(null); }} onNew={() => setHint('noRecord')} autoFocus />
              {hint && (
                <Text size="sm" c="red" role="alert">
                  {t(`newEntry.${hint}`)}
                </Text>
              )}
            </>
          )}
          {customer && (
            <Card withBorder padding="sm" role="group" aria-label={t('newEntry.customer')}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text size="xs" c="dimmed">
                    {t('newEntry.customer')}
                  </Text>
                  <Text fw={600} data-testid="care-new-customer">
                    {customer.name}
                  </Text>
                  <Text size="sm">{[customer.organisation, ...customer.phones].filter(Boolean).join(' · ')}</Text>
                </div>
                <Button variant="default" size="xs" onClick={() => setCustomer(null)}>
                  {t('newEntry.change')}
                </Button>
              </Group>
            </Card>
          )}
          {fieldError(tc, error, 'customerId') && (
            <Text size="sm" c="red">
              {fieldError(tc, error, 'customerId')}
            </Text>
          )}
          <Checkbox.Group label={t('newEntry.reasons')} value={reasons} onChange={(v) => setReasons(v as CareReason[])} error={reasonError} required>
            <Group mt={4}>
              {CARE_REASONS.map((r) => (
                <Checkbox key={r} value={r} label={t(`reasons.${r}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea label={t('newEntry.note')} description={t('newEntry.noteHint')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={2000} error={fieldError(tc, error, 'note')} />
          <TextInput type="date" label={t('newEntry.since')} value={since} onChange={(e) => setSince(e.currentTarget.value)} error={fieldError(tc, error, 'since')} w={220} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('newEntry.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
