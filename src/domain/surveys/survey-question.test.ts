import { describe, expect, it } from 'vitest';
import { DomainValidationError } from '../shared/domain-validation-error.ts';
import { parseSurveyAnswers } from './parse-survey-answers.ts';
import { isSameQuestions, validateSurveyQuestions } from './survey-question.ts';

const DIMENSIONS = new Set(['trust', 'empathy']);
const q = (key: string, kind: string, dimension: string | null = 'trust') => ({ key, kind, dimension, text: { zh: `问题 ${key}`, en: `Question ${key}` } });

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainValidationError) return err.field;
    throw err;
  }
  return undefined;
}

describe('validateSurveyQuestions', () => {
  it('keeps valid questions, trims their text, and lets text questions go without a dimension', () => {
    const questions = validateSurveyQuestions([{ ...q('polite', 'scale'), text: { zh: ' 礼貌吗？ ', en: ' Polite? ' } }, q('remarks', 'text', null)], DIMENSIONS);
    expect(questions).toEqual([
      { key: 'polite', kind: 'scale', dimension: 'trust', text: { zh: '礼貌吗？', en: 'Polite?' } },
      { key: 'remarks', kind: 'text', dimension: null, text: { zh: '问题 remarks', en: 'Question remarks' } },
    ]);
  });

  it('names the field at fault', () => {
    expect(fieldOf(() => validateSurveyQuestions([], DIMENSIONS))).toBe('questions');
    expect(fieldOf(() => validateSurveyQuestions([q('Bad Key', 'scale')], DIMENSIONS))).toBe('questions.0.key');
    expect(fieldOf(() => validateSurveyQuestions([q('a', 'scale'), q('a', 'yes_no')], DIMENSIONS))).toBe('questions.1.key');
    expect(fieldOf(() => validateSurveyQuestions([q('a', 'stars')], DIMENSIONS))).toBe('questions.0.kind');
    expect(fieldOf(() => validateSurveyQuestions([q('a', 'scale', null)], DIMENSIONS))).toBe('questions.0.dimension');
    expect(fieldOf(() => validateSurveyQuestions([q('a', 'scale', 'speed')], DIMENSIONS))).toBe('questions.0.dimension');
    expect(fieldOf(() => validateSurveyQuestions([{ ...q('a', 'scale'), text: { zh: '  ', en: 'x' } }], DIMENSIONS))).toBe('questions.0.text.zh');
    expect(fieldOf(() => validateSurveyQuestions([{ ...q('a', 'scale'), text: { zh: 'x', en: 'y'.repeat(501) } }], DIMENSIONS))).toBe('questions.0.text.en');
    expect(fieldOf(() => validateSurveyQuestions(Array.from({ length: 51 }, (_, i) => q(`q${i}`, 'scale')), DIMENSIONS))).toBe('questions');
  });

  it('tells an unchanged list from a changed one', () => {
    const a = validateSurveyQuestions([q('a', 'scale'), q('b', 'yes_no')], DIMENSIONS);
    expect(isSameQuestions(a, validateSurveyQuestions([q('a', 'scale'), q('b', 'yes_no')], DIMENSIONS))).toBe(true);
    expect(isSameQuestions(a, validateSurveyQuestions([q('a', 'scale'), q('b', 'yes_no', 'empathy')], DIMENSIONS))).toBe(false);
    expect(isSameQuestions(a, validateSurveyQuestions([q('b', 'yes_no'), q('a', 'scale')], DIMENSIONS))).toBe(false);
  });
});

describe('parseSurveyAnswers', () => {
  const questions = validateSurveyQuestions([q('polite', 'scale'), q('grade', 'grade', 'empathy'), q('again', 'yes_no'), q('remarks', 'text', null)], DIMENSIONS);

  it('checks each answer against its question and scores it', () => {
    expect(parseSurveyAnswers({ remarks: '  很好 ', again: false, grade: 'D', polite: 4 }, questions)).toEqual([
      { key: 'polite', dimension: 'trust', answer: { kind: 'scale', value: 4 }, score: 4 },
      { key: 'grade', dimension: 'empathy', answer: { kind: 'grade', value: 'D' }, score: -100 },
      { key: 'again', dimension: 'trust', answer: { kind: 'yes_no', value: false }, score: 0 },
      { key: 'remarks', dimension: null, answer: { kind: 'text', value: '很好' }, score: null },
    ]);
  });

  it('treats every question as optional and drops empty text', () => {
    expect(parseSurveyAnswers(undefined, questions)).toEqual([]);
    expect(parseSurveyAnswers({ remarks: '   ', polite: null }, questions)).toEqual([]);
  });

  it('refuses unknown keys and wrong kinds naming answers.<key>', () => {
    expect(fieldOf(() => parseSurveyAnswers({ speed: 5 }, questions))).toBe('answers.speed');
    expect(fieldOf(() => parseSurveyAnswers({ polite: 6 }, questions))).toBe('answers.polite');
    expect(fieldOf(() => parseSurveyAnswers({ grade: 'E' }, questions))).toBe('answers.grade');
    expect(fieldOf(() => parseSurveyAnswers({ again: 'yes' }, questions))).toBe('answers.again');
    expect(fieldOf(() => parseSurveyAnswers([4], questions))).toBe('answers');
    expect(fieldOf(() => parseSurveyAnswers({ polite: 4 }, []))).toBe('answers');
  });
});
