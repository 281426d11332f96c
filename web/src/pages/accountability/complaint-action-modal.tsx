import { Button, Group, NativeSelect, Radio, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_KINDS, EVIDENCE_KINDS, type Complaint, type ComplaintActionType, type ComplaintKind, type EvidenceKind, type Severity } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { fieldError, formError, isConflict } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';

const SEGMENT: Record<ComplaintActionType, string> = {
  assign: 'assign', update: 'update', add_evidence: 'evidence', respond: 'respond', decide: 'decide', appeal: 'appeal', decide_appeal: 'decide-appeal',
};

const FIELDS = ['investigatorId', 'subjectStaffId', 'ticketId', 'kind', 'findings', 'description', 'url', 'text', 'outcome', 'reason', 'severity', 'customerMessage', 'earlyDecisionReason'];

/** The small form of one step of a complaint, sending the version the person saw. */
export function ComplaintActionModal(props: { complaint: Complaint; action: ComplaintActionType; onClose: () => void; onDone: (c: Complaint) => void; onConflict: (err: unknown) => void }) {
  const { t, i18n } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const { complaint: c, action } = props;
  const [version] = useState(c.version);
  const [personId, setPersonId] = useState<number | null>(action === 'update' ? c.subjectStaffId : c.investigatorId);
  const [personName, setPersonName] = useState<string | null>(action === 'update' ? c.subjectName : c.investigatorName);
  const [ticketId, setTicketId] = useState(c.ticketId ? String(c.ticketId) : '');
  const [kind, setKind] = useState<ComplaintKind>(c.kind);
  const [text, setText] = useState(action === 'update' ? c.findings ?? '' : '');
  const [evidenceKind, setEvidenceKind] = useState<EvidenceKind>('statement');
  const [url, setUrl] = useState('');
  const [outcome, setOutcome] = useState<'verified' | 'rejected'>('verified');
  const [severity, setSeverity] = useState<Severity>('minor');
  const [message, setMessage] = useState('');
  const [earlyReason, setEarlyReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const deciding = action === 'decide' || action === 'decide_appeal';
  // Verifying before the person concerned responded and before their deadline needs a recorded reason (the API says so too).
  const early = action === 'decide' && outcome === 'verified' && c.subjectStaffId !== null && c.respondedAt === null && c.responseDueAt !== null && Date.now() < Date.parse(c.responseDueAt);

  const body = (): Record<string, unknown> => {
    const ticket = ticketId.trim() ? Number(ticketId) : null;
    switch (action) {
      case 'assign':
        return { investigatorId: personId };
      case 'update':
        // Findings once written cannot be blanked (the API refuses it on the findings field); none yet and none typed: left out.
        return { subjectStaffId: personId, ticketId: ticket, kind, ...(text.trim() || c.findings ? { findings: text } : {}) };
      case 'add_evidence':
        return { kind: evidenceKind, description: text, ...(evidenceKind === 'ticket' ? { ticketId: ticket } : {}), ...(evidenceKind === 'link' ? { url } : {}) };
      case 'respond':
        return { text };
      case 'appeal':
        return { reason: text };
      default:
        return { outcome, reason: text, customerMessage: message || null, ...(outcome === 'verified' ? { severity } : {}), ...(early ? { earlyDecisionReason: earlyReason } : {}) };
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onDone(await api.post<Complaint>(`/api/complaints/${c.id}/${SEGMENT[action]}`, { ...body(), version }));
    } catch (err) {
      if (isConflict(err)) props.onConflict(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const textLabel = action === 'update' ? t('complaint.findings') : action === 'add_evidence' ? t('complaint.evidenceDescription') : action === 'respond' ? t('complaint.responseText') : t('complaint.reason');
  return (
    <AppModal opened onClose={props.onClose} title={t(`complaint.actions.${action}`)} size="lg">
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <ErrorAlert message={formError(tc, error, FIELDS)} />
          {(action === 'assign' || action === 'update') && (
            <StaffPicker
              label={action === 'assign' ? t('complaint.investigator') : t('complaints.subject')}
              value={personId}
              valueName={personName}
              onChange={(id, name) => {
                setPersonId(id);
                setPersonName(name);
              }}
              error={fieldError(tc, error, action === 'assign' ? 'investigatorId' : 'subjectStaffId')}
              autoFocus
            />
          )}
          {action === 'update' && (
            <Group grow align="flex-start">
              <NativeSelect label={t('complaints.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as ComplaintKind)} data={COMPLAINT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} error={fieldError(tc, error, 'kind')} />
              <TextInput label={t('complaints.ticketId')} value={ticketId} onChange={(e) => setTicketId(e.currentTarget.value.replace(/\D/g, ''))} inputMode="numeric" error={fieldError(tc, error, 'ticketId')} />
            </Group>
          )}
          {action === 'add_evidence' && (
            <NativeSelect label={t('complaint.evidenceKind')} value={evidenceKind} onChange={(e) => setEvidenceKind(e.currentTarget.value as EvidenceKind)} data={EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`evidenceKinds.${k}`) }))} data-autofocus />
          )}
          {deciding && (
            <Radio.Group label={t('complaint.outcome')} value={outcome} onChange={(v) => setOutcome(v as typeof outcome)} error={fieldError(tc, error, 'outcome')}>
              <Group mt="xs">
                <Radio value="verified" label={t('statuses.verified')} />
                <Radio value="rejected" label={t('statuses.rejected')} />
              </Group>
            </Radio.Group>
          )}
          {action !== 'assign' && (
            <Textarea
              label={textLabel}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              required={action !== 'update'}
              autosize
              minRows={3}
              maxLength={action === 'update' ? 10000 : 4000}
              error={fieldError(tc, error, action === 'update' ? 'findings' : action === 'add_evidence' ? 'description' : action === 'respond' ? 'text' : 'reason')}
              data-autofocus={action === 'respond' || action === 'appeal' || deciding ? true : undefined}
            />
          )}
          {action === 'add_evidence' && evidenceKind === 'ticket' && (
            <TextInput label={t('complaints.ticketId')} value={ticketId} onChange={(e) => setTicketId(e.currentTarget.value.replace(/\D/g, ''))} inputMode="numeric" required error={fieldError(tc, error, 'ticketId')} />
          )}
          {action === 'add_evidence' && evidenceKind === 'link' && (
            <TextInput label={t('complaint.url')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} type="url" required error={fieldError(tc, error, 'url')} />
          )}
          {deciding && outcome === 'verified' && (
            <Radio.Group label={t('complaint.severity')} description={t('complaint.severityHint')} value={severity} onChange={(v) => setSeverity(v as Severity)}>
              <Group mt="xs">
                <Radio value="minor" label={t('severities.minor')} />
                <Radio value="serious" label={t('severities.serious')} />
              </Group>
            </Radio.Group>
          )}
          {early && (
            <Textarea
              label={t('complaint.earlyDecisionReason')}
              description={t('complaint.earlyDecisionHint', { date: formatDateTime(c.responseDueAt ?? '', i18n.language) })}
              required
              value={earlyReason}
              onChange={(e) => setEarlyReason(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={2000}
              error={fieldError(tc, error, 'earlyDecisionReason')}
            />
          )}
          {deciding && (
            <Textarea label={t('complaint.customerMessage')} description={t('complaint.customerMessageHint')} value={message} onChange={(e) => setMessage(e.currentTarget.value)} autosize minRows={2} maxLength={2000} error={fieldError(tc, error, 'customerMessage')} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t(`complaint.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
