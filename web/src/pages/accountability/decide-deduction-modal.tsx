import { Button, Group, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeductionRules, type Deduction, type Severity } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError, formError } from '../../lib/errors.ts';

/** The office confirms or dismisses one proposal with a reason; a rule with a notice asks for the notice of criticism. */
export function DecideDeductionModal({ deduction: d, decision, onClose, onDone }: { deduction: Deduction; decision: 'confirm' | 'dismiss'; onClose: () => void; onDone: (d: Deduction) => void }) {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const rules = useDeductionRules();
  const [severity, setSeverity] = useState<Severity>(d.severity);
  const [reason, setReason] = useState('');
  const [noticeTitle, setNoticeTitle] = useState(t('deductions.noticeTitleDefault'));
  const [noticeBody, setNoticeBody] = useState(t('deductions.noticeBodyDefault', { name: d.personName, kind: t(`kinds.${d.kind as 'other'}`) }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const rule = rules.data?.find((r) => r.kind === d.kind && r.severity === severity && r.enabled);
  const needsNotice = decision === 'confirm' && (severity === d.severity ? d.notice : rule?.notice ?? false);
  const points = severity === d.severity ? d.points : rule?.points;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { decision, reason, version: d.version, ...(decision === 'confirm' && severity !== d.severity ? { severity } : {}), ...(needsNotice ? { notice: { title: noticeTitle, body: noticeBody } } : {}) };
      onDone(await api.post<Deduction>(`/api/deductions/${d.id}/decision`, body));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={onClose} title={t(decision === 'confirm' ? 'deductions.confirmTitle' : 'deductions.dismissTitle', { name: d.personName })} size="lg">
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <ErrorAlert message={formError(tc, error, ['reason', 'severity', 'notice.title', 'notice.body'])} />
          <Text size="sm">{t('deductions.summaryLine', { kind: t(`kinds.${d.kind as 'other'}`), points: d.points })}</Text>
          {decision === 'confirm' && (
            <Radio.Group label={t('complaint.severity')} value={severity} onChange={(v) => setSeverity(v as Severity)} error={fieldError(tc, error, 'severity')}>
              <Group mt="xs">
                <Radio value="minor" label={t('severities.minor')} />
                <Radio value="serious" label={t('severities.serious')} />
              </Group>
            </Radio.Group>
          )}
          {decision === 'confirm' && points !== undefined && <Text size="sm">{t('deductions.willDeduct', { points })}</Text>}
          <Textarea label={t('deductions.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={2} maxLength={2000} error={fieldError(tc, error, 'reason')} data-autofocus />
          {needsNotice && (
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('deductions.noticeNeeded')}
              </Text>
              <TextInput label={t('notices.noticeTitle')} value={noticeTitle} onChange={(e) => setNoticeTitle(e.currentTarget.value)} required maxLength={200} error={fieldError(tc, error, 'notice.title')} />
              <Textarea label={t('notices.body')} value={noticeBody} onChange={(e) => setNoticeBody(e.currentTarget.value)} required autosize minRows={3} maxLength={10000} error={fieldError(tc, error, 'notice.body')} />
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={decision === 'confirm' ? 'red' : undefined}>
              {t(decision === 'confirm' ? 'deductions.confirm' : 'deductions.dismiss')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
