import { DomainValidationError } from '../shared/domain-validation-error.ts';

/** Trimmed text of 1..max characters (or, when optional, null for nothing). */
export function readText(value: unknown, field: string, max: number, optional = false): string | null {
  if (value === undefined || value === null) {
    if (optional) return null;
    throw new DomainValidationError(field, `"${field}" is required`);
  }
  if (typeof value !== 'string') throw new DomainValidationError(field, `"${field}" must be text`);
  const text = value.trim();
  if (text === '') {
    if (optional) return null;
    throw new DomainValidationError(field, `"${field}" cannot be empty`);
  }
  if (text.length > max) throw new DomainValidationError(field, `"${field}" is too long (at most ${max} characters)`);
  return text;
}
