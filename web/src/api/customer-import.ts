import type { ErrorResponse } from '../../../src/contracts/common.ts';
import type { CustomerImportErrorList, CustomerImportView } from '../../../src/contracts/customer-imports.ts';
import { XLSX_MIME } from '../../../src/domain/customer-imports/detect-import-format.ts';
import type { ImportField } from '../../../src/domain/customer-imports/import-mapping.ts';
import type { ImportMode } from '../../../src/domain/customer-imports/import-job-states.ts';
import { ApiError, api, buildUrl } from './client.ts';

/** Customer import from CSV/XLSX and export to CSV (see /api/docs, "customers"). */

// The field list and its rules are the server's own (pure domain code), so the wizard's preview checks rows exactly as the import will.
export { IMPORT_FIELDS, type ImportField } from '../../../src/domain/customer-imports/import-mapping.ts';
export { IMPORT_MODES, type ImportJobStatus as ImportStatus, type ImportMode } from '../../../src/domain/customer-imports/import-job-states.ts';
export { XLSX_MIME } from '../../../src/domain/customer-imports/detect-import-format.ts';
export type { CustomerImportErrorView as ImportRowError, CustomerImportView as CustomerImport } from '../../../src/contracts/customer-imports.ts';

/**
 * Sends the file itself as the body (not JSON, not a form), so the server can stream it; fetchJson
 * only sends JSON, so this one request is made here, with the same CSRF header and ApiError.
 */
export async function uploadCustomerImport(file: File, csrfToken: string | null): Promise<CustomerImportView> {
  const type = /\.xlsx$/i.test(file.name) ? XLSX_MIME : /\.(csv|tsv|txt)$/i.test(file.name) ? 'text/csv' : file.type || 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch(buildUrl('/api/customer-imports', { fileName: file.name }), {
      method: 'POST',
      headers: { 'content-type': type, accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  const data = (await response.json().catch(() => null)) as (CustomerImportView & Partial<ErrorResponse>) | null;
  if (!response.ok) throw new ApiError(response.status, data?.error?.code ?? `http_${response.status}`, data?.error?.message ?? response.statusText, data?.error?.field);
  return data as CustomerImportView;
}

export const getCustomerImport = (id: number) => api.get<CustomerImportView>(`/api/customer-imports/${id}`);
export const listCustomerImportErrors = (id: number, offset: number, limit: number) =>
  api.get<CustomerImportErrorList>(`/api/customer-imports/${id}/errors`, { offset, limit });
export const validateCustomerImport = (id: number, mapping: (ImportField | null)[]) => api.post<CustomerImportView>(`/api/customer-imports/${id}/validate`, { mapping });
export const runCustomerImport = (id: number, mode: ImportMode) => api.post<CustomerImportView>(`/api/customer-imports/${id}/run`, { mode });

/** The link that downloads the customers for these filters (the list page's) as CSV. */
export function customerExportUrl(filters: Record<string, string | number | boolean | null | undefined>): string {
  return buildUrl('/api/customers/export.csv', filters);
}
