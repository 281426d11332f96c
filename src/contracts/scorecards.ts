import { Type, type Static } from 'typebox';
import { GRADES } from '../domain/surveys/grade-to-points.ts';
import { SCORECARD_AREAS, SCORECARD_CHANNELS, SCORECARD_STATUSES } from '../domain/surveys/score-scorecard.ts';
import { Body, Id, IsoDateTime, literals, NullableInteger, NullableIsoDateTime, NullableNumber, NullableString } from './common.ts';

type Area = (typeof SCORECARD_AREAS)[number];
const Grade = literals(GRADES);
const Comment = Type.String({ maxLength: 2000 });

export const GradesInput = Body(Object.fromEntries(SCORECARD_AREAS.map((a) => [a, Grade])) as Record<Area, typeof Grade>);
export const CommentsInput = Body(Object.fromEntries(SCORECARD_AREAS.map((a) => [a, Type.Optional(Comment)])) as Record<Area, Type.TOptional<typeof Comment>>);

export const ListScorecardsQuery = Type.Object({
  week: Type.Optional(Type.String({ maxLength: 8, description: 'An ISO week of the company time zone, e.g. 2026-W10' })),
  status: Type.Optional(literals(SCORECARD_STATUSES)),
  customerId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type ListScorecardsQuery = Static<typeof ListScorecardsQuery>;

export const ScorecardTrendQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD or ISO date-time; weeks starting on or after it; default 30 days before `to`' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Exclusive; default now' })),
  customerId: Type.Optional(Id),
  staffId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Whose account team to total (default: mine)' })),
});
export type ScorecardTrendQuery = Static<typeof ScorecardTrendQuery>;

export const StaffAnswerBody = Body({ contactId: Id, grades: GradesInput, comments: Type.Optional(CommentsInput) });
export type StaffAnswerBody = Static<typeof StaffAnswerBody>;

export const LinkBody = Body({ contactId: Id });
export type LinkBody = Static<typeof LinkBody>;

export const LinkAnswerBody = Body({ grades: GradesInput, comments: Type.Optional(CommentsInput) });
export type LinkAnswerBody = Static<typeof LinkAnswerBody>;

export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }) });
export type TokenParams = Static<typeof TokenParams>;

export const ScorecardAnswerView = Type.Object({ area: literals(SCORECARD_AREAS), grade: Grade, points: Type.Number(), comment: NullableString });
export type ScorecardAnswerView = Static<typeof ScorecardAnswerView>;

export const ScorecardView = Type.Object({
  id: Type.Integer(),
  customerId: Type.Integer(),
  accountName: Type.String(),
  weekKey: Type.String({ description: 'ISO week, e.g. 2026-W10' }),
  weekStart: IsoDateTime,
  status: literals(SCORECARD_STATUSES),
  openedAt: IsoDateTime,
  answeredAt: NullableIsoDateTime,
  channel: Type.Union([literals(SCORECARD_CHANNELS), Type.Null()]),
  contactId: NullableInteger,
  contactName: NullableString,
  enteredByName: NullableString,
  meanPoints: NullableNumber,
  reminderCount: Type.Integer(),
  lastRemindedAt: NullableIsoDateTime,
  followUpTicketId: NullableInteger,
  accountManagerId: NullableInteger,
  accountManagerName: NullableString,
  answers: Type.Array(ScorecardAnswerView),
  contacts: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), hasEmail: Type.Boolean() }), { description: "The account's active contacts (who may answer), with whether a link can be sent to them" }),
});
export type ScorecardView = Static<typeof ScorecardView>;

export const ScorecardList = Type.Object({ items: Type.Array(ScorecardView) });
export type ScorecardList = Static<typeof ScorecardList>;

export const ScorecardTrendPoint = Type.Object({
  weekKey: Type.String(),
  weekStart: IsoDateTime,
  index: Type.Number({ description: "Mean of the five areas' points over the answered scorecards of that week" }),
  areas: Type.Object(Object.fromEntries(SCORECARD_AREAS.map((a) => [a, Type.Optional(Type.Number())])) as Record<Area, Type.TOptional<Type.TNumber>>),
  n: Type.Integer(),
});
export type ScorecardTrendPoint = Static<typeof ScorecardTrendPoint>;

export const ScorecardTrend = Type.Object({
  from: IsoDateTime,
  to: IsoDateTime,
  timeZone: Type.String(),
  accounts: Type.Array(Type.Object({ customerId: Type.Integer(), accountName: Type.String(), points: Type.Array(ScorecardTrendPoint) })),
  team: Type.Object({ staffId: Type.Integer(), points: Type.Array(ScorecardTrendPoint) }, { description: "The accounts of one staff member's teams together" }),
});
export type ScorecardTrend = Static<typeof ScorecardTrend>;

export const OpenedScorecards = Type.Object({ weekKey: Type.String(), weekStart: IsoDateTime, opened: Type.Array(Type.Integer(), { description: 'Ids of the scorecards opened now (none when they already were)' }) });
export type OpenedScorecards = Static<typeof OpenedScorecards>;

export const ScorecardAnswerResult = Type.Object({ meanPoints: Type.Number(), followUpTicketId: NullableInteger });
export type ScorecardAnswerResult = Static<typeof ScorecardAnswerResult>;

export const CreatedScorecardLink = Type.Object({ url: Type.String(), expiresAt: IsoDateTime, email: Type.String({ description: 'Where to send it' }) });
export type CreatedScorecardLink = Static<typeof CreatedScorecardLink>;

/** What the public link page shows before the contact answers. */
export const ScorecardLinkView = Type.Object({
  accountName: Type.String(),
  contactName: Type.String(),
  weekKey: Type.String(),
  weekStart: IsoDateTime,
  alreadyAnswered: Type.Boolean(),
  expiresAt: IsoDateTime,
  areas: Type.Array(literals(SCORECARD_AREAS)),
  grades: Type.Array(Grade),
});
export type ScorecardLinkView = Static<typeof ScorecardLinkView>;

export const LinkAnswerResult = Type.Object({ weekKey: Type.String(), meanPoints: Type.Number() });
export type LinkAnswerResult = Static<typeof LinkAnswerResult>;
