import { DomainValidationError } from '../shared/domain-validation-error.ts';

export const DEDUCTION_KINDS = ['handover_late', 'handler_no_contact', 'handler_late', 'cold_treatment', 'not_informed', 'passing_the_buck'] as const;
export type DeductionKind = (typeof DEDUCTION_KINDS)[number];

export const DEDUCTION_SEVERITIES = ['minor', 'serious'] as const;
export type DeductionSeverity = (typeof DEDUCTION_SEVERITIES)[number];

/** PRODUCT.md §4: a minor case deducts 10 points, a serious one 30. */
export const DEFAULT_DEDUCTION_POINTS: Readonly<Record<DeductionSeverity, number>> = { minor: 10, serious: 30 };

/** Passing the buck: declined or escalated more than this many times on one ticket. */
export const DEFAULT_PASSING_THE_BUCK_THRESHOLD = 2;

/** A rule as configured; omitted fields take the defaults. */
export interface DeductionRuleInput {
  id: string;
  kind: DeductionKind;
  severity: DeductionSeverity;
  /** Points deducted per incident; default 10 minor, 30 serious. */
  points?: number;
  /** Whether a company-wide notice of criticism accompanies it; default: serious ones do. */
  notice?: boolean;
  /** passing_the_buck only: more declines/escalations than this on one ticket is an incident (default 2). */
  passingTheBuckThreshold?: number | null;
  /** Disabled rules propose nothing; default true. */
  enabled?: boolean;
}

export interface DeductionRule {
  id: string;
  kind: DeductionKind;
  severity: DeductionSeverity;
  points: number;
  notice: boolean;
  /** Set for passing_the_buck, null otherwise. */
  passingTheBuckThreshold: number | null;
  enabled: boolean;
}

function resolveRule(input: DeductionRuleInput, field: string): DeductionRule {
  if (input === null || typeof input !== 'object') throw new DomainValidationError(field, 'A deduction rule must be an object');
  if (typeof input.id !== 'string' || input.id.trim() === '') throw new DomainValidationError(`${field}.id`, 'A deduction rule needs a non-empty id');
  if (!(DEDUCTION_KINDS as readonly string[]).includes(input.kind)) {
    throw new DomainValidationError(`${field}.kind`, `The kind must be one of ${DEDUCTION_KINDS.join(', ')}`);
  }
  if (!(DEDUCTION_SEVERITIES as readonly string[]).includes(input.severity)) {
    throw new DomainValidationError(`${field}.severity`, 'The severity must be minor or serious');
  }
  const points = input.points ?? DEFAULT_DEDUCTION_POINTS[input.severity];
  if (typeof points !== 'number' || !Number.isFinite(points) || points <= 0 || points > 1000) {
    throw new DomainValidationError(`${field}.points`, 'The points must be a number above 0 and at most 1000');
  }
  if (input.notice !== undefined && typeof input.notice !== 'boolean') throw new DomainValidationError(`${field}.notice`, 'The notice flag must be true or false');
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') throw new DomainValidationError(`${field}.enabled`, 'The enabled flag must be true or false');
  let passingTheBuckThreshold: number | null = null;
  if (input.kind === 'passing_the_buck') {
    passingTheBuckThreshold = input.passingTheBuckThreshold ?? DEFAULT_PASSING_THE_BUCK_THRESHOLD;
    if (!Number.isInteger(passingTheBuckThreshold) || passingTheBuckThreshold < 0) {
      throw new DomainValidationError(`${field}.passingTheBuckThreshold`, 'The threshold must be a whole number of times, 0 or more');
    }
  } else if (input.passingTheBuckThreshold !== undefined && input.passingTheBuckThreshold !== null) {
    throw new DomainValidationError(`${field}.passingTheBuckThreshold`, 'Only a passing-the-buck rule has a threshold');
  }
  return {
    id: input.id,
    kind: input.kind,
    severity: input.severity,
    points,
    notice: input.notice ?? input.severity === 'serious',
    passingTheBuckThreshold,
    enabled: input.enabled ?? true,
  };
}

/**
 * Validates configured rules and fills in defaults. At most one enabled rule per kind and severity,
 * so an incident always maps to one rule and one amount.
 */
export function resolveDeductionRules(inputs: readonly DeductionRuleInput[], field = 'rules'): DeductionRule[] {
  if (!Array.isArray(inputs as unknown)) throw new DomainValidationError(field, 'The deduction rules must be a list');
  const ids = new Set<string>();
  const active = new Map<string, string>();
  return inputs.map((input, i) => {
    const rule = resolveRule(input, `${field}.${i}`);
    if (ids.has(rule.id)) throw new DomainValidationError(`${field}.${i}.id`, `The rule id "${rule.id}" is used twice`);
    ids.add(rule.id);
    const slot = `${rule.kind}/${rule.severity}`;
    const other = active.get(slot);
    if (rule.enabled && other !== undefined) {
      throw new DomainValidationError(`${field}.${i}`, `Rules "${other}" and "${rule.id}" are both enabled for ${rule.severity} ${rule.kind}; keep one`);
    }
    if (rule.enabled) active.set(slot, rule.id);
    return rule;
  });
}

/** One minor and one serious rule per kind, ids like `handler_late.serious`. */
export const DEFAULT_DEDUCTION_RULES: readonly DeductionRule[] = resolveDeductionRules(
  DEDUCTION_KINDS.flatMap((kind) => DEDUCTION_SEVERITIES.map((severity) => ({ id: `${kind}.${severity}`, kind, severity }))),
);
