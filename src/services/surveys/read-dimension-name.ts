import { invalid } from '../../domain/shared/domain-error.ts';

export function readDimensionName(value: string, field: string): string {
  const name = value.trim();
  if (name === '' || name.length > 100) throw invalid('A name must be 1–100 characters', field);
  return name;
}
