import { Type, type Static } from 'typebox';
import { SURVEY_ANSWER_KINDS } from '../domain/surveys/parse-survey-answer.ts';
import { Body, IsoDateTime, literals } from './common.ts';
import { CustomerTicketStatus, Satisfaction } from './portal.ts';
import { SurveyAnswers } from './tickets.ts';

export const RatingLinkParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }) });
export type RatingLinkParams = Static<typeof RatingLinkParams>;

/** The owner's link for the customer: the address to send and when it stops working. */
export const CreatedRatingLink = Type.Object({ url: Type.String({ description: 'The page the customer opens: <public url>/rate/<token>' }), expiresAt: IsoDateTime });
export type CreatedRatingLink = Static<typeof CreatedRatingLink>;

/** One question of the callback survey, as the rating page shows it. */
export const RatingSurveyQuestion = Type.Object({
  key: Type.String(),
  text: Type.Object({ zh: Type.String(), en: Type.String() }),
  dimension: Type.Union([Type.String(), Type.Null()], { description: 'A survey dimension key; null only for free-text questions' }),
  kind: literals(SURVEY_ANSWER_KINDS),
});
export type RatingSurveyQuestion = Static<typeof RatingSurveyQuestion>;

/** What the rating page shows before the customer answers. */
export const RatingLinkView = Type.Object({
  ticketNumber: Type.String(),
  subject: Type.String(),
  status: CustomerTicketStatus,
  alreadyRated: Type.Boolean({ description: 'This link was used, or the satisfaction was recorded another way (callback, portal)' }),
  expiresAt: IsoDateTime,
  survey: Type.Optional(Type.Object({ questions: Type.Array(RatingSurveyQuestion) }, { description: "The callback survey's questions, when its template has any (all optional to answer)" })),
});
export type RatingLinkView = Static<typeof RatingLinkView>;

export const LinkRatingBody = Body({ satisfaction: Satisfaction, comment: Type.Optional(Type.String({ maxLength: 2000 })), answers: Type.Optional(SurveyAnswers) });
export type LinkRatingBody = Static<typeof LinkRatingBody>;

export const RatedByLink = Type.Object({ ticketNumber: Type.String(), satisfaction: Type.Integer() });
export type RatedByLink = Static<typeof RatedByLink>;
