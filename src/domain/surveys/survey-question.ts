import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { SURVEY_ANSWER_KINDS, type SurveyAnswerKind } from './parse-survey-answer.ts';

/** One question of a survey template version. */
export interface SurveyQuestion {
  /** Stable within a template across versions, so answers to "the same question" line up in statistics. */
  key: string;
  text: { zh: string; en: string };
  /** A survey dimension key; null only for free-text questions, which are not scored. */
  dimension: string | null;
  kind: SurveyAnswerKind;
}

export const MAX_SURVEY_QUESTIONS = 50;
export const MAX_QUESTION_TEXT_LENGTH = 500;
export const QUESTION_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

function readText(value: unknown, field: string, language: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new DomainValidationError(field, `Write the question in ${language}`);
  const text = value.trim();
  if (text.length > MAX_QUESTION_TEXT_LENGTH) throw new DomainValidationError(field, `A question may be at most ${MAX_QUESTION_TEXT_LENGTH} characters`);
  return text;
}

/**
 * Checks a template's questions as sent by a client: 1–50 questions, unique keys, text in both
 * languages, a known answer kind, and a dimension from `dimensionKeys` for every scored question.
 */
export function validateSurveyQuestions(input: unknown, dimensionKeys: ReadonlySet<string>, field = 'questions'): SurveyQuestion[] {
  if (!Array.isArray(input) || input.length === 0) throw new DomainValidationError(field, 'A survey needs at least one question');
  if (input.length > MAX_SURVEY_QUESTIONS) throw new DomainValidationError(field, `A survey may have at most ${MAX_SURVEY_QUESTIONS} questions`);
  const seen = new Set<string>();
  return input.map((raw, i): SurveyQuestion => {
    const at = `${field}.${i}`;
    if (raw === null || typeof raw !== 'object') throw new DomainValidationError(at, `Question ${i + 1} must be an object`);
    const q = raw as Record<string, unknown>;
    if (typeof q.key !== 'string' || !QUESTION_KEY_PATTERN.test(q.key)) {
      throw new DomainValidationError(`${at}.key`, `The key of question ${i + 1} must start with a lower-case letter and use only a–z, 0–9 and _ (at most 40)`);
    }
    if (seen.has(q.key)) throw new DomainValidationError(`${at}.key`, `The key "${q.key}" is used by two questions`);
    seen.add(q.key);
    const text = q.text as Record<string, unknown> | null | undefined;
    if (text === null || typeof text !== 'object') throw new DomainValidationError(`${at}.text`, `Question ${i + 1} needs its text in Chinese and English`);
    const zh = readText(text.zh, `${at}.text.zh`, 'Chinese');
    const en = readText(text.en, `${at}.text.en`, 'English');
    if (typeof q.kind !== 'string' || !(SURVEY_ANSWER_KINDS as readonly string[]).includes(q.kind)) {
      throw new DomainValidationError(`${at}.kind`, `The answer kind must be one of ${SURVEY_ANSWER_KINDS.join(', ')}`);
    }
    const kind = q.kind as SurveyAnswerKind;
    const dimension = q.dimension ?? null;
    if (dimension === null) {
      if (kind !== 'text') throw new DomainValidationError(`${at}.dimension`, `Question ${i + 1} is scored, so it needs a dimension`);
    } else if (typeof dimension !== 'string' || !dimensionKeys.has(dimension)) {
      throw new DomainValidationError(`${at}.dimension`, `"${String(dimension)}" is not a dimension in use; choose one of ${[...dimensionKeys].join(', ')}`);
    }
    return { key: q.key, text: { zh, en }, dimension, kind };
  });
}

/** True when two question lists ask the same (so an edit that changes nothing adds no version). */
export function isSameQuestions(a: readonly SurveyQuestion[], b: readonly SurveyQuestion[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((q, i) => {
    const other = b[i]!;
    return q.key === other.key && q.kind === other.kind && q.dimension === other.dimension && q.text.zh === other.text.zh && q.text.en === other.text.en;
  });
}
