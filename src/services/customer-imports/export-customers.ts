import type { CustomerView, ExportCustomersQuery } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import type { RequestContext } from '../context.ts';
import { requireStaff } from '../org/require-role.ts';
import { listCustomers } from '../customers/list-customers.ts';

/** Customers per page while exporting: one keyset page in memory at a time, however long the list. */
const EXPORT_PAGE = 1000;

/**
 * The header is the import's field names, so an exported file imports again as it is (the id column
 * is left out on import).
 */
const HEADER = ['id', 'kind', 'name', 'organisation', 'phones', 'emails', 'addresses', 'segment', 'tags', 'preferredLanguage', 'preferredChannel', 'consentContact', 'consentSurveys', 'consentMarketing', 'isAccount', 'notes', 'active', 'createdAt'];

/** Free text starting with = + - @ gets a ' so a spreadsheet never runs it as a formula; phones and emails are checked values and stay as they are. */
function cell(value: string | number | boolean | null, text = false): string {
  if (value === null) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toLine(c: CustomerView): string {
  return [
    cell(c.id), cell(c.kind), cell(c.name, true), cell(c.organisation, true), cell(c.phones.join('; ')), cell(c.emails.join('; ')),
    // Addresses hold commas, so one per line inside the cell, as the import reads them.
    cell(c.addresses.map((a) => (/^[=+\-@]/.test(a) ? `'${a}` : a)).join('\n')), cell(c.segment), cell(c.tags.join('; '), true),
    cell(c.preferredLanguage), cell(c.preferredChannel), cell(c.consentContact), cell(c.consentSurveys), cell(c.consentMarketing), cell(c.isAccount),
    cell(c.notes, true), cell(c.active), cell(c.createdAt),
  ].join(',');
}

/**
 * The customers GET /api/customers would list for the same filters, as CSV lines (UTF-8 with a
 * byte-order mark, so spreadsheet programs read Chinese names right), fetched a page at a time.
 */
export async function exportCustomersCsv(db: Db, ctx: RequestContext, query: ExportCustomersQuery): Promise<AsyncGenerator<string>> {
  requireStaff(ctx);
  // The first page is read before answering, so a bad filter is still a 400 and not a broken download.
  const first = await listCustomers(db, ctx, { ...query, limit: EXPORT_PAGE });
  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${HEADER.join(',')}\r\n`;
    let page = first;
    for (;;) {
      if (page.items.length > 0) yield `${page.items.map(toLine).join('\r\n')}\r\n`;
      if (!page.nextCursor) return;
      page = await listCustomers(db, ctx, { ...query, limit: EXPORT_PAGE, cursor: page.nextCursor });
    }
  }
  return lines();
}
