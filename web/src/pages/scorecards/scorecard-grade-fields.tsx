import { NativeSelect, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CommentDraft, GradeDraft } from '../../api/scorecard-links.ts';
import { SCORECARD_AREAS, SCORECARD_GRADES, type ScorecardGrade } from '../../api/scorecards.ts';

// The drafts and their checks are shared with the light link page (scorecard-link-page.tsx), which draws its own fields.
export { cleanComments, completeGrades, type CommentDraft, type GradeDraft } from '../../api/scorecard-links.ts';

/** The five areas, each a labelled grade select and an optional comment: used by staff (the public link page has light ones of its own). */
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
