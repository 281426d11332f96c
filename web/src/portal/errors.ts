import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';

type PortalT = TFunction<'portal'>;

/** A message for customers: known error codes in the current language, otherwise the server's words. */
export function describePortalError(t: PortalT, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.generic');
  switch (err.code) {
    case 'invalid_credentials':
      return t('errors.invalid_credentials');
    case 'too_many_attempts': {
      const minutes = /(\d+)\s*minute/.exec(err.message)?.[1];
      return minutes ? t('errors.too_many_attempts', { minutes }) : t('errors.too_many_attempts_generic');
    }
    case 'csrf':
      return t('errors.csrf');
    case 'stale_version':
      return t('errors.stale_version');
    case 'wrong_state':
      return t('errors.wrong_state');
    case 'already_rated':
      return t('errors.already_rated');
    case 'network':
      return t('errors.network');
    case 'unauthorized':
      return t('errors.unauthorized');
    default:
      if (err.field === 'password') return t('errors.passwordLength');
      if (err.field === 'email') return t('errors.email');
      if (err.field === 'phone') return t('errors.phone');
      if (err.status === 404) return t('errors.not_found');
      if (err.status >= 500) return t('errors.generic');
      return err.message || t('errors.generic');
  }
}

/** The request moved on (someone else changed it, or it was rated already): the page reloads it. */
export function isTicketConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409;
}

/** The message beside input `field`, when the error is about it. */
export function portalFieldError(t: PortalT, err: unknown, field: string): string | undefined {
  return err instanceof ApiError && err.field === field ? describePortalError(t, err) : undefined;
}

/** The message for a form-level alert: only when no input shows the error itself. */
export function portalFormError(t: PortalT, err: unknown, fields: readonly string[]): string | undefined {
  if (!err) return undefined;
  if (err instanceof ApiError && err.field && fields.includes(err.field)) return undefined;
  return describePortalError(t, err);
}
