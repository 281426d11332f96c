/** What went wrong, in terms the HTTP layer maps to a status (see src/http/errors.ts). */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'wrong_state'
  | 'stale'
  | 'locked'
  /** It existed but no longer works (an expired link). */
  | 'gone';

/** An error a person can act on: a plain-English message and, where it applies, the field at fault. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
    /** A more specific machine code than the kind, e.g. `email_taken`. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, field?: string, code?: string) => new DomainError('invalid', message, field, code);
export const notFound = (message: string) => new DomainError('not_found', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const conflict = (message: string, field?: string, code?: string) => new DomainError('conflict', message, field, code);
