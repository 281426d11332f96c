import { invalid } from '../shared/domain-error.ts';
import type { Role } from './roles.ts';

/** Trims and lower-cases an email; refuses what cannot be an address. */
export function normalizeEmail(raw: string, field = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) {
    throw invalid(`"${raw}" is not an email address`, field);
  }
  return email;
}

/** A name shown to people: trimmed, 1–200 characters. */
export function normalizeName(raw: string, field = 'name'): string {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw invalid('The name must not be empty', field);
  if (name.length > 200) throw invalid('The name must be at most 200 characters', field);
  return name;
}

export function assertPasswordAcceptable(password: string, field = 'password'): void {
  if (password.length < 8) throw invalid('The password must be at least 8 characters long', field);
  if (password.length > 200) throw invalid('The password must be at most 200 characters long', field);
  if (password.trim() !== password || password.trim().length === 0) {
    throw invalid('The password must not start or end with spaces', field);
  }
}

/** A person's roles without repeats; at least one. */
export function normalizeRoles(roles: readonly Role[]): Role[] {
  const unique = [...new Set(roles)];
  if (unique.length === 0) throw invalid('Give the person at least one role', 'roles');
  return unique;
}
