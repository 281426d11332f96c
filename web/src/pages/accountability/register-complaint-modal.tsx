import { Button, Card, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_KINDS, STAFF_SOURCES, type Complaint, type ComplaintKind } from '../../api/accountability.ts';
import { api, newIdempotencyKey } from '../../api/client.ts';
import type { Customer } from '../../api/tickets.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { CustomerSearch } from '../../components/customer-search.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { fieldError, formError } from '../../lib/errors.ts';

const FIELDS = ['source', 'complainantName', 'complainantContact', 'subjectStaffId', 'subjectDescription', 'ticketId', 'ticketNumber', 'kind', 'summary', 'description', 'customerId'];

/**
 * Any staff member takes down a customer's complaint (call, letter, visit, email), or files their own about a
 * colleague. The customer is found with the same search as ticket registration, so the complaint shows on their
 * portal; a caller with no record is taken down by name. The ticket is named by the number people quote.
 */
export function RegisterComplaintModal({ onClose, onDone }: { onClose: () => void; onDone: (c: Complaint) => void }) {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const [source, setSource] = useState<(typeof STAFF_SOURCES)[number]>('phone');
  const [customer, setCustomer] = useState<Customer | null>(null);
  // No record chosen: searching, or taking the caller down by name only.
  const [unlisted, setUnlisted] = useState(false);
  const [complainantName, setComplainantName] = useState('');
  const [complainantContact, setComplainantContact] = useState('');
  const [subjectId, setSubjectId] = useState<number | null>(null);
  const [subjectName, setSubjectName] = useState<string | null>(null);
  const [subjectDescription, setSubjectDescription] = useState('');
  const [ticketNumber, setTicketNumber] = useState('');
  const [kind, setKind] = useState<ComplaintKind>('other');
  const [summary, setSummary] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // One key per opened form: a retried submission registers nothing twice.
  const [key] = useState(newIdempotencyKey);
  const colleague = source === 'colleague';

  const choose = (c: Customer) => {
    setCustomer(c);
    setUnlisted(false);
    if (!complainantContact) setComplainantContact(c.phones[0] ?? c.emails[0] ?? '');
  };
  const takeByName = (typed: string) => {
    setCustomer(null);
    setUnlisted(true);
    setComplainantName(typed);
  };
  const backToSearch = () => {
    setCustomer(null);
    setUnlisted(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        source, summary, kind, description: description || null, subjectStaffId: subjectId, subjectDescription: subjectDescription || null,
        ticketNumber: ticketNumber.trim() || null,
        ...(colleague
          ? {}
          : { customerId: customer?.id ?? null, complainantName: customer ? null : complainantName || null, complainantContact: complainantContact || null }),
      };
      onDone(await api.post<Complaint>('/api/complaints', body, { 'idempotency-key': key }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppModal opened onClose={onClose} title={t('complaints.register')} size="lg">
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <ErrorAlert message={formError(tc, error, FIELDS)} />
          <NativeSelect label={t('complaints.source')} value={source} onChange={(e) => setSource(e.currentTarget.value as typeof source)} data={STAFF_SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }))} data-autofocus />
          {!colleague && !customer && !unlisted && <CustomerSearch onChoose={choose} onNew={takeByName} />}
          {!colleague && customer && (
            <Card withBorder padding="sm" role="group" aria-label={t('complaints.customer')}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Text size="xs" c="dimmed">
                    {t('complaints.customer')}
                  </Text>
                  <Text fw={600} data-testid="complaint-customer">
                    {customer.name}
                  </Text>
                  <Text size="sm">{[customer.organisation, ...customer.phones, ...customer.emails].filter(Boolean).join(' · ')}</Text>
                </div>
                <Button variant="default" size="xs" onClick={backToSearch}>
                  {t('complaints.changeCustomer')}
                </Button>
              </Group>
            </Card>
          )}
          {!colleague && (customer || unlisted) && (
            <Group grow align="flex-start">
              {unlisted && (
                <TextInput label={t('complaints.complainantName')} description={t('complaints.noRecord')} value={complainantName} onChange={(e) => setComplainantName(e.currentTarget.value)} required maxLength={200} error={fieldError(tc, error, 'complainantName')} />
              )}
              <TextInput label={t('complaints.complainantContact')} value={complainantContact} onChange={(e) => setComplainantContact(e.currentTarget.value)} maxLength={200} error={fieldError(tc, error, 'complainantContact')} />
            </Group>
          )}
          {!colleague && unlisted && (
            <Group>
              <Button variant="subtle" size="xs" onClick={backToSearch}>
                {t('complaints.searchAgain')}
              </Button>
            </Group>
          )}
          <TextInput label={t('complaints.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} required maxLength={200} error={fieldError(tc, error, 'summary')} />
          <Textarea label={t('complaints.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={3} maxLength={10000} error={fieldError(tc, error, 'description')} />
          <NativeSelect label={t('complaints.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as ComplaintKind)} data={COMPLAINT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} error={fieldError(tc, error, 'kind')} />
          <StaffPicker label={t('complaints.subject')} value={subjectId} valueName={subjectName} onChange={(id, name) => { setSubjectId(id); setSubjectName(name); }} error={fieldError(tc, error, 'subjectStaffId')} />
          <TextInput label={t('complaints.subjectDescription')} description={t('complaints.subjectDescriptionHint')} value={subjectDescription} onChange={(e) => setSubjectDescription(e.currentTarget.value)} maxLength={500} />
          <TextInput
            label={t('complaints.ticketNumber')}
            description={t('complaints.ticketNumberHint')}
            placeholder="2026-000123"
            value={ticketNumber}
            onChange={(e) => setTicketNumber(e.currentTarget.value)}
            maxLength={40}
            w={260}
            error={fieldError(tc, error, 'ticketNumber') ?? fieldError(tc, error, 'ticketId')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('complaints.registerSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
