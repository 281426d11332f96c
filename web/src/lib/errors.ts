import type { TFunction } from 'i18next';
import type { LinkT } from '../i18n/link-texts.ts';
import { ApiError } from '../api/client.ts';
import type { Resources } from '../i18n/en.ts';
import type { PortalResources } from '../i18n/portal-en.ts';

/** Any namespace's `errors.*` texts, as the mapper reads them (i18next's t, or a link page's light one). */
type ErrorT = (key: string, options?: Record<string, unknown>) => string;

/**
 * How one audience's errors become messages: the codes with a text of their own (`errors.<code>`;
 * the compiler checks each is in that namespace), codes that share another's text, and the
 * audience's rules for whatever else comes back (`describeOther`, before the server's own message).
 */
interface ErrorMessages<Key extends string> {
  codes: readonly Key[];
  aliases?: Readonly<Record<string, Key>>;
  describeOther?: (err: ApiError, t: ErrorT) => string | undefined;
}

/** One error mapper for the staff app and the portal: describe, the message beside a field, the form-level message. */
function errorMapper<Key extends string>(spec: ErrorMessages<Key>) {
  const describe = (t: ErrorT, err: unknown): string => {
    if (!(err instanceof ApiError)) return t('errors.generic');
    if (err.code === 'too_many_attempts') {
      const minutes = /(\d+)\s*minute/.exec(err.message)?.[1];
      return minutes ? t('errors.too_many_attempts', { minutes }) : t('errors.too_many_attempts_generic');
    }
    const code = spec.aliases?.[err.code] ?? err.code;
    if ((spec.codes as readonly string[]).includes(code)) return t(`errors.${code}`);
    const other = spec.describeOther?.(err, t);
    if (other !== undefined) return other;
    if (err.status >= 500) return t('errors.generic');
    return err.message || t('errors.generic');
  };
  return {
    describe,
    /** The message to show beside the input `field`, when the error is about it. */
    field: (t: ErrorT, err: unknown, field: string): string | undefined => (err instanceof ApiError && err.field === field ? describe(t, err) : undefined),
    /** The message for a form-level alert: only when no input shows the error itself. */
    form: (t: ErrorT, err: unknown, fields: readonly string[]): string | undefined => {
      if (!err) return undefined;
      if (err instanceof ApiError && err.field && fields.includes(err.field)) return undefined;
      return describe(t, err);
    },
  };
}

const staffErrors = errorMapper<keyof Resources['errors']>({
  codes: ['invalid_credentials', 'email_taken', 'name_taken', 'csrf', 'stale_version', 'wrong_state', 'network', 'internal', 'unauthorized'],
  aliases: { invalid_token: 'unauthorized' },
  describeOther: (err, t) => (err.status === 403 ? err.message || t('errors.forbidden') : undefined),
});

const portalErrors = errorMapper<keyof PortalResources['errors']>({
  codes: ['invalid_credentials', 'csrf', 'stale_version', 'wrong_state', 'already_rated', 'network', 'unauthorized'],
  // Customers get the rule for the field, not the server's wording.
  describeOther: (err, t) => {
    if (err.field === 'password') return t('errors.passwordLength');
    if (err.field === 'email') return t('errors.email');
    if (err.field === 'phone') return t('errors.phone');
    if (err.status === 404) return t('errors.not_found');
    return undefined;
  },
});

/** The texts of the staff app ('translation') or of the portal ('portal'). */
const loose = (t: TFunction | TFunction<'portal'>) => t as unknown as ErrorT;

/** A message for people: known error codes in the current language, otherwise the server's message. */
export function describeError(t: TFunction, err: unknown): string {
  return staffErrors.describe(loose(t), err);
}

/** Someone else changed the ticket, or it moved on: the page reloads it and says so. */
export function isConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && (err.code === 'stale_version' || err.code === 'wrong_state');
}

/** The message to show beside the input `field`, when the error is about it. */
export function fieldError(t: TFunction, err: unknown, field: string): string | undefined {
  return staffErrors.field(loose(t), err, field);
}

/** The message for a form-level alert: only when no input shows the error itself. */
export function formError(t: TFunction, err: unknown, fields: readonly string[]): string | undefined {
  return staffErrors.form(loose(t), err, fields);
}

/** A message for customers (the 'portal' texts): known error codes in the current language, otherwise the server's words. */
export function describePortalError(t: TFunction<'portal'>, err: unknown): string {
  return portalErrors.describe(loose(t), err);
}

/** The message beside input `field` in the portal, when the error is about it. */
export function portalFieldError(t: TFunction<'portal'>, err: unknown, field: string): string | undefined {
  return portalErrors.field(loose(t), err, field);
}

/** The portal's message for a form-level alert: only when no input shows the error itself. */
export function portalFormError(t: TFunction<'portal'>, err: unknown, fields: readonly string[]): string | undefined {
  return portalErrors.form(loose(t), err, fields);
}

/** describeError for a page without i18next (a link page's light `t` over the 'translation' texts). */
export function describeErrorWith(t: LinkT<'translation'>, err: unknown): string {
  return staffErrors.describe(t as ErrorT, err);
}

/** describePortalError for a page without i18next (a link page's light `t` over the 'portal' texts). */
export function describePortalErrorWith(t: LinkT<'portal'>, err: unknown): string {
  return portalErrors.describe(t as ErrorT, err);
}
