import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { isClockEvent, type ClockEvent } from './can-event-follow.ts';
import {
  COMMITMENT_STAGE_KINDS,
  COMMITMENT_TARGET_UNITS,
  CUSTOMER_KINDS,
  CUSTOMER_SEGMENT_PATTERN,
  type CommitmentAppliesTo,
  type CommitmentResponsible,
  type CommitmentStageKind,
  type CommitmentTargetUnit,
} from './commitment-spec.ts';

/** One commitment's fields as a client sends them (shape-checked by the route, checked for sense here). */
export interface CommitmentFieldsInput {
  name: string;
  appliesTo?: CommitmentAppliesTo;
  startEvent: string;
  stopEvent: string;
  pauseOnWait?: boolean;
  targetValue: number;
  targetUnit: string;
  calendarId: number;
  warnShare?: number;
  responsible: CommitmentResponsible;
  stageKind?: string;
  escalateAfterMinutes?: number[];
}

/** The same fields, normalised: lists de-duplicated and sorted, defaults filled in. */
export interface CommitmentFields {
  name: string;
  appliesTo: CommitmentAppliesTo;
  startEvent: ClockEvent;
  stopEvent: ClockEvent;
  pauseOnWait: boolean;
  targetValue: number;
  targetUnit: CommitmentTargetUnit;
  calendarId: number;
  warnShare: number;
  responsible: CommitmentResponsible;
  stageKind: CommitmentStageKind;
  escalateAfterMinutes: number[];
}

const MAX_NAME_LENGTH = 200;
/** A year: no promise to a customer is measured in longer stretches. */
const MAX_TARGET: Record<CommitmentTargetUnit, number> = { minutes: 527_040, hours: 8_784, working_days: 366 };
const MAX_ESCALATION_STEPS = 10;
const MAX_LIST_LENGTH = 200;

/**
 * Checks one commitment's own fields and returns them normalised; throws DomainValidationError
 * naming the field (dotted, e.g. `escalateAfterMinutes.1`). Whether the commitment fits its place in
 * the tree (level, stages inside the parent's budget) is validateCommitmentTree's job; whether the
 * ids it names exist is the caller's.
 */
export function validateCommitmentFields(input: CommitmentFieldsInput, options: { priorities: readonly string[]; channels: readonly string[] }): CommitmentFields {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '') throw new DomainValidationError('name', 'Give the commitment a name.');
  if (name.length > MAX_NAME_LENGTH) throw new DomainValidationError('name', `The name must be at most ${MAX_NAME_LENGTH} characters.`);

  if (!isClockEvent(input.startEvent)) throw new DomainValidationError('startEvent', `${describe(input.startEvent)} is not an event a clock can start on.`);
  if (!isClockEvent(input.stopEvent)) throw new DomainValidationError('stopEvent', `${describe(input.stopEvent)} is not an event a clock can stop on.`);

  const targetUnit = input.targetUnit as CommitmentTargetUnit;
  if (!(COMMITMENT_TARGET_UNITS as readonly string[]).includes(targetUnit)) {
    throw new DomainValidationError('targetUnit', `The target unit must be one of ${COMMITMENT_TARGET_UNITS.join(', ')}.`);
  }
  const targetValue = input.targetValue;
  if (!Number.isInteger(targetValue) || targetValue <= 0) throw new DomainValidationError('targetValue', 'The target must be a whole number greater than 0.');
  if (targetValue > MAX_TARGET[targetUnit]) {
    throw new DomainValidationError('targetValue', `A target of ${targetValue} ${targetUnit.replace('_', ' ')} is more than a year; at most ${MAX_TARGET[targetUnit]}.`);
  }

  if (!Number.isInteger(input.calendarId) || input.calendarId <= 0) throw new DomainValidationError('calendarId', 'Choose the calendar the clock runs on.');

  // Stored as numeric(4, 3): rounded first, so what is checked is what is kept.
  const warnShare = Math.round((input.warnShare ?? 0.8) * 1000) / 1000;
  if (!Number.isFinite(warnShare) || warnShare <= 0 || warnShare >= 1) {
    throw new DomainValidationError('warnShare', 'Warn at a share of the target between 0.1 % and 99.9 % (e.g. 0.8 for 80 %).');
  }

  const stageKind = (input.stageKind ?? 'other') as CommitmentStageKind;
  if (!(COMMITMENT_STAGE_KINDS as readonly string[]).includes(stageKind)) {
    throw new DomainValidationError('stageKind', `The stage kind must be one of ${COMMITMENT_STAGE_KINDS.join(', ')}.`);
  }

  return {
    name,
    appliesTo: normalizeAppliesTo(input.appliesTo ?? {}, options),
    startEvent: input.startEvent,
    stopEvent: input.stopEvent,
    pauseOnWait: input.pauseOnWait ?? true,
    targetValue,
    targetUnit,
    calendarId: input.calendarId,
    warnShare,
    responsible: normalizeResponsible(input.responsible),
    stageKind,
    escalateAfterMinutes: normalizeEscalation(input.escalateAfterMinutes ?? []),
  };
}

function normalizeResponsible(responsible: CommitmentResponsible | undefined): CommitmentResponsible {
  if (!responsible || typeof responsible !== 'object') throw new DomainValidationError('responsible', 'Say who is responsible: a department, the owner or the handler.');
  if (responsible.kind === 'owner' || responsible.kind === 'handler') return { kind: responsible.kind };
  if (responsible.kind === 'department') {
    if (!Number.isInteger(responsible.departmentId) || responsible.departmentId <= 0) {
      throw new DomainValidationError('responsible.departmentId', 'Choose the responsible department.');
    }
    return { kind: 'department', departmentId: responsible.departmentId };
  }
  throw new DomainValidationError('responsible.kind', 'The responsible must be a department, the owner or the handler.');
}

function normalizeEscalation(steps: readonly number[]): number[] {
  if (steps.length > MAX_ESCALATION_STEPS) throw new DomainValidationError('escalateAfterMinutes', `At most ${MAX_ESCALATION_STEPS} escalation steps.`);
  steps.forEach((minutes, index) => {
    if (!Number.isInteger(minutes) || minutes <= 0 || minutes > MAX_TARGET.minutes) {
      throw new DomainValidationError(`escalateAfterMinutes.${index}`, 'Each escalation step is a whole number of minutes after the breach, greater than 0.');
    }
    if (index > 0 && minutes <= steps[index - 1]!) {
      throw new DomainValidationError(`escalateAfterMinutes.${index}`, `Escalation steps go up the line one after another: ${minutes} min must come later than ${steps[index - 1]} min.`);
    }
  });
  return [...steps];
}

function normalizeAppliesTo(appliesTo: CommitmentAppliesTo, options: { priorities: readonly string[]; channels: readonly string[] }): CommitmentAppliesTo {
  const result: CommitmentAppliesTo = {};
  const lists: [keyof CommitmentAppliesTo, readonly (string | number)[] | null, string][] = [
    ['categoryIds', null, 'category'],
    ['priorities', options.priorities, 'priority'],
    ['channels', options.channels, 'channel'],
    ['customerKinds', CUSTOMER_KINDS, 'customer kind'],
  ];
  for (const [key, allowed, noun] of lists) {
    const list = appliesTo[key] as readonly (string | number)[] | undefined;
    if (list === undefined || list.length === 0) continue;
    if (list.length > MAX_LIST_LENGTH) throw new DomainValidationError(`appliesTo.${key}`, `At most ${MAX_LIST_LENGTH} entries.`);
    list.forEach((value, index) => {
      const ok = allowed === null ? Number.isInteger(value) && (value as number) > 0 : allowed.includes(value as string);
      if (!ok) {
        const hint = allowed === null ? 'a category id' : `one of ${allowed.join(', ')}`;
        throw new DomainValidationError(`appliesTo.${key}.${index}`, `${describe(value)} is not a ${noun}: use ${hint}.`);
      }
    });
    const unique = [...new Set(list)];
    (result as Record<string, unknown>)[key] = allowed === null ? (unique as number[]).sort((a, b) => a - b) : (unique as string[]).sort();
  }
  // Segments are the company's own keys, not a fixed list: written as customers store them.
  const segments = appliesTo.customerSegments;
  if (segments !== undefined && segments.length > 0) {
    if (segments.length > MAX_LIST_LENGTH) throw new DomainValidationError('appliesTo.customerSegments', `At most ${MAX_LIST_LENGTH} entries.`);
    const keys = segments.map((value, index) => {
      const key = typeof value === 'string' ? value.trim().toLowerCase() : '';
      if (!CUSTOMER_SEGMENT_PATTERN.test(key)) {
        throw new DomainValidationError(`appliesTo.customerSegments.${index}`, `${describe(value)} is not a segment: use 1–40 lower-case letters, digits or _ (e.g. key_account).`);
      }
      return key;
    });
    result.customerSegments = [...new Set(keys)].sort();
  }
  return result;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : value === undefined ? 'A missing value' : (JSON.stringify(value) ?? String(value));
}
