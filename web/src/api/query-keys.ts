import { CALENDARS_KEY, COMMITMENTS_KEY } from './commitments.ts';
import { COMPANY_SETTINGS_KEY } from './dashboard.ts';
import { CATEGORIES_KEY, DEPARTMENTS_KEY } from './org.ts';
import { SCORECARDS_KEY } from './scorecards.ts';
import { SESSION_KEY } from './session.ts';
import { SURVEY_DIMENSIONS_KEY, SURVEY_TEMPLATES_KEY } from './surveys.ts';
import { COUNTS_KEY, NOTIFICATIONS_KEY, TICKETS_KEY } from './tickets.ts';

/**
 * Query keys, one factory per api module: a mutation says what it changed through these instead
 * of spelling key arrays. Each key is a prefix of the keys its module's queries use (the constants
 * stay in the modules), so invalidating one refreshes every query under it.
 */
export const queryKeys = {
  session: () => SESSION_KEY,
  org: {
    departments: () => DEPARTMENTS_KEY,
    categories: () => CATEGORIES_KEY,
    /** Every staff list and picker (a department's head or a category's handler shows in them). */
    staff: () => ['staff'] as const,
  },
  tickets: {
    all: () => TICKETS_KEY,
    counts: () => COUNTS_KEY,
    notifications: () => NOTIFICATIONS_KEY,
  },
  commitments: {
    calendars: () => CALENDARS_KEY,
    commitments: () => COMMITMENTS_KEY,
  },
  surveys: {
    all: () => ['surveys'] as const,
    dimensions: () => SURVEY_DIMENSIONS_KEY,
    templates: () => SURVEY_TEMPLATES_KEY,
  },
  scorecards: { all: () => SCORECARDS_KEY },
  settings: { company: () => COMPANY_SETTINGS_KEY },
  accountability: { all: () => ['accountability'] as const },
  care: { all: () => ['care'] as const },
  customers: { all: () => ['customers'] as const },
} as const;
