import type { SurveyQuestionView } from '../../../src/contracts/surveys.ts';

/** What a survey form collects: question key → 1–5, a grade, true/false or text. */
export type SurveyAnswers = Record<string, number | string | boolean>;

/** A question in the reader's language. */
export function questionText(question: SurveyQuestionView, language: string): string {
  return /^zh/i.test(language) ? question.text.zh : question.text.en;
}

/** Text answers trimmed, empty ones dropped: what the API is sent. */
export function cleanSurveyAnswers(answers: SurveyAnswers): SurveyAnswers | undefined {
  const entries = Object.entries(answers)
    .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v] as const)
    .filter(([, v]) => v !== '');
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
