import { Type } from 'typebox';
import { Body, PageQuery } from '../common.ts';

const Text = (max: number) => Type.String({ maxLength: max });
/** Every action may carry the version the customer saw; a different current version answers 409. */
const version = Type.Optional(Type.Integer({ minimum: 1 }));
const Satisfaction = Type.Integer({ minimum: 1, maximum: 5, description: '1 very dissatisfied … 5 very satisfied' });

export const SignUpBody = Body({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  // Length rules (8–200) are checked by the service, so the message says what to do.
  password: Type.String({ maxLength: 200 }),
  name: Text(200),
  phone: Type.Optional(Type.Union([Text(50), Type.Null()])),
});

export const SignInBody = Body({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

export const SubmitBody = Body({
  subject: Text(200),
  description: Type.Optional(Text(10_000)),
  categoryId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
});

export const ListQuery = Type.Object({ ...PageQuery });

/** Answers to the callback survey's questions: question key → 1–5, a grade, true/false or text (checked against the survey). */
export const SurveyAnswers = Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), {
  maxProperties: 50,
  description: "The survey's question key → its answer: 1–5 (scale), 'A'…'D' (grade), true/false (yes_no) or text; every question is optional",
});
export const RatingBody = Body({ version, satisfaction: Satisfaction, comment: Type.Optional(Text(2000)), answers: Type.Optional(SurveyAnswers) });
export const LinkRatingBody = Body({ satisfaction: Satisfaction, comment: Type.Optional(Text(2000)), answers: Type.Optional(SurveyAnswers) });

/** What a customer may do to their ticket; the action name is the last path segment. */
export const PORTAL_ACTION_BODIES = {
  reply: { summary: 'Write to the people working on my request', body: Body({ version, text: Text(10_000) }) },
  confirm: { summary: 'Confirm the result', body: Body({ version, comment: Type.Optional(Text(2000)) }) },
  reopen: { summary: 'Reopen: the matter is not settled (within 14 days of the result or closing)', body: Body({ version, reason: Text(2000) }) },
} as const;
