import { wouldCreateCycle, type TreeNode } from '../org/tree.ts';
import { normalizeEmail, normalizeName } from '../org/validate-staff.ts';
import { invalid } from '../shared/domain-error.ts';
import { CUSTOMER_LIMITS, DECISION_ROLES, type DecisionRole } from './customer-fields.ts';
import { normalizePhone } from './normalize-phone.ts';

export interface ContactInput {
  name?: unknown;
  title?: unknown;
  phones?: unknown;
  emails?: unknown;
  decisionRole?: unknown;
  goals?: unknown;
  painPoints?: unknown;
  reportsToId?: unknown;
  active?: unknown;
}

export interface ContactFields {
  name: string;
  title: string | null;
  phones: string[];
  emails: string[];
  decisionRole: DecisionRole;
  goals: string;
  painPoints: string;
  reportsToId: number | null;
  active: boolean;
}

/** A B2B contact's fields, normalised; throws `invalid` naming the field. Where it sits in the chart is checkReportsTo's job. */
export function checkContactInput(input: ContactInput): ContactFields {
  if (typeof input.name !== 'string') throw invalid('Give the contact a name', 'name');
  const name = normalizeName(input.name, 'name');
  const title = text(input.title, 'title', 200) || null;
  const phones = [...new Set(list(input.phones, 'phones').map((p) => normalizePhone(p, 'phones')))];
  const emails = [...new Set(list(input.emails, 'emails').map((e) => normalizeEmail(e, 'emails')))];
  const decisionRole = DECISION_ROLES.find((r) => r === input.decisionRole);
  if (!decisionRole) throw invalid(`The decision role is one of ${DECISION_ROLES.join(', ')}`, 'decisionRole');
  const reportsTo = input.reportsToId;
  if (reportsTo !== undefined && reportsTo !== null && (typeof reportsTo !== 'number' || !Number.isSafeInteger(reportsTo) || reportsTo < 1)) {
    throw invalid('Not a contact id', 'reportsToId');
  }
  if (input.active !== undefined && typeof input.active !== 'boolean') throw invalid('Must be true or false', 'active');
  return {
    name, title, phones, emails, decisionRole,
    goals: text(input.goals, 'goals', CUSTOMER_LIMITS.contactText),
    painPoints: text(input.painPoints, 'painPoints', CUSTOMER_LIMITS.contactText),
    reportsToId: (reportsTo as number | null | undefined) ?? null,
    active: (input.active as boolean | undefined) ?? true,
  };
}

/**
 * Whether contact `id` (null for a new one) may report to `reportsToId` in its account's chart:
 * the manager must be an active contact of the same account and the line must not come back round.
 */
export function checkReportsTo(chart: ReadonlyMap<number, TreeNode & { active: boolean }>, id: number | null, reportsToId: number | null): void {
  if (reportsToId === null) return;
  const manager = chart.get(reportsToId);
  if (!manager || !manager.active) throw invalid('Report to an active contact of the same account', 'reportsToId');
  if (id !== null && wouldCreateCycle(chart, id, reportsToId)) throw invalid('That would make the organisation chart go round in a circle', 'reportsToId');
}

function text(value: unknown, field: string, max: number): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid('Must be text', field);
  const t = value.trim();
  if (t.length > max) throw invalid(`Must be at most ${max} characters`, field);
  return t;
}

function list(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalid('Must be a list of text', field);
  const items = (value as string[]).map((v) => v.trim()).filter(Boolean);
  if (items.length > CUSTOMER_LIMITS.listItems) throw invalid(`At most ${CUSTOMER_LIMITS.listItems} entries`, field);
  return items;
}
