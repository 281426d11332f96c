import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { currentPeriod, refreshAccountability, useAssessment } from '../../api/accountability.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { AssessmentView } from './assessment-view.tsx';
import { formatScore } from './labels.tsx';
import { PeriodSelect } from './period-select.tsx';
import { RateModal } from './rate-modal.tsx';

/** One person's period as their superior (or the office) sees it, with the rating form for superiors. */
export function PersonAssessmentPage() {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? currentPeriod();
  const queryClient = useQueryClient();
  const status = useStatus();
  const [rating, setRating] = useState(false);
  const assessment = useAssessment(Number(id), period);
  const name = assessment.data?.person.name ?? '';
  usePageTitle(t('assessment.title', { name }));
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('assessment.title', { name })}</Title>
          <Text size="sm" c="dimmed">
            {assessment.data?.person.departmentName ?? ''}
          </Text>
        </div>
        <Group align="flex-end">
          <PeriodSelect value={period} onChange={(p) => setParams({ period: p })} />
          {assessment.data?.canRate && <Button onClick={() => setRating(true)}>{assessment.data.rating ? t('ratings.change') : t('ratings.rate')}</Button>}
        </Group>
      </Group>
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={assessment.error} />
      {assessment.isPending ? <Text>{tc('common.loading')}</Text> : assessment.data && <AssessmentView assessment={assessment.data} />}
      {rating && assessment.data && (
        <RateModal
          person={assessment.data.person}
          period={period}
          rating={assessment.data.rating}
          suggestion={assessment.data.suggestion}
          onClose={() => setRating(false)}
          onDone={async (saved) => {
            setRating(false);
            await refreshAccountability(queryClient);
            status.success(t('ratings.saved', { name: saved.personName, score: formatScore(saved.score) }));
          }}
        />
      )}
    </Stack>
  );
}
