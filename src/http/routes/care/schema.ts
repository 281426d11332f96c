import { Type } from 'typebox';
import { CARE_REASONS } from '../../../domain/care/care-rules.ts';
import { VISIT_INTERVAL_UNITS } from '../../../domain/care/visit-schedule.ts';
import { CARE_VISIT_VIEWS } from '../../../services/care/care-visits.ts';
import { Body, NullableId, PageQuery } from '../common.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Id = Type.Integer({ minimum: 1 });
const version = Type.Optional(Type.Integer({ minimum: 1 }));
const NullableText = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
// Dates and times are checked by the domain rules, which name the field and say what is wrong.
const LocalDate = Type.String({ maxLength: 10 });

export const CreateEntryBody = Body({
  customerId: Id,
  reasons: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 4 }),
  note: Type.Optional(NullableText(2000)),
  since: Type.Optional(Type.Union([LocalDate, Type.Null()])),
});

export const UpdateEntryBody = Body({
  version,
  reasons: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 4 })),
  note: Type.Optional(NullableText(2000)),
  since: Type.Optional(Type.Union([LocalDate, Type.Null()])),
});

export const CloseEntryBody = Body({ version, reason: Type.String({ maxLength: 1000 }) });

export const ListEntriesQuery = Type.Object({
  reason: Type.Optional(literals(CARE_REASONS)),
  active: Type.Optional(Type.Boolean()),
  visitorStaffId: Type.Optional(Id),
  visitorDepartmentId: Type.Optional(Id),
  customerId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  ...PageQuery,
});

const planFields = {
  unit: literals(VISIT_INTERVAL_UNITS),
  every: Type.Integer({ minimum: 1, maximum: 104 }),
  startsOn: LocalDate,
  preferredWeekday: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 7 }), Type.Null()])),
  preferredFrom: Type.Optional(NullableText(5)),
  preferredUntil: Type.Optional(NullableText(5)),
  preferredNote: Type.Optional(NullableText(500)),
  visitorStaffId: Type.Optional(NullableId),
  visitorDepartmentId: Type.Optional(NullableId),
  active: Type.Optional(Type.Boolean()),
};

export const CreatePlanBody = Body(planFields);

export const UpdatePlanBody = Body({
  version,
  ...Object.fromEntries(Object.entries(planFields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof typeof planFields]: ReturnType<typeof Type.Optional<(typeof planFields)[K]>> },
});

export const GenerateBody = Type.Union([Body({ horizonDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })) }), Type.Null()]);

export const ListVisitsQuery = Type.Object({
  view: Type.Optional(literals(CARE_VISIT_VIEWS)),
  visitorId: Type.Optional(Id),
  departmentId: Type.Optional(Id),
  entryId: Type.Optional(Id),
  customerId: Type.Optional(Id),
  ...PageQuery,
});

export const RecordVisitBody = Body({
  version,
  visitedAt: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  findings: Type.String({ maxLength: 4000 }),
  customerConfirmed: Type.Boolean(),
  customerComment: Type.Optional(NullableText(2000)),
  followUpNeeded: Type.Optional(Type.Boolean()),
  followUpSubject: Type.Optional(NullableText(200)),
  followUpDescription: Type.Optional(NullableText(10_000)),
});
