import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAllDepartments } from '../api/org.ts';
import { buildTree, flattenTree } from '../lib/tree.ts';

/** Choose a department from the whole tree, shown as paths ("Head office / Sales"). */
export function DepartmentSelect(props: {
  label: string;
  value: number | null;
  onChange: (id: number | null) => void;
  error?: string;
  description?: string;
  placeholder?: string;
  /** Offer deactivated departments too (filters); forms offer active ones only. */
  includeInactive?: boolean;
  clearable?: boolean;
  required?: boolean;
}) {
  const { i18n } = useTranslation();
  const { data } = useAllDepartments();
  const items = (data ?? []).filter((d) => props.includeInactive || d.active || d.id === props.value);
  const options = flattenTree(buildTree(items, i18n.language)).map(({ item, path }) => ({ value: String(item.id), label: path }));
  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={props.placeholder}
      error={props.error}
      data={options}
      value={props.value === null ? null : String(props.value)}
      onChange={(v) => props.onChange(v ? Number(v) : null)}
      searchable
      clearable={props.clearable ?? true}
      required={props.required}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
