/** Where an import job stands: uploaded → validating → validated → importing → done, or failed (0015_customer_imports.sql). */
export const IMPORT_JOB_STATUSES = ['uploaded', 'validating', 'validated', 'importing', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** all_or_nothing: every row or none; valid_only: the valid rows, skipping the others. */
export const IMPORT_MODES = ['all_or_nothing', 'valid_only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
