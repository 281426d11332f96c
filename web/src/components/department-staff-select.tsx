import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchAll } from '../api/client.ts';
import type { Staff } from '../api/types.ts';

/** Choose an active person of one department (the handler of a hand-over or an assignment). */
export function DepartmentStaffSelect(props: {
  label: string;
  departmentId: number | null;
  value: number | null;
  /** Shown while the department's staff load, so a pre-filled choice reads right at once. */
  valueName?: string | null;
  onChange: (id: number | null) => void;
  description?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['staff', 'department', props.departmentId],
    queryFn: () => fetchAll<Staff>('/api/staff', { departmentId: props.departmentId ?? undefined, active: true }, 5),
    enabled: props.departmentId !== null,
    staleTime: 60_000,
  });
  const options = (query.data ?? []).map((s) => ({ value: String(s.id), label: s.name }));
  if (props.value !== null && !options.some((o) => o.value === String(props.value))) {
    options.push({ value: String(props.value), label: props.valueName ?? `#${props.value}` });
  }
  return (
    <Select
      label={props.label}
      description={props.departmentId === null ? t('actionForm.chooseDepartmentFirst') : props.description}
      error={props.error}
      data={options}
      value={props.value === null ? null : String(props.value)}
      onChange={(v) => props.onChange(v ? Number(v) : null)}
      searchable
      clearable={!props.required}
      required={props.required}
      disabled={props.disabled || props.departmentId === null}
      selectFirstOptionOnChange
      selectFirstOptionOnDropdownOpen
      nothingFoundMessage={query.isFetching ? t('common.loading') : t('common.noResults')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
