import type { TimelineItem } from '../../contracts/customers.ts';
import type { Db } from '../../db/connect.ts';
import type { RequestContext } from '../context.ts';
import { CUSTOMER_360_SECTIONS, type Customer360Section } from '../customers/get-customer-360.ts';
import { listCareVisits } from './views.ts';

/** The customer 360 page's visits (PRODUCT.md §5: "history across every … visit"): the latest 50, recorded ones on its timeline. */
const visitsSection: Customer360Section = {
  key: 'visits',
  async load(db: Db, ctx: RequestContext, input: { customerId: number; nowMs: number }) {
    // "now" only decides which visits count as overdue.
    const { items } = await listCareVisits(db, ctx, { view: 'all', customerId: input.customerId, limit: 50, nowMs: input.nowMs });
    const timeline: TimelineItem[] = items
      .filter((v) => v.recordedAt !== null && v.ticketId !== null)
      .map((v) => ({ at: v.visitedAt ?? v.recordedAt!, kind: 'visit', ref: { type: 'ticket', id: v.ticketId!, label: v.ticketNumber ?? `#${v.id}` }, detail: v.findings }));
    return { items, timeline };
  },
};

/** Adds the visits section once, however many apps a process builds (tests build several). */
export function addCareVisitsTo360(): void {
  if (!CUSTOMER_360_SECTIONS.some((s) => s.key === visitsSection.key)) CUSTOMER_360_SECTIONS.push(visitsSection);
}
