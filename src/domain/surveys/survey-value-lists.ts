/** The value lists of surveys and their results (PRODUCT.md §3), once: contracts and the web app build on them. */

/** A callback survey is due until answered; reopening or closing the ticket expires it. */
export const SURVEY_STATUSES = ['due', 'answered', 'expired'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** Whom a rating is credited to, frozen when it is given. */
export const SURVEY_CREDIT_ROLES = ['owner', 'handler', 'department'] as const;
export type SurveyCreditRole = (typeof SURVEY_CREDIT_ROLES)[number];

/** How survey results group their figures. */
export const SURVEY_GROUP_BYS = ['department', 'person', 'category', 'channel', 'week', 'month'] as const;
export type SurveyGroupBy = (typeof SURVEY_GROUP_BYS)[number];

/** all: admin and office; departments: a supervisor's subtree (and their own credits); own: the reader's own credits. */
export const SURVEY_SCOPES = ['all', 'departments', 'own'] as const;
export type SurveyScopeKind = (typeof SURVEY_SCOPES)[number];
