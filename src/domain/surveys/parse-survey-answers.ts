import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { gradeToPoints } from './grade-to-points.ts';
import { parseSurveyAnswer, type SurveyAnswer } from './parse-survey-answer.ts';
import type { SurveyQuestion } from './survey-question.ts';

/** An answer checked against its question, with the number statistics use. */
export interface ParsedSurveyAnswer {
  key: string;
  dimension: string | null;
  answer: SurveyAnswer;
  /** scale 1–5, grade points (C 0, D −100), yes 1 / no 0; null for text. */
  score: number | null;
}

function scoreOf(answer: SurveyAnswer): number | null {
  switch (answer.kind) {
    case 'scale':
      return answer.value;
    case 'grade':
      return gradeToPoints(answer.value);
    case 'yes_no':
      return answer.value ? 1 : 0;
    case 'text':
      return null;
  }
}

/**
 * Checks an `answers` map (question key → value) against the questions asked. Every question is
 * optional; an unknown key or a value of the wrong kind is refused naming `answers.<key>`. Empty
 * text answers are dropped.
 */
export function parseSurveyAnswers(input: unknown, questions: readonly SurveyQuestion[], field = 'answers'): ParsedSurveyAnswer[] {
  if (input === undefined || input === null) return [];
  if (typeof input !== 'object' || Array.isArray(input)) throw new DomainValidationError(field, 'The answers must be an object of question key → answer');
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > 0 && questions.length === 0) throw new DomainValidationError(field, 'This survey has no questions to answer');
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const [key] of entries) {
    if (!byKey.has(key)) throw new DomainValidationError(`${field}.${key}`, `"${key}" is not a question of this survey`);
  }
  const parsed: ParsedSurveyAnswer[] = [];
  // In the template's order, so stored answers read like the form.
  for (const question of questions) {
    if (!Object.prototype.hasOwnProperty.call(input, question.key)) continue;
    const value = (input as Record<string, unknown>)[question.key];
    if (value === null || value === undefined) continue;
    let answer: SurveyAnswer;
    try {
      answer = parseSurveyAnswer({ kind: question.kind, value }, `${field}.${question.key}`);
    } catch (err) {
      // parseSurveyAnswer names `<field>.value`; the client sent the bare value under the key.
      if (err instanceof DomainValidationError) throw new DomainValidationError(`${field}.${question.key}`, err.message);
      throw err;
    }
    if (answer.kind === 'text' && answer.value === '') continue;
    parsed.push({ key: question.key, dimension: question.dimension, answer, score: scoreOf(answer) });
  }
  return parsed;
}
