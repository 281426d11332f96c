import { Type } from 'typebox';
import { ACCOUNT_TEAM_ROLES, CUSTOMER_CHANNELS, CUSTOMER_KINDS, DECISION_ROLES } from '../../../domain/customers/customer-fields.ts';
import { Body, PageQuery } from '../common.ts';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));
const Id = Type.Integer({ minimum: 1 });
const NullableId = Type.Union([Id, Type.Null()]);
const Text = (max: number) => Type.String({ maxLength: max });
const NullableText = (max: number) => Type.Union([Text(max), Type.Null()]);
// Lists are length-checked with a field name by checkCustomerInput; the schema only bounds the request.
const TextList = (max: number) => Type.Array(Text(max), { maxItems: 100 });

/** Every customer field; the domain's checkCustomerInput gives the errors that name the field. */
const customerFields = {
  kind: Type.Optional(literals(CUSTOMER_KINDS)),
  name: Text(500),
  organisation: Type.Optional(NullableText(500)),
  parentId: Type.Optional(NullableId),
  departmentId: Type.Optional(NullableId),
  phones: Type.Optional(TextList(100)),
  emails: Type.Optional(TextList(500)),
  addresses: Type.Optional(TextList(1000)),
  segment: Type.Optional(NullableText(100)),
  tags: Type.Optional(TextList(200)),
  preferredLanguage: Type.Optional(Type.Union([literals(['zh-CN', 'en'] as const), Type.Null()])),
  preferredChannel: Type.Optional(Type.Union([literals(CUSTOMER_CHANNELS), Type.Null()])),
  consentContact: Type.Optional(Type.Boolean()),
  consentSurveys: Type.Optional(Type.Boolean()),
  consentMarketing: Type.Optional(Type.Boolean()),
  notes: Type.Optional(Text(10_000)),
  isAccount: Type.Optional(Type.Boolean()),
  scorecardEnabled: Type.Optional(Type.Boolean()),
  active: Type.Optional(Type.Boolean()),
};

export const CreateCustomerBody = Body({
  ...customerFields,
  /** Create even though records with the same phone, email or a similar name exist. */
  allowDuplicate: Type.Optional(Type.Boolean()),
});

export const UpdateCustomerBody = Body({
  ...customerFields,
  name: Type.Optional(Text(500)),
  /** The revision the editor saw; a newer one on the server answers 409. */
  revision: Type.Integer({ minimum: 1 }),
});

export const DuplicateCheckBody = Body({
  name: Text(500),
  phones: Type.Optional(TextList(100)),
  emails: Type.Optional(TextList(500)),
});

export const ListCustomersQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(literals(CUSTOMER_KINDS)),
  segment: Type.Optional(Type.String({ maxLength: 40 })),
  tag: Type.Optional(Type.String({ maxLength: 50 })),
  account: Type.Optional(Type.Boolean()),
  parentId: Type.Optional(Id),
  active: Type.Optional(Type.Boolean()),
  sort: Type.Optional(literals(['name', 'newest'] as const)),
  ...PageQuery,
});

export const MergeBody = Body({ intoId: Id });

const contactFields = {
  name: Text(500),
  title: Type.Optional(NullableText(200)),
  phones: Type.Optional(TextList(100)),
  emails: Type.Optional(TextList(500)),
  decisionRole: literals(DECISION_ROLES),
  goals: Type.Optional(Text(2000)),
  painPoints: Type.Optional(Text(2000)),
  reportsToId: Type.Optional(NullableId),
};
export const CreateContactBody = Body(contactFields);
export const UpdateContactBody = Body({
  ...contactFields,
  name: Type.Optional(Text(500)),
  decisionRole: Type.Optional(literals(DECISION_ROLES)),
  active: Type.Optional(Type.Boolean()),
});
export const ContactParams = Type.Object({ id: Id, contactId: Id });

export const TeamMemberBody = Body({ staffId: Id, role: literals(ACCOUNT_TEAM_ROLES) });
export const TeamMemberParams = Type.Object({ id: Id, role: literals(ACCOUNT_TEAM_ROLES), staffId: Id });
