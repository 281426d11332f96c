import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentPeriod, refreshAccountability, type SheetRow } from '../../api/accountability.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { StatusMessage, useStatus } from '../../components/status-message.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { formatScore, formatShare, LevelBadge } from './labels.tsx';
import { PeriodSelect } from './period-select.tsx';
import { RateModal } from './rate-modal.tsx';

/** A supervisor's sheet: the people they rate this period, each with the evidence and a suggested score. */
export function RatingsPage() {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('ratings.title'));
  const queryClient = useQueryClient();
  const status = useStatus();
  const [period, setPeriod] = useState(currentPeriod());
  const [rating, setRating] = useState<SheetRow | null>(null);
  const sheet = useQuery({ queryKey: ['accountability', 'sheet', period], queryFn: () => api.get<{ period: string; items: SheetRow[] }>('/api/ratings/sheet', { period }) });
  const rows = sheet.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('ratings.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('ratings.intro')}
          </Text>
        </div>
        <PeriodSelect value={period} onChange={setPeriod} />
      </Group>
      <StatusMessage status={status.status} onClose={status.clear} />
      <ErrorAlert error={sheet.error} />
      {sheet.isPending && <Text>{tc('common.loading')}</Text>}
      {!sheet.isPending && rows.length === 0 && <Text>{t('ratings.empty')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="xs" data-testid="rating-sheet">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common.person')}</Table.Th>
                <Table.Th scope="col">{t('assessment.commitments')}</Table.Th>
                <Table.Th scope="col">{t('assessment.satisfaction')}</Table.Th>
                <Table.Th scope="col">{t('assessment.complaints')}</Table.Th>
                <Table.Th scope="col">{t('assessment.score')}</Table.Th>
                <Table.Th scope="col">{t('assessment.spotChecks')}</Table.Th>
                <Table.Th scope="col">{t('assessment.suggestion')}</Table.Th>
                <Table.Th scope="col">{t('assessment.rating')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.person.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${r.person.id}/assessment?period=${period}`}>
                      {r.person.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {r.person.departmentName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatShare(r.evidence.commitments.share)}</Table.Td>
                  <Table.Td>{r.evidence.satisfaction.mean === null ? '–' : r.evidence.satisfaction.mean.toFixed(2)}</Table.Td>
                  <Table.Td>{r.evidence.verifiedComplaints}</Table.Td>
                  <Table.Td>{r.evidence.score}</Table.Td>
                  <Table.Td>{formatShare(r.evidence.spotChecks.share)}</Table.Td>
                  <Table.Td>{formatScore(r.suggestion.score)}</Table.Td>
                  <Table.Td>
                    {r.rating ? (
                      <Group gap={4}>
                        {formatScore(r.rating.score)} <LevelBadge level={r.rating.level} />
                      </Group>
                    ) : (
                      '–'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => setRating(r)} aria-label={t(r.rating ? 'ratings.changeNamed' : 'ratings.rateNamed', { name: r.person.name })}>
                      {r.rating ? t('ratings.change') : t('ratings.rate')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rating && (
        <RateModal
          person={rating.person}
          period={period}
          rating={rating.rating}
          suggestion={rating.suggestion}
          onClose={() => setRating(null)}
          onDone={async (saved) => {
            setRating(null);
            await refreshAccountability(queryClient);
            status.success(t('ratings.saved', { name: saved.personName, score: formatScore(saved.score) }));
          }}
        />
      )}
    </Stack>
  );
}
