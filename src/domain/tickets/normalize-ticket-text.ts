import type { TicketRefusal } from './ticket-decision.ts';

/** Maximum lengths (characters, after trimming) of the text an action carries. */
export const TICKET_TEXT_LIMITS = {
  reason: 2_000,
  instruction: 2_000,
  summary: 2_000,
  comment: 2_000,
  note: 2_000,
  text: 10_000,
  result: 10_000,
} as const;

export type TicketTextKind = keyof typeof TICKET_TEXT_LIMITS;

/**
 * Trims `raw` and checks it against the limit of `kind`. Returns the text, null for an optional
 * text left empty, or a refusal naming `field`. Non-strings count as missing: input may come from JSON.
 */
export function normalizeTicketText(
  raw: unknown,
  field: string,
  kind: TicketTextKind,
  required: boolean,
): string | null | TicketRefusal {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    return { ok: false, code: 'invalid', message: `"${field}" must be text`, field };
  }
  if (text.length === 0) {
    return required ? { ok: false, code: 'invalid', message: `Please fill in "${field}": it must not be empty`, field } : null;
  }
  const max = TICKET_TEXT_LIMITS[kind];
  if (text.length > max) {
    return { ok: false, code: 'invalid', message: `"${field}" must be at most ${max} characters (it has ${text.length})`, field };
  }
  return text;
}
