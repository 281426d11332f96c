/** The lists of visits: owed from today on, owed and past their date, recorded, or every one. */
export const CARE_VISIT_VIEWS = ['upcoming', 'overdue', 'recorded', 'all'] as const;
export type CareVisitViewName = (typeof CARE_VISIT_VIEWS)[number];
