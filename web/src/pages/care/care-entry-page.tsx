import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, NumberInput, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { CARE_REASONS, VISIT_UNITS, careApi, refreshCare, type CareEntryDetail, type CareReason, type VisitPlan, type VisitUnit } from '../../api/care.ts';
import { useCurrentUser } from '../../api/session.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { fieldError, formError } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { ReasonBadges, usePreferredText, VisitStatusBadge } from './care-labels.tsx';

/** One customer's special-care entry: reasons and note, the visit plans, and every visit with its record. */
export function CareEntryPage() {
  const { t, i18n } = useTranslation('care');
  const { t: tc } = useTranslation();
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const status = useStatus();
  // A message handed over by the page that sent us here (the visit record form).
  const [flash, setFlash] = useState((useLocation().state as { message?: string } | null)?.message ?? null);
  const entry = useQuery({ queryKey: ['care', 'entry', id], queryFn: () => careApi.getEntry(id), enabled: Number.isInteger(id) && id > 0 });
  usePageTitle(entry.data ? t('entry.title', { name: entry.data.customerName }) : t('register.title'));
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  if (entry.isPending) return <Text>{tc('common.loading')}</Text>;
  if (entry.error || !entry.data) return <ErrorAlert error={entry.error} />;
  const e = entry.data;
  const editable = e.canEdit && e.active;
  return (
    <Stack>
      <Group gap="lg">
        <Anchor component={Link} to="/care" size="sm">
          ← {t('entry.back')}
        </Anchor>
        <Anchor component={Link} to="/care/visits" size="sm">
          {t('register.visitsLink')}
        </Anchor>
      </Group>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{t('entry.title', { name: e.customerName })}</Title>
          <Group gap="xs" mt={4}>
            <Badge color={e.active ? 'green' : 'gray'} variant="light">{e.active ? t('entry.open') : t('entry.closedBadge')}</Badge>
            <ReasonBadges reasons={e.reasons} />
          </Group>
          <Text size="sm" mt={4}>
            {e.customerPhones.join(' · ')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('register.since')}: {formatDate(e.since, i18n.language)} · {t('entry.registeredBy', { name: e.registeredByName ?? '–', date: formatDate(e.createdAt, i18n.language) })}
          </Text>
          {!e.active && (
            <Text size="sm" c="dimmed">
              {t('entry.closedBy', { name: e.closedByName ?? '–', date: formatDate(e.closedAt, i18n.language), reason: e.closedReason ?? '' })}
            </Text>
          )}
        </div>
        {editable && (
          <Group>
            <Button variant="default" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
              {t('entry.edit')}
            </Button>
            <Button color="red" variant="light" onClick={() => setClosing(true)}>
              {t('entry.close')}
            </Button>
          </Group>
        )}
      </Group>
      <StatusMessage status={status.status ?? (flash ? { kind: 'success', text: flash } : null)} onClose={() => { status.clear(); setFlash(null); }} />
      {e.note && <Text style={{ whiteSpace: 'pre-wrap' }}>{e.note}</Text>}
      {!e.canEdit && (
        <Text size="sm" c="dimmed">
          {t('entry.readOnly')}
        </Text>
      )}
      {editing && <EditEntryForm entry={e} onDone={() => { setEditing(false); status.success(t('entry.saved')); }} />}

      <Title order={2} size="h3">
        {t('entry.plans')}
      </Title>
      <PlansTable entry={e} onChanged={() => status.success(t('plan.updated'))} />
      {editable && <AddPlanForm entryId={e.id} onDone={() => status.success(t('plan.created'))} />}

      <Title order={2} size="h3">
        {t('entry.visits')}
      </Title>
      {e.visits.length === 0 ? (
        <Text>{t('entry.noVisits')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="xs" data-testid="care-visit-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('visits.planned')}</Table.Th>
                <Table.Th scope="col">{t('visits.ticket')}</Table.Th>
                <Table.Th scope="col">{t('visits.visitor')}</Table.Th>
                <Table.Th scope="col">{t('visits.status')}</Table.Th>
                <Table.Th scope="col">{t('visits.findings')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.visits.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(v.plannedFor, i18n.language)}</Table.Td>
                  <Table.Td>{v.ticketId ? <Anchor component={Link} to={`/tickets/${v.ticketId}`}>{v.ticketNumber}</Anchor> : '–'}</Table.Td>
                  <Table.Td>{v.ownerName ?? v.visitorDepartmentName ?? '–'}</Table.Td>
                  <Table.Td>
                    <VisitStatusBadge visit={v} />
                    {v.recordedAt === null && (v.ownerId === user.id || v.handlerId === user.id) && (
                      <Anchor component={Link} to={`/care/visits/${v.id}/record`} ml="xs" size="sm" aria-label={t('visits.recordFor', { name: e.customerName, date: formatDate(v.plannedFor, i18n.language) })}>
                        {t('visits.record')}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {v.findings && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{v.findings}</Text>}
                    {v.recordedAt && (
                      <Text size="xs" c="dimmed">
                        {formatDateTime(v.visitedAt, i18n.language)} · {v.recordedByName} · {v.customerConfirmed ? t('visits.confirmed') : t('visits.notConfirmed')}
                        {v.customerComment ? ` · “${v.customerComment}”` : ''}
                        {v.followUpTicketNumber ? ` · ${t('visits.followUp', { number: v.followUpTicketNumber })}` : ''}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {closing && <CloseEntryModal entry={e} onClose={() => setClosing(false)} onDone={() => { setClosing(false); status.success(t('entry.closedDone')); }} />}
    </Stack>
  );
}

function EditEntryForm({ entry, onDone }: { entry: CareEntryDetail; onDone: () => void }) {
  const { t } = useTranslation('care');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [reasons, setReasons] = useState<CareReason[]>(entry.reasons);
  const [note, setNote] = useState(entry.note);
  const [since, setSince] = useState(entry.since);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await careApi.updateEntry(entry.id, { version: entry.version, reasons, note, since });
      await refreshCare(queryClient);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(ev) => void submit(ev)} noValidate aria-label={t('entry.edit')}>
      <Stack maw={640}>
        <ErrorAlert message={formError(tc, error, ['reasons', 'note', 'since'])} />
        <Checkbox.Group label={t('newEntry.reasons')} value={reasons} onChange={(v) => setReasons(v as CareReason[])} error={fieldError(tc, error, 'reasons')}>
          <Group mt={4}>
            {CARE_REASONS.map((r) => (
              <Checkbox key={r} value={r} label={t(`reasons.${r}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea label={t('newEntry.note')} description={t('newEntry.noteHint')} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} autosize minRows={2} maxLength={2000} error={fieldError(tc, error, 'note')} />
        <TextInput type="date" label={t('newEntry.since')} value={since} onChange={(ev) => setSince(ev.currentTarget.value)} error={fieldError(tc, error, 'since')} w={220} />
        <Group>
          <Button type="submit" loading={busy}>
            {t('entry.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CloseEntryModal({ entry, onClose, onDone }: { entry: CareEntryDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('care');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await careApi.closeEntry(entry.id, { version: entry.version, reason });
      await refreshCare(queryClient);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={onClose} title={t('entry.closeTitle', { name: entry.customerName })}>
      <form onSubmit={(ev) => void submit(ev)} noValidate>
        <Stack>
          <ErrorAlert message={formError(tc, error, ['reason'])} />
          <Textarea label={t('entry.closeReason')} value={reason} onChange={(ev) => setReason(ev.currentTarget.value)} required autosize minRows={2} maxLength={1000} error={fieldError(tc, error, 'reason')} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {t('entry.closeSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function PlansTable({ entry, onChanged }: { entry: CareEntryDetail; onChanged: () => void }) {
  const { t, i18n } = useTranslation('care');
  const queryClient = useQueryClient();
  const preferred = usePreferredText();
  const [error, setError] = useState<unknown>(null);
  if (entry.plans.length === 0) return <Text>{t('entry.noPlans')}</Text>;
  const toggle = async (p: VisitPlan) => {
    setError(null);
    try {
      await careApi.updatePlan(p.id, { version: p.version, active: !p.active });
      await refreshCare(queryClient);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <>
      <ErrorAlert error={error} />
      <Table.ScrollContainer minWidth={700}>
        <Table striped verticalSpacing="xs" data-testid="care-plans">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('plan.interval')}</Table.Th>
              <Table.Th scope="col">{t('plan.startsOn')}</Table.Th>
              <Table.Th scope="col">{t('plan.preferred')}</Table.Th>
              <Table.Th scope="col">{t('plan.visitor')}</Table.Th>
              <Table.Th scope="col">{t('plan.next')}</Table.Th>
              <Table.Th scope="col">{t('plan.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entry.plans.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{t(`units.${p.unit}`, { count: p.every })}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.startsOn, i18n.language)}</Table.Td>
                <Table.Td>{preferred(p) || '–'}</Table.Td>
                <Table.Td>{p.visitorStaffName ?? p.visitorDepartmentName}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.nextVisitOn ? formatDate(p.nextVisitOn, i18n.language) : '–'}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Badge color={p.active ? 'green' : 'gray'} variant="light">
                      {p.active ? t('plan.active') : t('plan.paused')}
                    </Badge>
                    {entry.canEdit && entry.active && (
                      <Button size="compact-xs" variant="default" onClick={() => void toggle(p)}>
                        {p.active ? t('plan.pause') : t('plan.resume')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

const PLAN_FIELDS = ['unit', 'every', 'startsOn', 'preferredWeekday', 'preferredFrom', 'preferredUntil', 'preferredNote', 'visitorStaffId', 'visitorDepartmentId'];

function AddPlanForm({ entryId, onDone }: { entryId: number; onDone: () => void }) {
  const { t } = useTranslation('care');
  const { t: tc } = useTranslation();
  const queryClient = useQueryClient();
  const [unit, setUnit] = useState<VisitUnit>('weeks');
  const [every, setEvery] = useState<number | string>(2);
  const [startsOn, setStartsOn] = useState('');
  const [weekday, setWeekday] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [note, setNote] = useState('');
  const [visitorKind, setVisitorKind] = useState<'person' | 'department'>('person');
  const [staffId, setStaffId] = useState<number | null>(null);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await careApi.createPlan(entryId, {
        unit, every: Number(every), startsOn, preferredWeekday: weekday ? Number(weekday) : null, preferredFrom: from || null, preferredUntil: until || null, preferredNote: note || null,
        ...(visitorKind === 'person' ? { visitorStaffId: staffId } : { visitorDepartmentId: departmentId }),
      });
      await refreshCare(queryClient);
      setStartsOn('');
      setNote('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(ev) => void submit(ev)} noValidate aria-labelledby="care-add-plan">
      <Stack maw={720} p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}>
        <Title order={3} size="h4" id="care-add-plan">
          {t('plan.add')}
        </Title>
        <ErrorAlert message={formError(tc, error, PLAN_FIELDS)} />
        <Group align="flex-start" grow>
          <NumberInput label={t('plan.every')} value={every} onChange={setEvery} min={1} max={104} required error={fieldError(tc, error, 'every')} />
          <NativeSelect label={t('plan.unit')} value={unit} onChange={(ev) => setUnit(ev.currentTarget.value as VisitUnit)} data={VISIT_UNITS.map((u) => ({ value: u, label: t(`unitNames.${u}`) }))} error={fieldError(tc, error, 'unit')} />
          <TextInput type="date" label={t('plan.startsOn')} value={startsOn} onChange={(ev) => setStartsOn(ev.currentTarget.value)} required error={fieldError(tc, error, 'startsOn')} />
        </Group>
        <Group align="flex-start" grow>
          <NativeSelect
            label={t('plan.preferredWeekday')}
            value={weekday}
            onChange={(ev) => setWeekday(ev.currentTarget.value)}
            data={[{ value: '', label: t('plan.anyDay') }, ...(['1', '2', '3', '4', '5', '6', '7'] as const).map((d) => ({ value: d, label: t(`weekdays.${d}`) }))]}
            error={fieldError(tc, error, 'preferredWeekday')}
          />
          <TextInput type="time" label={t('plan.preferredFrom')} value={from} onChange={(ev) => setFrom(ev.currentTarget.value)} error={fieldError(tc, error, 'preferredFrom')} />
          <TextInput type="time" label={t('plan.preferredUntil')} value={until} onChange={(ev) => setUntil(ev.currentTarget.value)} error={fieldError(tc, error, 'preferredUntil')} />
        </Group>
        <TextInput label={t('plan.preferredNote')} value={note} onChange={(ev) => setNote(ev.currentTarget.value)} maxLength={500} error={fieldError(tc, error, 'preferredNote')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="care-visitor-kind">
            {t('plan.visitorKind')}
          </Text>
          <SegmentedControl aria-labelledby="care-visitor-kind" value={visitorKind} onChange={(v) => setVisitorKind(v as 'person' | 'department')} data={[{ value: 'person', label: t('plan.person') }, { value: 'department', label: t('plan.department') }]} w={280} />
        </Stack>
        {visitorKind === 'person' ? (
          <StaffPicker label={t('plan.visitorStaff')} value={staffId} onChange={(id) => setStaffId(id)} error={fieldError(tc, error, 'visitorStaffId')} />
        ) : (
          <DepartmentSelect label={t('plan.visitorDepartment')} value={departmentId} onChange={setDepartmentId} error={fieldError(tc, error, 'visitorDepartmentId') ?? fieldError(tc, error, 'visitorStaffId')} />
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t('plan.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
