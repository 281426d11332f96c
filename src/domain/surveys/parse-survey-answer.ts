import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { GRADES, isGrade, type Grade } from './grade-to-points.ts';

export const SURVEY_ANSWER_KINDS = ['scale', 'grade', 'yes_no', 'text'] as const;
export type SurveyAnswerKind = (typeof SURVEY_ANSWER_KINDS)[number];

export type ScaleValue = 1 | 2 | 3 | 4 | 5;

export type SurveyAnswer =
  | { kind: 'scale'; value: ScaleValue }
  | { kind: 'grade'; value: Grade }
  | { kind: 'yes_no'; value: boolean }
  | { kind: 'text'; value: string };

/** Longest free-text answer kept, in UTF-16 code units. */
export const MAX_TEXT_ANSWER_LENGTH = 4000;

/** Service-quality dimensions offered to every new survey template; trust matters most. */
export const DEFAULT_SURVEY_DIMENSIONS = [
  { key: 'tangibles', description: 'manner, voice, appearance' },
  { key: 'empathy', description: "the customer's point of view" },
  { key: 'professionalism', description: 'reliability, speed' },
  { key: 'responsiveness', description: 'prompt feedback, smooth communication' },
  { key: 'trust', description: 'the most important dimension' },
] as const;
export type DefaultSurveyDimension = (typeof DEFAULT_SURVEY_DIMENSIONS)[number]['key'];

/** True for an integer rating 1–5. */
export function isScaleValue(value: unknown): value is ScaleValue {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** Checks an answer from outside (e.g. a request body) and returns it typed; text is trimmed. */
export function parseSurveyAnswer(input: unknown, field = 'answer'): SurveyAnswer {
  if (input === null || typeof input !== 'object') {
    throw new DomainValidationError(field, 'An answer must be an object with a kind and a value');
  }
  const { kind, value } = input as { kind?: unknown; value?: unknown };
  switch (kind) {
    case 'scale':
      if (!isScaleValue(value)) throw new DomainValidationError(`${field}.value`, 'A scale answer must be a whole number from 1 to 5');
      return { kind, value };
    case 'grade':
      if (!isGrade(value)) throw new DomainValidationError(`${field}.value`, `A grade answer must be one of ${GRADES.join(', ')}`);
      return { kind, value };
    case 'yes_no':
      if (typeof value !== 'boolean') throw new DomainValidationError(`${field}.value`, 'A yes/no answer must be true or false');
      return { kind, value };
    case 'text': {
      if (typeof value !== 'string') throw new DomainValidationError(`${field}.value`, 'A text answer must be a string');
      const trimmed = value.trim();
      if (trimmed.length > MAX_TEXT_ANSWER_LENGTH) {
        throw new DomainValidationError(`${field}.value`, `A text answer may be at most ${MAX_TEXT_ANSWER_LENGTH} characters`);
      }
      return { kind, value: trimmed };
    }
    default:
      throw new DomainValidationError(`${field}.kind`, `The answer kind must be one of ${SURVEY_ANSWER_KINDS.join(', ')}`);
  }
}
