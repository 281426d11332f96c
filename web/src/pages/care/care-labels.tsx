import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CareReason, CareVisit, VisitPlan } from '../../api/care.ts';

export function ReasonBadges({ reasons }: { reasons: readonly CareReason[] }) {
  const { t } = useTranslation('care');
  return (
    <Group gap={4}>
      {reasons.map((r) => (
        <Badge key={r} variant="light" color={r === 'other' ? 'gray' : 'grape'}>
          {t(`reasons.${r}`)}
        </Badge>
      ))}
    </Group>
  );
}

/** "Monday 09:00–11:00 · ring twice" from a plan's (or visit's) preferences. */
export function usePreferredText() {
  const { t } = useTranslation('care');
  return (p: Pick<VisitPlan, 'preferredWeekday' | 'preferredFrom' | 'preferredUntil' | 'preferredNote'>) =>
    [
      p.preferredWeekday ? t(`weekdays.${String(p.preferredWeekday) as '1'}`) : null,
      p.preferredFrom && p.preferredUntil ? `${p.preferredFrom}–${p.preferredUntil}` : (p.preferredFrom ?? p.preferredUntil),
      p.preferredNote || null,
    ].filter(Boolean).join(' · ');
}

export function VisitStatusBadge({ visit }: { visit: Pick<CareVisit, 'ticketStatus' | 'daysOverdue' | 'recordedAt'> }) {
  const { t } = useTranslation('care');
  if (visit.daysOverdue > 0) return <Badge color="red">{t('visits.daysOverdue', { count: visit.daysOverdue })}</Badge>;
  const status = (visit.ticketStatus ?? 'registered') as 'registered';
  return <Badge color={visit.recordedAt ? 'green' : 'blue'} variant="light">{t(`ticketStatuses.${status}`, { defaultValue: status })}</Badge>;
}
