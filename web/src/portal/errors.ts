import { ApiError } from '../api/client.ts';

// The portal's messages come from the one error mapper (lib/errors.ts), with the portal's texts and rules.
export { describePortalError, portalFieldError, portalFormError } from '../lib/errors.ts';

/** The request moved on (someone else changed it, or it was rated already): the page reloads it. */
export function isTicketConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409;
}
