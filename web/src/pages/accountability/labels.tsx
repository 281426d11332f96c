import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ComplaintStatus, DeductionStatus, RatingLevel } from '../../api/accountability.ts';

// Red badges are filled: red text on Mantine's light red tint stays just under 4.5:1 (WCAG AA); yellow and orange never pass.
const STATUS_COLOR: Record<ComplaintStatus, string> = { received: 'gray', investigating: 'blue', verified: 'red', rejected: 'green', appealed: 'grape' };
const DEDUCTION_COLOR: Record<DeductionStatus, string> = { proposed: 'indigo', confirmed: 'red', dismissed: 'gray' };
const LEVEL_COLOR: Record<RatingLevel, string> = { outstanding: 'teal', excellent: 'green', good: 'blue', basic: 'grape', failed: 'red' };

/** Light badges, except red ones (see above). */
export const badgeVariant = (color: string) => (color === 'red' ? 'filled' : 'light');

export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }) {
  const { t } = useTranslation('accountability');
  return (
    <Badge color={STATUS_COLOR[status]} variant={badgeVariant(STATUS_COLOR[status])} tt="none">
      {t(`statuses.${status}`)}
    </Badge>
  );
}

export function DeductionStatusBadge({ status }: { status: DeductionStatus }) {
  const { t } = useTranslation('accountability');
  return (
    <Badge color={DEDUCTION_COLOR[status]} variant={badgeVariant(DEDUCTION_COLOR[status])} tt="none">
      {t(`deductionStatuses.${status}`)}
    </Badge>
  );
}

export function LevelBadge({ level }: { level: RatingLevel | null }) {
  const { t } = useTranslation('accountability');
  if (!level) return null;
  return (
    <Badge color={LEVEL_COLOR[level]} variant={badgeVariant(LEVEL_COLOR[level])} tt="none">
      {t(`levels.${level}`)}
    </Badge>
  );
}

/** A share 0..1 as a whole percentage, or a dash. */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

/** A 0–10 score with two decimals, or a dash. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '–' : score.toFixed(2);
}
