/** How the commitment compliance report groups its rows (PRODUCT.md §2). */
export const REPORT_GROUP_BYS = ['commitment', 'department', 'person'] as const;
export type ReportGroupBy = (typeof REPORT_GROUP_BYS)[number];

/** Figures per ISO week (`2026-W10`) or per month (`2026-03`) in the report's time zone. */
export const REPORT_PERIODS = ['week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** Who a reader sees in the report: every department, or a supervisor's subtree. */
export const REPORT_SCOPES = ['all', 'departments'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

/** The tables the CSV download offers, and the languages of its headers. */
export const REPORT_CSV_TABLES = ['summary', 'attributions'] as const;
export type ReportCsvTable = (typeof REPORT_CSV_TABLES)[number];
export const REPORT_CSV_LANGUAGES = ['en', 'zh-CN'] as const;
export type ReportCsvLanguage = (typeof REPORT_CSV_LANGUAGES)[number];
