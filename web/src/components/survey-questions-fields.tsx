import { Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES, dimensionName, questionText, type SurveyAnswers, type SurveyDimension, type SurveyQuestion } from '../api/surveys.ts';

const SCALE = ['5', '4', '3', '2', '1'] as const;

/**
 * The callback survey's questions as form fields (staff callback form, portal, rating link): real
 * radio groups named by the question, every question optional. `errorFor(key)` shows the server's
 * message beside the question it is about (field `answers.<key>`).
 */
export function SurveyQuestionsFields(props: {
  questions: readonly SurveyQuestion[];
  value: SurveyAnswers;
  onChange: (next: SurveyAnswers) => void;
  errorFor?: (key: string) => string | undefined;
  /** Heading level for the group's title (the page decides). */
  headingOrder?: 2 | 3 | 4;
  /** Staff see which dimension each question scores; customers are not shown it. */
  dimensions?: readonly SurveyDimension[];
}) {
  const { t, i18n } = useTranslation('surveys');
  const headingId = useId();
  const { dimensions } = props;
  const set = (key: string, answer: number | string | boolean | undefined) => {
    const next = { ...props.value };
    if (answer === undefined || answer === '') delete next[key];
    else next[key] = answer;
    props.onChange(next);
  };
  if (props.questions.length === 0) return null;
  return (
    <Stack gap="md" role="group" aria-labelledby={headingId}>
      <div>
        <Title order={props.headingOrder ?? 3} size="h5" id={headingId}>
          {t('form.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('form.intro')}
        </Text>
      </div>
      {props.questions.map((q) => {
        const label = questionText(q, i18n.language);
        const error = props.errorFor?.(q.key);
        const description = q.dimension && dimensions ? t('form.dimension', { name: dimensionName(dimensions, q.dimension, i18n.language) }) : undefined;
        const current = props.value[q.key];
        switch (q.kind) {
          case 'scale':
            return (
              <Radio.Group key={q.key} label={label} description={description} error={error} value={current === undefined ? null : String(current)} onChange={(v) => set(q.key, Number(v))} name={`answer-${q.key}`}>
                <Group gap="md" mt={6}>
                  {SCALE.map((v) => (
                    <Radio key={v} value={v} label={t(`form.scale.${v}`)} />
                  ))}
                </Group>
              </Radio.Group>
            );
          case 'grade':
            return (
              <Radio.Group key={q.key} label={label} description={description} error={error} value={typeof current === 'string' ? current : null} onChange={(v) => set(q.key, v)} name={`answer-${q.key}`}>
                <Group gap="md" mt={6}>
                  {GRADES.map((g) => (
                    <Radio key={g} value={g} label={g} />
                  ))}
                </Group>
              </Radio.Group>
            );
          case 'yes_no':
            return (
              <Radio.Group key={q.key} label={label} description={description} error={error} value={current === undefined ? null : current ? 'yes' : 'no'} onChange={(v) => set(q.key, v === 'yes')} name={`answer-${q.key}`}>
                <Group gap="md" mt={6}>
                  <Radio value="yes" label={t('form.yes')} />
                  <Radio value="no" label={t('form.no')} />
                </Group>
              </Radio.Group>
            );
          case 'text':
            return (
              <Textarea key={q.key} label={label} error={error} autosize minRows={2} maxRows={8} maxLength={4000} name={`answer-${q.key}`} value={typeof current === 'string' ? current : ''} onChange={(e) => set(q.key, e.currentTarget.value)} />
            );
        }
      })}
    </Stack>
  );
}

// Shared with the light rating link page.
export { cleanSurveyAnswers } from '../api/survey-answers.ts';
