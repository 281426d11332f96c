import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_KINDS, STAFF_SOURCES, type Complaint, type ComplaintKind } from '../../api/accountability.ts';
import { api, newIdempotencyKey } from '../../api/client.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { fieldError, formError } from '../../lib/errors.ts';

const FIELDS = ['source', 'complainantName', 'complainantContact', 'subjectStaffId', 'subjectDescription', 'ticketId', 'kind', 'summary', 'description', 'customerId'];

/** Any staff member takes down a customer's complaint (call, letter, visit, email), or files their own about a colleague. */
export function RegisterComplaintModal({ onClose, onDone }: { onClose: () => void; onDone: (c: Complaint) => void }) {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const [source, setSource] = useState<(typeof STAFF_SOURCES)[number]>('phone');
  const [complainantName, setComplainantName] = useState('');
  const [complainantContact, setComplainantContact] = useState('');
  const [subjectId, setSubjectId] = useState<number | null>(null);
  const [subjectName, setSubjectName] = useState<string | null>(null);
  const [subjectDescription, setSubjectDescription] = useState('');
  const [ticketId, setTicketId] = useState('');
  const [kind, setKind] = useState<ComplaintKind>('other');
  const [summary, setSummary] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // One key per opened form: a retried submission registers nothing twice.
  const [key] = useState(newIdempotencyKey);
  const colleague = source === 'colleague';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = {
        source, summary, kind, description: description || null, subjectStaffId: subjectId, subjectDescription: subjectDescription || null,
        ticketId: ticketId.trim() ? Number(ticketId) : null,
        ...(colleague ? {} : { complainantName: complainantName || null, complainantContact: complainantContact || null }),
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
          {!colleague && (
            <Group grow align="flex-start">
              <TextInput label={t('complaints.complainantName')} value={complainantName} onChange={(e) => setComplainantName(e.currentTarget.value)} required maxLength={200} error={fieldError(tc, error, 'complainantName')} />
              <TextInput label={t('complaints.complainantContact')} value={complainantContact} onChange={(e) => setComplainantContact(e.currentTarget.value)} maxLength={200} error={fieldError(tc, error, 'complainantContact')} />
            </Group>
          )}
          <TextInput label={t('complaints.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} required maxLength={200} error={fieldError(tc, error, 'summary')} />
          <Textarea label={t('complaints.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={3} maxLength={10000} error={fieldError(tc, error, 'description')} />
          <NativeSelect label={t('complaints.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as ComplaintKind)} data={COMPLAINT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} error={fieldError(tc, error, 'kind')} />
          <StaffPicker label={t('complaints.subject')} value={subjectId} valueName={subjectName} onChange={(id, name) => { setSubjectId(id); setSubjectName(name); }} error={fieldError(tc, error, 'subjectStaffId')} />
          <TextInput label={t('complaints.subjectDescription')} description={t('complaints.subjectDescriptionHint')} value={subjectDescription} onChange={(e) => setSubjectDescription(e.currentTarget.value)} maxLength={500} />
          <TextInput label={t('complaints.ticketId')} value={ticketId} onChange={(e) => setTicketId(e.currentTarget.value.replace(/\D/g, ''))} inputMode="numeric" w={200} error={fieldError(tc, error, 'ticketId')} />
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
