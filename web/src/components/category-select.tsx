import { Select } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllCategories } from '../api/org.ts';
import type { Category } from '../api/types.ts';
import { buildTree, flattenTree } from '../lib/tree.ts';

/** The active duty-catalog categories as paths ("Billing / Wrong bill"); typing filters, Enter picks the first match. */
export function CategorySelect(props: {
  label: string;
  value: number | null;
  onChange: (id: number | null, category: Category | null) => void;
  placeholder?: string;
  description?: ReactNode;
  error?: string;
  includeInactive?: boolean;
  w?: number | string;
}) {
  const { i18n } = useTranslation();
  const { data } = useAllCategories();
  const items = (data ?? []).filter((c) => props.includeInactive || c.active || c.id === props.value);
  const byId = new Map(items.map((c) => [String(c.id), c]));
  const options = flattenTree(buildTree(items, i18n.language)).map(({ item, path }) => ({ value: String(item.id), label: path }));
  return (
    <Select
      label={props.label}
      placeholder={props.placeholder}
      description={props.description}
      error={props.error}
      data={options}
      value={props.value === null ? null : String(props.value)}
      onChange={(v) => props.onChange(v ? Number(v) : null, v ? byId.get(v) ?? null : null)}
      searchable
      clearable
      selectFirstOptionOnChange
      selectFirstOptionOnDropdownOpen
      w={props.w}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** A category's responsible department and default handler, inherited from its parents when unset. */
export function suggestedFor(categoryId: number | null, all: readonly Category[] | undefined): { departmentId: number | null; departmentName: string | null; handlerId: number | null; handlerName: string | null } {
  const none = { departmentId: null, departmentName: null, handlerId: null, handlerName: null };
  if (categoryId === null || !all) return none;
  const byId = new Map(all.map((c) => [c.id, c]));
  let c = byId.get(categoryId);
  let departmentId: number | null = null;
  let departmentName: string | null = null;
  let handlerId: number | null = null;
  let handlerName: string | null = null;
  for (let guard = 0; c && guard < 50; guard++) {
    if (departmentId === null && c.responsibleDepartmentId !== null) {
      departmentId = c.responsibleDepartmentId;
      departmentName = c.responsibleDepartmentName;
    }
    if (handlerId === null && c.defaultHandlerId !== null) {
      handlerId = c.defaultHandlerId;
      handlerName = c.defaultHandlerName;
    }
    if (departmentId !== null && handlerId !== null) break;
    c = c.parentId === null ? undefined : byId.get(c.parentId);
  }
  return { departmentId, departmentName, handlerId, handlerName };
}
