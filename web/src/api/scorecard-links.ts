import { fetchJson } from './client.ts';
import type { LinkAnswerResult, ScorecardLinkView } from '../../../src/contracts/scorecards.ts';
import type { Grade } from '../../../src/domain/surveys/grade-to-points.ts';
import { SCORECARD_AREAS, type ScorecardArea } from '../../../src/domain/surveys/score-scorecard.ts';

/**
 * The scorecard link's API and its pure helpers, with plain fetch and nothing else, so the link page
 * stays light. No session, so no CSRF token: the signature in the link is the credential.
 */

export type GradeDraft = Partial<Record<ScorecardArea, Grade>>;
export type CommentDraft = Partial<Record<ScorecardArea, string>>;

export const readScorecardLink = (token: string) => fetchJson<ScorecardLinkView>('GET', `/api/rating/scorecard/${encodeURIComponent(token)}`);
export const answerScorecardLink = (token: string, body: { grades: Record<ScorecardArea, Grade>; comments?: CommentDraft }) =>
  fetchJson<LinkAnswerResult>('POST', `/api/rating/scorecard/${encodeURIComponent(token)}`, { body });

/** Every area graded: the body the API wants, or null. */
export function completeGrades(grades: GradeDraft): Record<ScorecardArea, Grade> | null {
  return SCORECARD_AREAS.every((a) => grades[a]) ? (grades as Record<ScorecardArea, Grade>) : null;
}

export function cleanComments(comments: CommentDraft): CommentDraft | undefined {
  const out = Object.fromEntries(Object.entries(comments).map(([k, v]) => [k, v?.trim()]).filter(([, v]) => v));
  return Object.keys(out).length ? out : undefined;
}
