import { Button, Checkbox, Group, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllCategories } from '../../api/org.ts';
import { useSurveyDimensions, useTicketSurveys, type SurveyAnswers } from '../../api/surveys.ts';
import { CHANNELS, ESCALATION_CAUSES, performAction, type Channel, type Ticket, type TicketAction } from '../../api/tickets.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { suggestedFor } from '../../components/category-select.tsx';
import { DepartmentSelect } from '../../components/department-select.tsx';
import { DepartmentStaffSelect } from '../../components/department-staff-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StaffPicker } from '../../components/staff-picker.tsx';
import { cleanSurveyAnswers, SurveyQuestionsFields } from '../../components/survey-questions-fields.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { fieldError, formError, isConflict } from '../../lib/errors.ts';

/** Actions that need nothing but a click: done at once, no form. */
export const INSTANT_ACTIONS: readonly TicketAction[] = ['pick-up', 'take', 'accept', 'resume'];

const REASON_ACTIONS: readonly TicketAction[] = ['decline', 'wait', 'refuse', 'approve-exception', 'reopen'];

const FIELDS = ['departmentId', 'handlerId', 'note', 'reason', 'summary', 'channel', 'direction', 'cause', 'instruction', 'result', 'satisfaction', 'comment', 'newOwnerId'];

/**
 * One action's small form: the fields it needs (reasons required), the version the person saw
 * when they opened it, and a clear word when someone else changed the ticket meanwhile.
 */
export function ActionModal(props: { ticket: Ticket; action: TicketAction; onClose: () => void; onDone: (updated: Ticket) => void; onConflict: (err: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { ticket, action } = props;
  const categories = useAllCategories();
  // The version shown when the person decided to act; a newer one on the server means someone else acted.
  const [version] = useState(ticket.version);
  const suggestion = suggestedFor(ticket.categoryId, categories.data);

  const [departmentId, setDepartmentId] = useState<number | null>(action === 'hand-over' ? suggestion.departmentId : null);
  const [handlerId, setHandlerId] = useState<number | null>(action === 'hand-over' ? suggestion.handlerId : null);
  const [handlerName, setHandlerName] = useState<string | null>(action === 'hand-over' ? suggestion.handlerName : null);
  const [severalPeople, setSeveralPeople] = useState(false);
  const [text, setText] = useState('');
  const [secondText, setSecondText] = useState('');
  const [channel, setChannel] = useState<Channel>('phone');
  const [direction, setDirection] = useState<'outbound' | 'inbound'>('outbound');
  const [cause, setCause] = useState<(typeof ESCALATION_CAUSES)[number]>('handler_unreachable');
  const [satisfaction, setSatisfaction] = useState<string>('');
  // The callback survey's questions (PRODUCT.md §3), answered by phone alongside the satisfaction.
  const surveys = useTicketSurveys(ticket.id, action === 'callback');
  const dimensions = useSurveyDimensions();
  const openSurvey = surveys.data?.[0]?.status === 'due' ? surveys.data[0] : undefined;
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const answerFields = (openSurvey?.questions ?? []).map((q) => `answers.${q.key}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string | null>(null);

  const required = t('errors.required');

  // The duty catalog may answer after the form opened: pre-fill the hand-over then, unless already chosen.
  const prefilled = useRef(suggestion.departmentId !== null);
  useEffect(() => {
    if (action !== 'hand-over' || prefilled.current || suggestion.departmentId === null) return;
    prefilled.current = true;
    setDepartmentId((d) => d ?? suggestion.departmentId);
    setHandlerId((h) => h ?? suggestion.handlerId);
    setHandlerName((n) => n ?? suggestion.handlerName);
  }, [action, suggestion.departmentId, suggestion.handlerId, suggestion.handlerName]);

  /** The body for the action, or the name of the first missing required field. */
  const build = (): Record<string, unknown> | string => {
    switch (action) {
      case 'hand-over':
        if (departmentId === null) return 'departmentId';
        return { departmentId, handlerId: severalPeople ? null : handlerId, needsSeveralPeople: severalPeople, ...(text.trim() ? { note: text.trim() } : {}) };
      case 'assign':
        if (handlerId === null) return 'handlerId';
        return { handlerId, ...(text.trim() ? { note: text.trim() } : {}) };
      case 'contact':
        if (!text.trim()) return 'summary';
        return { channel, direction, summary: text.trim() };
      case 'escalate':
        if (!text.trim()) return 'reason';
        return { cause, reason: text.trim() };
      case 'instruct':
        if (!text.trim()) return 'instruction';
        return { instruction: text.trim(), handlerId };
      case 'resolve':
        if (!text.trim()) return 'result';
        return { result: text.trim() };
      case 'callback':
        if (!satisfaction) return 'satisfaction';
        return { satisfaction: Number(satisfaction), channel, ...(text.trim() ? { comment: text.trim() } : {}), ...(openSurvey ? { answers: cleanSurveyAnswers(answers) } : {}) };
      case 'close':
        return text.trim() ? { reason: text.trim() } : {};
      case 'transfer-ownership':
        if (handlerId === null) return 'newOwnerId';
        if (!secondText.trim()) return 'reason';
        return { newOwnerId: handlerId, reason: secondText.trim() };
      default:
        if (REASON_ACTIONS.includes(action)) {
          if (!text.trim()) return 'reason';
          return { reason: text.trim() };
        }
        return {};
    }
  };

  const submit = async () => {
    if (busy) return;
    const body = build();
    if (typeof body === 'string') {
      setMissing(body);
      return;
    }
    setMissing(null);
    setBusy(true);
    setError(null);
    try {
      const updated = await performAction(queryClient, ticket, action, version, body);
      props.onDone(updated);
    } catch (err) {
      setBusy(false);
      if (isConflict(err)) props.onConflict(err);
      else setError(err);
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  const err = (field: string) => (missing === field ? required : fieldError(t, error, field));
  const reasonField = (field: string, label: string, isRequired = true) => (
    <Textarea label={label} required={isRequired} autosize minRows={3} maxRows={10} value={text} onChange={(e) => setText(e.currentTarget.value)} error={err(field)} data-autofocus />
  );

  return (
    <AppModal opened onClose={props.onClose} title={t(`actions.${action}`)} centered size="lg">
      <form onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate>
        <Stack>
          <Text size="sm">{t(`actionHelp.${action}` as 'actionHelp.take')}</Text>

          {action === 'hand-over' && (
            <>
              <DepartmentSelect
                label={t('actionForm.department')}
                value={departmentId}
                onChange={(id) => {
                  setDepartmentId(id);
                  if (id !== departmentId) {
                    setHandlerId(null);
                    setHandlerName(null);
                  }
                }}
                required
                error={err('departmentId')}
                description={suggestion.departmentId !== null && ticket.categoryName ? t('actionForm.handlerFromCatalog', { category: ticket.categoryName }) : undefined}
              />
              <DepartmentStaffSelect
                label={t('actionForm.handlerOptional')}
                departmentId={departmentId}
                value={severalPeople ? null : handlerId}
                valueName={handlerName}
                onChange={setHandlerId}
                disabled={severalPeople}
                error={err('handlerId')}
              />
              <Checkbox label={t('actionForm.needsSeveralPeople')} checked={severalPeople} onChange={(e) => setSeveralPeople(e.currentTarget.checked)} />
              <Textarea label={t('actionForm.note')} autosize minRows={2} maxRows={8} value={text} onChange={(e) => setText(e.currentTarget.value)} error={err('note')} />
            </>
          )}

          {action === 'assign' && (
            <>
              <DepartmentStaffSelect label={t('actionForm.handler')} departmentId={ticket.handlerDepartmentId} value={handlerId} onChange={setHandlerId} required error={err('handlerId')} />
              <Textarea label={t('actionForm.note')} autosize minRows={2} maxRows={8} value={text} onChange={(e) => setText(e.currentTarget.value)} error={err('note')} />
            </>
          )}

          {action === 'contact' && (
            <>
              <Group grow>
                <NativeSelect label={t('actionForm.channel')} data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))} value={channel} onChange={(e) => setChannel(e.currentTarget.value as Channel)} />
                <NativeSelect
                  label={t('actionForm.direction')}
                  data={[
                    { value: 'outbound', label: t('actionForm.outbound') },
                    { value: 'inbound', label: t('actionForm.inbound') },
                  ]}
                  value={direction}
                  onChange={(e) => setDirection(e.currentTarget.value as 'outbound' | 'inbound')}
                />
              </Group>
              {reasonField('summary', t('actionForm.summary'))}
            </>
          )}

          {action === 'escalate' && (
            <>
              <NativeSelect
                label={t('actionForm.cause')}
                data={ESCALATION_CAUSES.map((c) => ({ value: c, label: t(`actionForm.causes.${c}`) }))}
                value={cause}
                onChange={(e) => setCause(e.currentTarget.value as (typeof ESCALATION_CAUSES)[number])}
              />
              {reasonField('reason', t('actionForm.reason'))}
            </>
          )}

          {action === 'instruct' && (
            <>
              {reasonField('instruction', t('actionForm.instruction'))}
              <StaffPicker label={t('actionForm.handler')} value={handlerId} onChange={(id) => setHandlerId(id)} error={err('handlerId')} />
            </>
          )}

          {action === 'resolve' && reasonField('result', t('actionForm.result'))}

          {action === 'callback' && (
            <>
              <Radio.Group label={t('actionForm.satisfaction')} required value={satisfaction} onChange={setSatisfaction} error={err('satisfaction')}>
                <Stack gap={6} mt={6}>
                  {(['5', '4', '3', '2', '1'] as const).map((v) => (
                    <Radio key={v} value={v} label={t(`actionForm.satisfactionLevels.${v}`)} />
                  ))}
                </Stack>
              </Radio.Group>
              <NativeSelect label={t('actionForm.channel')} data={CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))} value={channel} onChange={(e) => setChannel(e.currentTarget.value as Channel)} />
              <Textarea label={t('actionForm.comment')} autosize minRows={2} maxRows={8} value={text} onChange={(e) => setText(e.currentTarget.value)} error={err('comment')} />
              {openSurvey && (
                <Text size="sm" c={openSurvey.overdue ? 'red.8' : 'dimmed'}>
                  {t(openSurvey.overdue ? 'callback.overdue' : 'callback.due', { ns: 'surveys', at: formatDateTime(openSurvey.dueAt, i18n.language) })}
                </Text>
              )}
              <SurveyQuestionsFields questions={openSurvey?.questions ?? []} value={answers} onChange={setAnswers} errorFor={(key) => fieldError(t, error, `answers.${key}`)} dimensions={dimensions.data} />
            </>
          )}

          {action === 'close' && reasonField('reason', t('actionForm.closeReason'), false)}

          {action === 'transfer-ownership' && (
            <>
              <StaffPicker label={t('actionForm.newOwner')} value={handlerId} onChange={(id) => setHandlerId(id)} error={err('newOwnerId')} />
              <Textarea label={t('actionForm.reason')} required autosize minRows={2} maxRows={8} value={secondText} onChange={(e) => setSecondText(e.currentTarget.value)} error={err('reason')} />
            </>
          )}

          {REASON_ACTIONS.includes(action) && reasonField('reason', t('actionForm.reason'))}

          <ErrorAlert message={formError(t, error, [...FIELDS, ...answerFields])} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={action === 'refuse' || action === 'decline' ? 'red' : undefined}>
              {t(`actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
