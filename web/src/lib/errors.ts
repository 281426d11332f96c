import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';

/** A message for people: known error codes in the current language, otherwise the server's message. */
export function describeError(t: TFunction, err: unknown): string {
  if (!(err instanceof ApiError)) return t('errors.generic');
  switch (err.code) {
    case 'invalid_credentials':
      return t('errors.invalid_credentials');
    case 'too_many_attempts': {
      const minutes = /(\d+)\s*minute/.exec(err.message)?.[1];
      return minutes ? t('errors.too_many_attempts', { minutes }) : t('errors.too_many_attempts_generic');
    }
    case 'email_taken':
      return t('errors.email_taken');
    case 'name_taken':
      return t('errors.name_taken');
    case 'csrf':
      return t('errors.csrf');
    case 'stale_version':
      return t('errors.stale_version');
    case 'wrong_state':
      return t('errors.wrong_state');
    case 'network':
      return t('errors.network');
    case 'internal':
      return t('errors.internal');
    case 'unauthorized':
    case 'invalid_token':
      return t('errors.unauthorized');
    default:
      if (err.status === 403) return err.message || t('errors.forbidden');
      if (err.status >= 500) return t('errors.generic');
      return err.message || t('errors.generic');
  }
}

/** Someone else changed the ticket, or it moved on: the page reloads it and says so. */
export function isConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && (err.code === 'stale_version' || err.code === 'wrong_state');
}

/** The message to show beside the input `field`, when the error is about it. */
export function fieldError(t: TFunction, err: unknown, field: string): string | undefined {
  return err instanceof ApiError && err.field === field ? describeError(t, err) : undefined;
}

/** The message for a form-level alert: only when no input shows the error itself. */
export function formError(t: TFunction, err: unknown, fields: readonly string[]): string | undefined {
  if (!err) return undefined;
  if (err instanceof ApiError && err.field && fields.includes(err.field)) return undefined;
  return describeError(t, err);
}
