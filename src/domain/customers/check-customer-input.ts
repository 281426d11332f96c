import { normalizeEmail, normalizeName } from '../org/validate-staff.ts';
import { invalid } from '../shared/domain-error.ts';
import {
  CUSTOMER_CHANNELS,
  CUSTOMER_KINDS,
  CUSTOMER_LANGUAGES,
  CUSTOMER_LIMITS,
  type CustomerKind,
  type CustomerLanguage,
} from './customer-fields.ts';
import { normalizePhone } from './normalize-phone.ts';

/**
 * A customer's fields as a client or an import row gives them. Lists may come as arrays or as one
 * string separated by , ; ， ； or new lines (a spreadsheet cell); booleans also as yes/no, 1/0, 是/否.
 */
export interface CustomerInput {
  kind?: unknown;
  name?: unknown;
  organisation?: unknown;
  parentId?: unknown;
  departmentId?: unknown;
  phones?: unknown;
  emails?: unknown;
  addresses?: unknown;
  segment?: unknown;
  tags?: unknown;
  preferredLanguage?: unknown;
  preferredChannel?: unknown;
  consentContact?: unknown;
  consentSurveys?: unknown;
  consentMarketing?: unknown;
  notes?: unknown;
  isAccount?: unknown;
  scorecardEnabled?: unknown;
  active?: unknown;
}

/** The same fields normalised, with every default filled in: what is stored. */
export interface CustomerFields {
  kind: CustomerKind;
  name: string;
  organisation: string | null;
  parentId: number | null;
  departmentId: number | null;
  phones: string[];
  emails: string[];
  addresses: string[];
  segment: string | null;
  tags: string[];
  preferredLanguage: CustomerLanguage | null;
  preferredChannel: string | null;
  consentContact: boolean;
  consentSurveys: boolean;
  consentMarketing: boolean;
  notes: string;
  isAccount: boolean;
  scorecardEnabled: boolean;
  active: boolean;
}

const LIST_SEPARATORS = /[,;，；、\n\r]+/;

/**
 * Checks and normalises every field of a customer; throws `invalid(message, field)` naming the
 * first field at fault. Pure: whether parentId / departmentId exist is the caller's to check.
 * For an edit, pass the stored fields overlaid with the changes, so the cross-field rules
 * (an internal customer names its department; only an account has a scorecard) see the whole record.
 */
export function checkCustomerInput(input: CustomerInput): CustomerFields {
  const kind = readEnum(input.kind, CUSTOMER_KINDS, 'kind') ?? 'person';
  if (typeof input.name !== 'string') throw invalid('Give the customer a name', 'name');
  const name = normalizeName(input.name, 'name');
  const organisation = readText(input.organisation, 'organisation', CUSTOMER_LIMITS.organisation);
  const parentId = readId(input.parentId, 'parentId');
  const departmentId = readId(input.departmentId, 'departmentId');
  if (kind === 'internal' && departmentId === null) throw invalid('An internal customer is a department: choose which', 'departmentId');
  if (kind !== 'internal' && departmentId !== null) throw invalid('Only an internal customer belongs to one of our departments', 'departmentId');
  const phones = unique(readList(input.phones, 'phones').map((p) => normalizePhone(p, 'phones')));
  const emails = unique(readList(input.emails, 'emails').map((e) => normalizeEmail(e, 'emails')));
  const addresses = unique(readList(input.addresses, 'addresses', /[\n\r]+/).map((a) => a.replace(/\s+/g, ' ')));
  for (const a of addresses) if (a.length > CUSTOMER_LIMITS.address) throw invalid(`An address must be at most ${CUSTOMER_LIMITS.address} characters`, 'addresses');
  const tags = unique(readList(input.tags, 'tags').map((t) => t.replace(/\s+/g, ' ')));
  for (const t of tags) if (t.length > CUSTOMER_LIMITS.tag) throw invalid(`A tag must be at most ${CUSTOMER_LIMITS.tag} characters`, 'tags');
  const segment = readSegment(input.segment);
  const preferredLanguage = readLanguage(input.preferredLanguage);
  const preferredChannel = readEnum(input.preferredChannel, CUSTOMER_CHANNELS, 'preferredChannel');
  const notes = readText(input.notes, 'notes', CUSTOMER_LIMITS.notes, true) ?? '';
  const isAccount = readBoolean(input.isAccount, 'isAccount') ?? false;
  const scorecardEnabled = readBoolean(input.scorecardEnabled, 'scorecardEnabled') ?? false;
  if (isAccount && kind !== 'organisation') throw invalid('Only an organisation can be a B2B account', 'isAccount');
  if (scorecardEnabled && !isAccount) throw invalid('A weekly scorecard is opened for a B2B account only', 'scorecardEnabled');
  return {
    kind, name, organisation, parentId, departmentId, phones, emails, addresses, segment, tags, preferredLanguage, preferredChannel,
    consentContact: readBoolean(input.consentContact, 'consentContact') ?? true,
    consentSurveys: readBoolean(input.consentSurveys, 'consentSurveys') ?? true,
    consentMarketing: readBoolean(input.consentMarketing, 'consentMarketing') ?? false,
    notes, isAccount, scorecardEnabled,
    active: readBoolean(input.active, 'active') ?? true,
  };
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function readText(value: unknown, field: string, max: number, multiline = false): string | null {
  if (isBlank(value)) return null;
  if (typeof value !== 'string') throw invalid('Must be text', field);
  const text = multiline ? value.trim() : value.trim().replace(/\s+/g, ' ');
  if (text.length > max) throw invalid(`Must be at most ${max} characters`, field);
  return text;
}

function readId(value: unknown, field: string): number | null {
  if (isBlank(value)) return null;
  const n = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw invalid(`"${String(value)}" is not a record id`, field);
  return n;
}

function readList(value: unknown, field: string, separators: RegExp = LIST_SEPARATORS): string[] {
  if (isBlank(value)) return [];
  const items = typeof value === 'string' ? value.split(separators) : value;
  if (!Array.isArray(items)) throw invalid('Must be a list', field);
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') throw invalid('Every entry must be text', field);
    if (item.trim()) out.push(item.trim());
  }
  if (out.length > CUSTOMER_LIMITS.listItems) throw invalid(`At most ${CUSTOMER_LIMITS.listItems} entries`, field);
  return out;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function readEnum<T extends string>(value: unknown, allowed: readonly T[], field: string): T | null {
  if (isBlank(value)) return null;
  const v = typeof value === 'string' ? value.trim().toLowerCase() : value;
  const hit = allowed.find((a) => a === v);
  if (!hit) throw invalid(`"${String(value)}" is not one of ${allowed.join(', ')}`, field);
  return hit;
}

function readLanguage(value: unknown): CustomerLanguage | null {
  if (isBlank(value)) return null;
  const v = typeof value === 'string' ? value.trim().toLowerCase().replace('_', '-') : '';
  // "zh" and "zh-cn" as people write them; the stored key is the app's own language code.
  if (v === 'zh' || v === 'zh-cn' || v === 'zh-hans' || v === '中文') return 'zh-CN';
  if (v === 'en' || v === 'english' || v.startsWith('en-')) return 'en';
  throw invalid(`"${String(value)}" is not one of ${CUSTOMER_LANGUAGES.join(', ')}`, 'preferredLanguage');
}

function readSegment(value: unknown): string | null {
  if (isBlank(value)) return null;
  if (typeof value !== 'string') throw invalid('Must be text', 'segment');
  const segment = value.trim().toLowerCase();
  if (!/^[a-z0-9_]{1,40}$/.test(segment)) throw invalid('A segment is a key of 1–40 lower-case letters, digits or _ (e.g. key_account)', 'segment');
  return segment;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '同意']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '不同意']);

function readBoolean(value: unknown, field: string): boolean | null {
  if (isBlank(value)) return null;
  if (typeof value === 'boolean') return value;
  const v = typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : '';
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  throw invalid(`"${String(value)}" is not yes or no`, field);
}
