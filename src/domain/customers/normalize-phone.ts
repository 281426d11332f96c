import { invalid } from '../shared/domain-error.ts';

/** Spaces, dashes, dots and brackets people type inside a number ("138 0013-8000", "(010) 6552.1234"). */
const PHONE_SEPARATORS = /[\s\-.()（）\u2010-\u2015\u00a0\u3000]+/g;

/** A phone number as stored and compared: separators removed, full-width digits made ASCII. */
export function normalizePhone(raw: string, field = 'phones'): string {
  const phone = toAsciiDigits(raw.trim()).replace(PHONE_SEPARATORS, '');
  if (!/^\+?[0-9]{3,20}$/.test(phone)) throw invalid(`"${raw}" is not a phone number`, field);
  return phone;
}

/**
 * A search query that looks like a phone number typed with separators ("138-0013 8000"), stripped
 * the way stored phones are so that it matches; null when it is not one.
 */
export function toPhoneQuery(q: string): string | null {
  const ascii = toAsciiDigits(q.trim());
  if (!/^\+?[0-9(（][0-9\s\-.()（）]*$/.test(ascii)) return null;
  const stripped = ascii.replace(PHONE_SEPARATORS, '');
  return stripped === ascii ? null : stripped;
}

function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/＋/g, '+');
}
