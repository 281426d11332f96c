import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { recentPeriods } from '../../api/accountability.ts';

/** A month or quarter of the last year, newest first (keys like 2026-05 and 2026-Q2). */
export function PeriodSelect({ value, onChange, label }: { value: string; onChange: (period: string) => void; label?: string }) {
  const { t } = useTranslation('accountability');
  const { months, quarters } = recentPeriods();
  const data = [
    { group: t('period.months'), items: months.map((m) => ({ value: m, label: m })) },
    { group: t('period.quarters'), items: quarters.map((q) => ({ value: q, label: q })) },
  ];
  return <Select label={label ?? t('period.label')} data={data} value={value} onChange={(v) => v && onChange(v)} allowDeselect={false} w={180} />;
}
