import { fetchJson } from './client.ts';
import type { SurveyAnswers } from './survey-answers.ts';
import type { RatedByLink, RatingLinkView } from '../../../src/contracts/rating-links.ts';

/**
 * The rating link's API (no sign-in: the signature in the token is the credential), with plain
 * fetch and nothing else, so the link page stays light. The portal re-exports these.
 */
export function readRatingLink(token: string): Promise<RatingLinkView> {
  return fetchJson('GET', `/api/rating/${encodeURIComponent(token)}`);
}

export function rateByLink(token: string, body: { satisfaction: number; comment?: string; answers?: SurveyAnswers }): Promise<RatedByLink> {
  return fetchJson('POST', `/api/rating/${encodeURIComponent(token)}`, { body });
}
