import { Anchor, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentPeriod, type DepartmentReportRow, type PersonReportRow } from '../../api/accountability.ts';
import { api, buildUrl } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { usePageTitle } from '../../components/use-page-title.ts';
import { formatScore, LevelBadge } from './labels.tsx';
import { PeriodSelect } from './period-select.tsx';

/** The period per person and per department over the people I may see, with CSV exports. */
export function AccountabilityReportsPage() {
  const { t } = useTranslation('accountability');
  const { t: tc } = useTranslation();
  usePageTitle(t('reports.title'));
  const [period, setPeriod] = useState(currentPeriod());
  const report = useQuery({
    queryKey: ['accountability', 'report', period],
    queryFn: () => api.get<{ period: string; people: PersonReportRow[]; departments: DepartmentReportRow[] }>('/api/ratings/report', { period }),
  });
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('reports.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('reports.intro')}
          </Text>
        </div>
        <PeriodSelect value={period} onChange={setPeriod} />
      </Group>
      <Group>
        <Anchor href={buildUrl('/api/ratings/report.csv', { period, groupBy: 'person' })} download>
          {t('reports.csvPeople')}
        </Anchor>
        <Anchor href={buildUrl('/api/ratings/report.csv', { period, groupBy: 'department' })} download>
          {t('reports.csvDepartments')}
        </Anchor>
      </Group>
      <ErrorAlert error={report.error} />
      {report.isPending && <Text>{tc('common.loading')}</Text>}
      {report.data && (
        <Tabs defaultValue="people">
          <Tabs.List>
            <Tabs.Tab value="people">{t('reports.byPerson')}</Tabs.Tab>
            <Tabs.Tab value="departments">{t('reports.byDepartment')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="people" pt="sm">
            <Table.ScrollContainer minWidth={1000}>
              <Table striped verticalSpacing="xs" data-testid="report-people">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('common.person')}</Table.Th>
                    <Table.Th scope="col">{t('reports.commitments')}</Table.Th>
                    <Table.Th scope="col">{t('assessment.satisfaction')}</Table.Th>
                    <Table.Th scope="col">{t('assessment.complaints')}</Table.Th>
                    <Table.Th scope="col">{t('reports.deductions')}</Table.Th>
                    <Table.Th scope="col">{t('assessment.score')}</Table.Th>
                    <Table.Th scope="col">{t('assessment.spotChecks')}</Table.Th>
                    <Table.Th scope="col">{t('assessment.suggestion')}</Table.Th>
                    <Table.Th scope="col">{t('assessment.rating')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.data.people.map((p) => (
                    <Table.Tr key={p.personId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/people/${p.personId}/assessment?period=${period}`}>
                          {p.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {p.departmentName}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t('reports.metOf', { met: p.commitmentsMet, total: p.commitmentsMet + p.commitmentsBreached })}</Table.Td>
                      <Table.Td>{p.satisfactionMean === null ? '–' : p.satisfactionMean.toFixed(2)}</Table.Td>
                      <Table.Td>{p.verifiedComplaints}</Table.Td>
                      <Table.Td>{t('reports.pointsOf', { count: p.confirmedDeductions, points: p.confirmedPoints })}</Table.Td>
                      <Table.Td>{p.score}</Table.Td>
                      <Table.Td>{t('reports.passedOf', { passed: p.spotChecksPassed, audited: p.spotChecksAudited })}</Table.Td>
                      <Table.Td>{formatScore(p.suggestedScore)}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {formatScore(p.ratingScore)} <LevelBadge level={p.ratingLevel} />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Tabs.Panel>
          <Tabs.Panel value="departments" pt="sm">
            <Table.ScrollContainer minWidth={800}>
              <Table striped verticalSpacing="xs" data-testid="report-departments">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('common.department')}</Table.Th>
                    <Table.Th scope="col">{t('reports.people')}</Table.Th>
                    <Table.Th scope="col">{t('reports.commitments')}</Table.Th>
                    <Table.Th scope="col">{t('assessment.complaints')}</Table.Th>
                    <Table.Th scope="col">{t('reports.deductions')}</Table.Th>
                    <Table.Th scope="col">{t('reports.averageScore')}</Table.Th>
                    <Table.Th scope="col">{t('reports.averageRating')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.data.departments.map((d) => (
                    <Table.Tr key={String(d.departmentId)}>
                      <Table.Td>{d.departmentName ?? t('spotChecks.noDepartment')}</Table.Td>
                      <Table.Td>{d.people}</Table.Td>
                      <Table.Td>{t('reports.metOf', { met: d.commitmentsMet, total: d.commitmentsMet + d.commitmentsBreached })}</Table.Td>
                      <Table.Td>{d.verifiedComplaints}</Table.Td>
                      <Table.Td>{t('reports.pointsOf', { count: d.confirmedDeductions, points: d.confirmedPoints })}</Table.Td>
                      <Table.Td>{d.averageScore}</Table.Td>
                      <Table.Td>{t('reports.ratedOf', { average: formatScore(d.averageRating), rated: d.rated })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
