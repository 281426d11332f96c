import { TICKET_CHANNELS } from '../tickets/ticket-state.ts';

/** The closed lists of a customer record (0011_crm.sql holds the same checks). */
export const CUSTOMER_KINDS = ['person', 'organisation', 'internal'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

export const CUSTOMER_LANGUAGES = ['zh-CN', 'en'] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number];

/** A customer's preferred channel is one of the channels a ticket arrives by. */
export const CUSTOMER_CHANNELS = TICKET_CHANNELS;
export type CustomerChannel = (typeof CUSTOMER_CHANNELS)[number];

/** How the customer list is ordered: by name when browsing, newest first when searching. */
export const CUSTOMER_SORTS = ['name', 'newest'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const DECISION_ROLES = ['decision_maker', 'user', 'technical_influencer', 'business_influencer', 'other_stakeholder'] as const;
export type DecisionRole = (typeof DECISION_ROLES)[number];

export const ACCOUNT_TEAM_ROLES = ['account_manager', 'planner', 'project_engineer', 'quality_engineer', 'test_engineer', 'materials_controller', 'sales'] as const;
export type AccountTeamRole = (typeof ACCOUNT_TEAM_ROLES)[number];

export const CUSTOMER_LIMITS = {
  name: 200,
  organisation: 200,
  address: 500,
  tag: 50,
  notes: 5000,
  /** Per list (phones, emails, addresses, tags): more is a data error, not a customer. */
  listItems: 20,
  contactText: 2000,
} as const;
