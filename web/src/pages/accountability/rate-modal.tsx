import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getRatingLevel } from '../../../../src/domain/accountability/get-rating-level.ts';
import type { PersonRef, Rating, Suggestion } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { AppModal } from '../../components/app-modal.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { fieldError, formError } from '../../lib/errors.ts';
import { formatScore, LevelBadge } from './labels.tsx';

/** Give (or change) a person's rating for the period; the level follows from the score as it is typed. */
export function RateModal(props: { person: PersonRef; period: string; rating: Rating | null; suggestion: Suggestion; onClose: () => void; onDone: (r: Rating) => void }) {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const [score, setScore] = useState(props.rating ? String(props.rating.score) : props.suggestion.score !== null ? String(props.suggestion.score) : '');
  const [comment, setComment] = useState(props.rating?.comment ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const numeric = Number(score.replace(',', '.'));
  let level = null;
  try {
    level = score.trim() === '' ? null : getRatingLevel(numeric);
  } catch {
    level = null;
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onDone(await api.post<Rating>(`/api/ratings/people/${props.person.id}`, { period: props.period, score: numeric, comment, ...(props.rating ? { version: props.rating.version } : {}) }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={props.onClose} title={t('ratings.rateTitle', { name: props.person.name, period: props.period })} size="lg">
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <ErrorAlert message={formError(tc, error, ['score', 'comment'])} />
          <Text size="sm">{t('ratings.suggested', { score: formatScore(props.suggestion.score) })}</Text>
          <Group align="flex-end">
            <TextInput
              label={t('ratings.score')}
              description={t('ratings.scoreHint')}
              value={score}
              onChange={(e) => setScore(e.currentTarget.value)}
              inputMode="decimal"
              required
              w={160}
              error={fieldError(tc, error, 'score')}
              data-autofocus
            />
            <div aria-live="polite">{level && <LevelBadge level={level} />}</div>
          </Group>
          <Textarea label={t('ratings.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} required autosize minRows={3} maxLength={4000} error={fieldError(tc, error, 'comment')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('ratings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
