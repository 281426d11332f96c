import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Page, Staff } from '../api/types.ts';

/** Choose a staff member by typing part of a name or email; the server does the searching. */
export function StaffPicker(props: {
  label: string;
  value: number | null;
  /** The chosen person's name, so it shows before any search ran. */
  valueName?: string | null;
  onChange: (id: number | null, name: string | null) => void;
  error?: string;
  description?: string;
  activeOnly?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [known, setKnown] = useState<Map<string, string>>(new Map());
  const selectedLabel = props.value === null ? null : props.valueName ?? known.get(String(props.value)) ?? null;
  // Once chosen, the input shows the chosen label; that is not a search.
  const [debounced] = useDebouncedValue(selectedLabel !== null && (search === selectedLabel || search.startsWith(`${selectedLabel} <`)) ? '' : search, 250);
  const query = useQuery({
    queryKey: ['staff', 'picker', debounced, props.activeOnly ?? true],
    queryFn: () => api.get<Page<Staff>>('/api/staff', { q: debounced.trim() || undefined, active: (props.activeOnly ?? true) ? true : undefined, limit: 20 }),
    staleTime: 30_000,
  });
  const options = new Map<string, string>();
  for (const s of query.data?.items ?? []) options.set(String(s.id), `${s.name} <${s.email}>`);
  if (props.value !== null && !options.has(String(props.value))) options.set(String(props.value), selectedLabel ?? `#${props.value}`);
  const data = [...options].map(([value, label]) => ({ value, label }));

  return (
    <Select
      label={props.label}
      description={props.description}
      error={props.error}
      data={data}
      value={props.value === null ? null : String(props.value)}
      onChange={(value) => {
        const label = value ? options.get(value) ?? null : null;
        if (value && label) setKnown(new Map(known).set(value, label));
        props.onChange(value ? Number(value) : null, label ? label.replace(/ <[^>]*>$/, '') : null);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      clearable
      nothingFoundMessage={query.isFetching ? t('common.loading') : t('common.noResults')}
      autoFocus={props.autoFocus}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
