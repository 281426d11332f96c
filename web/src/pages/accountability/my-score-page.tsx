import { Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentPeriod, useAssessment } from '../../api/accountability.ts';
import { useCurrentUser } from '../../api/session.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { AssessmentView } from './assessment-view.tsx';
import { PeriodSelect } from './period-select.tsx';

/** Every person's own page: my rating, my evidence, my ledger, for the period chosen. */
export function MyScorePage() {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('myScore.title'));
  const user = useCurrentUser();
  const [period, setPeriod] = useState(currentPeriod());
  const assessment = useAssessment(user.id, period);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('myScore.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('myScore.intro')}
          </Text>
        </div>
        <PeriodSelect value={period} onChange={setPeriod} />
      </Group>
      <ErrorAlert error={assessment.error} />
      {assessment.isPending ? <Text>{tc('common.loading')}</Text> : assessment.data && <AssessmentView assessment={assessment.data} />}
    </Stack>
  );
}
