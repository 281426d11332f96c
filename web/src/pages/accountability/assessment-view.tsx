import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Assessment, Deduction } from '../../api/accountability.ts';
import { formatDateTime } from '../../lib/format.ts';
import { DeductionStatusBadge, formatScore, formatShare, LevelBadge } from './labels.tsx';

function Figure({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId?: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
      {detail && <Text size="xs">{detail}</Text>}
    </Card>
  );
}

/** A person's period: their rating, the evidence beside it, the suggested score and how it was reached, and the ledger. */
export function AssessmentView({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation('accountability');
  const { evidence: ev, suggestion: s, rating } = assessment;
  return (
    <Stack gap="lg">
      <section aria-labelledby="rating-heading">
        <Title order={2} size="h3" id="rating-heading">
          {t('assessment.rating')}
        </Title>
        {rating ? (
          <Card withBorder padding="md" mt="xs" data-testid="rating">
            <Group gap="sm">
              <Text fw={700} fz="xl">
                {formatScore(rating.score)}
              </Text>
              <LevelBadge level={rating.level} />
            </Group>
            <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {rating.comment}
            </Text>
            <Text size="sm" c="dimmed" mt="xs">
              {t('assessment.ratedBy', { name: rating.ratedByName ?? '', date: rating.ratedAt.slice(0, 10) })}
            </Text>
          </Card>
        ) : (
          <Text mt="xs">{t('assessment.notRated')}</Text>
        )}
      </section>

      <section aria-labelledby="evidence-heading">
        <Title order={2} size="h3" id="evidence-heading">
          {t('assessment.evidence')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} mt="xs">
          <Figure testId="figure-score" label={t('assessment.score')} value={String(ev.score)} detail={t('assessment.scoreDetail', { points: ev.deductions.confirmedPoints })} />
          <Figure label={t('assessment.commitments')} value={formatShare(ev.commitments.share)} detail={t('assessment.commitmentsDetail', { met: ev.commitments.met, breached: ev.commitments.breached })} />
          <Figure label={t('assessment.satisfaction')} value={ev.satisfaction.mean === null ? '–' : ev.satisfaction.mean.toFixed(2)} detail={t('assessment.satisfactionDetail', { count: ev.satisfaction.count })} />
          <Figure label={t('assessment.complaints')} value={String(ev.verifiedComplaints)} />
          <Figure label={t('assessment.deductions')} value={String(ev.deductions.confirmedCount)} detail={t('assessment.deductionsDetail', { proposed: ev.deductions.proposedCount })} />
          <Figure label={t('assessment.spotChecks')} value={formatShare(ev.spotChecks.share)} detail={t('assessment.spotChecksDetail', { passed: ev.spotChecks.passed, audited: ev.spotChecks.audited })} />
        </SimpleGrid>
      </section>

      <section aria-labelledby="suggestion-heading">
        <Title order={2} size="h3" id="suggestion-heading">
          {t('assessment.suggestion')}
        </Title>
        <Group gap="sm" mt="xs" data-testid="suggestion">
          <Text fw={700} fz="xl">
            {s.score === null ? t('assessment.noSuggestion') : formatScore(s.score)}
          </Text>
          <LevelBadge level={s.level} />
        </Group>
        <Text size="sm" c="dimmed" mt={4}>
          {t('assessment.formula')}
        </Text>
        {s.base !== null && (
          <Text size="sm">
            {t('assessment.formulaApplied', { base: s.base.toFixed(2), complaints: s.complaintPenalty.toFixed(2), deductions: s.deductionPenalty.toFixed(2) })}
          </Text>
        )}
      </section>

      <section aria-labelledby="ledger-heading">
        <Title order={2} size="h3" id="ledger-heading">
          {t('assessment.ledger')}
        </Title>
        <LedgerTable items={assessment.ledger} />
      </section>

      {assessment.complaints.length > 0 && (
        <section aria-labelledby="complaints-heading">
          <Title order={2} size="h3" id="complaints-heading">
            {t('assessment.verifiedComplaints')}
          </Title>
          <ul>
            {assessment.complaints.map((c) => (
              <li key={c.id}>
                <Anchor component={Link} to={`/complaints/${c.id}`}>
                  {c.summary}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  {c.receivedAt.slice(0, 10)}
                </Text>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Stack>
  );
}

/** Ledger entries with links to their evidence. */
export function LedgerTable({ items, actions }: { items: Deduction[]; actions?: (d: Deduction) => React.ReactNode }) {
  const { t, i18n } = useTranslation('accountability');
  if (items.length === 0) return <Text mt="xs">{t('deductions.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="xs" data-testid="ledger">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('deductions.occurred')}</Table.Th>
            <Table.Th scope="col">{t('common.person')}</Table.Th>
            <Table.Th scope="col">{t('deductions.kind')}</Table.Th>
            <Table.Th scope="col">{t('deductions.points')}</Table.Th>
            <Table.Th scope="col">{t('deductions.evidence')}</Table.Th>
            <Table.Th scope="col">{t('common.status')}</Table.Th>
            {actions && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id} data-testid="ledger-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.occurredAt, i18n.language)}</Table.Td>
              <Table.Td>
                {d.personName}
                {d.departmentName && (
                  <Text size="xs" c="dimmed">
                    {d.departmentName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {t(`kinds.${d.kind as 'other'}`)}
                <Text size="xs" c="dimmed">
                  {t(`severities.${d.severity}`)}
                  {d.notice ? ` · ${t('deductions.withNotice')}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>−{d.points}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {d.ticketId && (
                    <Anchor component={Link} to={`/tickets/${d.ticketId}`} size="sm">
                      {t('deductions.ticketLink', { number: d.ticketNumber ?? d.ticketId })}
                    </Anchor>
                  )}
                  {d.complaintId && (
                    <Anchor component={Link} to={`/complaints/${d.complaintId}`} size="sm">
                      {t('deductions.complaintLink', { id: d.complaintId })}
                    </Anchor>
                  )}
                  {d.clockId && <Text size="sm">{t('deductions.clock', { id: d.clockId })}</Text>}
                  {d.eventIds.length > 0 && <Text size="sm">{t('deductions.routingEvents', { count: d.eventIds.length })}</Text>}
                </Stack>
              </Table.Td>
              <Table.Td>
                <DeductionStatusBadge status={d.status} />
                {d.decisionReason && (
                  <Text size="xs" mt={2}>
                    {d.decisionReason}
                  </Text>
                )}
              </Table.Td>
              {actions && <Table.Td>{actions(d)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
