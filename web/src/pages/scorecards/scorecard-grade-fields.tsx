import { NativeSelect, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SCORECARD_AREAS, SCORECARD_GRADES, type ScorecardArea, type ScorecardGrade } from '../../api/scorecards.ts';

export type GradeDraft = Partial<Record<ScorecardArea, ScorecardGrade>>;
export type CommentDraft = Partial<Record<ScorecardArea, string>>;

/** The five areas, each a labelled grade select and an optional comment: used by staff and by the public link page. */
export function ScorecardGradeFields(props: { grades: GradeDraft; comments: CommentDraft; onGrades: (g: GradeDraft) => void; onComments: (c: CommentDraft) => void; missing: boolean }) {
  const { t } = useTranslation('scorecards');
  return (
    <Stack gap="sm">
      {SCORECARD_AREAS.map((area) => (
        <Stack key={area} gap={4}>
          <NativeSelect
            label={t('answer.grade', { area: t(`areas.${area}`) })}
            name={`grade-${area}`}
            required
            value={props.grades[area] ?? ''}
            error={props.missing && !props.grades[area] ? t('answer.pickGrade') : undefined}
            onChange={(e) => props.onGrades({ ...props.grades, [area]: (e.currentTarget.value || undefined) as ScorecardGrade | undefined })}
            data={[{ value: '', label: '—' }, ...SCORECARD_GRADES.map((g) => ({ value: g, label: t(`grades.${g}`) }))]}
          />
          <Textarea
            label={`${t('answer.comment', { area: t(`areas.${area}`) })} (${t('common.optional')})`}
            name={`comment-${area}`}
            autosize
            minRows={1}
            maxLength={2000}
            value={props.comments[area] ?? ''}
            onChange={(e) => props.onComments({ ...props.comments, [area]: e.currentTarget.value })}
          />
        </Stack>
      ))}
    </Stack>
  );
}

/** Every area graded: the body the API wants, or null. */
export function completeGrades(grades: GradeDraft): Record<ScorecardArea, ScorecardGrade> | null {
  return SCORECARD_AREAS.every((a) => grades[a]) ? (grades as Record<ScorecardArea, ScorecardGrade>) : null;
}

export function cleanComments(comments: CommentDraft): CommentDraft | undefined {
  const out = Object.fromEntries(Object.entries(comments).map(([k, v]) => [k, v?.trim()]).filter(([, v]) => v));
  return Object.keys(out).length ? out : undefined;
}
