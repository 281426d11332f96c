import { useQuery } from '@tanstack/react-query';
import { fetchAll } from './client.ts';
import type { Category, Department } from './types.ts';

export const DEPARTMENTS_KEY = ['departments', 'all'] as const;
export const CATEGORIES_KEY = ['categories', 'all'] as const;

/** Every department (active and not), all pages followed: the tree is built client-side. */
export function useAllDepartments() {
  return useQuery({ queryKey: DEPARTMENTS_KEY, queryFn: () => fetchAll<Department>('/api/departments') });
}

export function useAllCategories() {
  return useQuery({ queryKey: CATEGORIES_KEY, queryFn: () => fetchAll<Category>('/api/categories') });
}
