import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { decodeCursor, toPage, type Page } from '../../db/queries/keyset.ts';
import type { Database } from '../../db/schema.ts';
import { invalid } from '../../domain/shared/domain-error.ts';
import type { TicketSort, TicketViewName } from '../../domain/tickets/index.ts';
import type { TicketListQuery } from '../../contracts/tickets.ts';
import type { RequestContext } from '../context.ts';
import { loadStaffTicketActor } from './load-ticket-actor.ts';
import { filterVisibleTo, filterView, seesEverything } from './queue-filters.ts';
import { ticketQuery, toTicketView, type TicketListItem, type TicketView } from './views.ts';
import { buildTicketSearchFilter, buildTicketSearchParts } from './ticket-search.ts';

/** A queue's query as the service takes it: the route defaults `view` to `owned`. */
export type ListTicketsQuery = Omit<TicketListQuery, 'view'> & { view: TicketViewName };

type Eb = ExpressionBuilder<Database, 'tickets'>;

/** Whether the ticket has an open clock (not stopped: running, paused or breached) with a due time: the tickets `sort=due` lists first. */
function hasDueClock(eb: Eb) {
  return eb.exists(
    eb.selectFrom('clocks').select(eb.lit(1).as('one')).whereRef('clocks.ticket_id', '=', 'tickets.id').where('clocks.stopped_at', 'is', null).where('clocks.due_at', 'is not', null),
  );
}

function parseDate(value: string | undefined, field: string): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw invalid(`"${value}" is not a date (use e.g. 2026-01-31)`, field);
  return d;
}

const BAD_CURSOR = 'The cursor is not valid; start again from the first page';
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** The last row of the previous page: its id, and for `sort=due` its due time in epoch microseconds (null: past the clocked tickets). */
function readCursor(cursor: string | undefined, sort: TicketSort): { id: number; dueUs: number | null } | null {
  const values = decodeCursor(cursor, sort === 'due' ? 2 : 1);
  if (!values) return null;
  const id = values[values.length - 1];
  const dueUs = sort === 'due' ? values[0] : null;
  if (!isId(id) || (dueUs !== null && !(typeof dueUs === 'number' && Number.isSafeInteger(dueUs)))) throw invalid(BAD_CURSOR, 'cursor');
  return { id, dueUs: dueUs ?? null };
}

/** Microseconds since the epoch as a timestamptz, exactly (a double of seconds would round the last digit). */
const fromEpochUs = (us: number) => sql<Date>`(timestamptz 'epoch' + ${us}::int8 * interval '1 microsecond')`;

/** A queue: one of the views, narrowed by filters and full-text `q`, newest, oldest or due soonest first, a page at a time. */
export async function listTickets(db: Db, ctx: RequestContext, query: ListTicketsQuery, tuning: { searchWalkSteps?: number[] } = {}): Promise<Page<TicketListItem>> {
  const actor = await loadStaffTicketActor(db, ctx);
  const limit = query.limit ?? 50;
  // The page size goes into the SQL as a literal: the pool plans generically (plan_cache_mode), and a
  // generic plan guesses a LIMIT parameter at a tenth of the rows, which turns `sort=due`'s index walk into a full sort.
  const take = (n: number) => sql.lit(Math.max(1, Math.trunc(n)));
  const sort = query.sort ?? 'newest';
  const from = parseDate(query.from, 'from');
  const to = parseDate(query.to, 'to');
  const after = readCursor(query.cursor, sort);
  const search = query.q?.trim() && sort === 'due' ? await buildTicketSearchFilter(db, query.q) : null;
  const matches = (eb: Eb, withSearch = true): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [filterVisibleTo(eb, actor), filterView(eb, query.view, actor)];
    if (query.status?.length) all.push(eb('tickets.status', 'in', query.status));
    if (query.categoryId !== undefined) all.push(eb('tickets.category_id', '=', query.categoryId));
    if (query.priority) all.push(eb('tickets.priority', '=', query.priority));
    if (query.channel) all.push(eb('tickets.channel', '=', query.channel));
    if (query.customerId !== undefined) all.push(eb('tickets.customer_id', '=', query.customerId));
    if (from) all.push(eb('tickets.created_at', '>=', from));
    if (to) all.push(eb('tickets.created_at', '<', to));
    if (search && withSearch) all.push(search);
    return eb.and(all);
  };

  if (sort !== 'due' && query.q?.trim()) {
    const desc = sort === 'newest';
    const items = await searchByIdOrder(db, query.q, { desc, afterId: after?.id ?? null, take: limit + 1, walkSteps: tuning.searchWalkSteps ?? (seesEverything(actor) ? WALK_STEPS.everything : WALK_STEPS.restricted) }, (eb) => matches(eb, false));
    const page = toPage(items.map((r) => toTicketView(r)), limit, (t) => [t.id]);
    return { ...page, items: await addClockFacts(db, page.items) };
  }
  if (sort !== 'due') {
    const desc = sort === 'newest';
    let q = ticketQuery(db).where(matches);
    if (after) q = q.where('tickets.id', desc ? '<' : '>', after.id);
    const rows = await q.orderBy('tickets.id', desc ? 'desc' : 'asc').limit(take(limit + 1)).execute();
    const page = toPage(rows.map((r) => toTicketView(r)), limit, (t) => [t.id]);
    return { ...page, items: await addClockFacts(db, page.items) };
  }

  // Due soonest, in two stretches so that each walks an index and stops at a page: first the tickets
  // with a due time, driven by clocks_open_due_idx (a ticket appears at its earliest clock: the NOT EXISTS
  // drops its later ones); then the rest by id. A null due time in the cursor means the second stretch.
  // Breached clocks still open count too: their due time is past, so overdue tickets come first.
  type Row = { item: TicketView; dueUs: number | null };
  const rows: Row[] = [];
  if (!after || after.dueUs !== null) {
    let q = ticketQuery(db)
      .innerJoin('clocks as due', 'due.ticket_id', 'tickets.id')
      .select(sql<number>`(extract(epoch from due.due_at) * 1000000)::int8`.as('due_us'))
      .where('due.stopped_at', 'is', null)
      .where('due.due_at', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('clocks as earlier')
              .select(sql.lit(1).as('one'))
              .whereRef('earlier.ticket_id', '=', 'due.ticket_id')
              .where('earlier.stopped_at', 'is', null)
              .where((eb) => eb.or([eb('earlier.due_at', '<', eb.ref('due.due_at')), eb.and([eb('earlier.due_at', '=', eb.ref('due.due_at')), eb('earlier.id', '<', eb.ref('due.id'))])])),
          ),
        ),
      )
      .where(matches);
    if (after?.dueUs != null) {
      const at = fromEpochUs(after.dueUs);
      // `due_at >= at` on its own, so that the index bounds the scan.
      q = q.where('due.due_at', '>=', at).where((eb) => eb.or([eb('due.due_at', '>', at), eb('tickets.id', '>', after.id)]));
    }
    const clocked = await q.orderBy('due.due_at').orderBy('tickets.id').limit(take(limit + 1)).execute();
    rows.push(...clocked.map((r) => ({ item: toTicketView(r), dueUs: r.due_us })));
  }
  if (rows.length <= limit) {
    let q = ticketQuery(db)
      .where(matches)
      .where((eb) => eb.not(hasDueClock(eb)));
    if (after?.dueUs === null) q = q.where('tickets.id', '>', after.id);
    const rest = await q.orderBy('tickets.id', 'asc').limit(take(limit + 1 - rows.length)).execute();
    rows.push(...rest.map((r) => ({ item: toTicketView(r), dueUs: null })));
  }
  const page = toPage(rows, limit, (r) => [r.dueUs, r.item.id]);
  return { nextCursor: page.nextCursor, items: await addClockFacts(db, page.items.map((r) => r.item)) };
}

/** The due time and the overdue mark of each ticket on a page, in one query over clocks_ticket_idx. */
async function addClockFacts(db: Db, items: TicketView[]): Promise<TicketListItem[]> {
  if (items.length === 0) return [];
  const facts = await db
    .selectFrom('clocks')
    .select((eb) => [
      'ticket_id',
      sql<Date | null>`min(due_at) filter (where stopped_at is null)`.as('due_at'),
      eb.fn.coalesce(sql<boolean>`bool_or(breached_at is not null and stopped_at is null)`, eb.lit(false)).as('overdue'),
    ])
    .where('ticket_id', 'in', items.map((t) => t.id))
    .groupBy('ticket_id')
    .execute();
  const byTicket = new Map(facts.map((f) => [f.ticket_id, f]));
  return items.map((t) => {
    const f = byTicket.get(t.id);
    return { ...t, dueAt: f?.due_at?.toISOString() ?? null, overdue: f?.overdue ?? false };
  });
}

/**
 * How many of the newest tickets a search checks one by one, stretch after stretch, before it lets
 * the indexes find the rest. Someone who sees a twentieth of the tickets needs a longer walk to fill a
 * page, and within an id range the planner combines the visibility indexes, so the second stretch is cheap.
 */
const WALK_STEPS = { everything: [4000], restricted: [4000, 36000] };

/**
 * A page of search matches in id order. Which plan is cheap depends on how common the term is, and
 * the planner's guess at that is often wrong by orders of magnitude (a phrase's pairs come together;
 * a word absent from the histogram looks rare), so we decide by trying: first walk bounded id ranges
 * of the newest tickets checking each (fast when matches are common), and only when that does not fill
 * the page let the GIN indexes find every match beyond them (fast when they are rare).
 */
async function searchByIdOrder(
  db: Db,
  q: string,
  { desc, afterId, take, walkSteps }: { desc: boolean; afterId: number | null; take: number; walkSteps: number[] },
  others: (eb: Eb) => Expression<SqlBool>,
) {
  const { exact, indexed } = buildTicketSearchParts(q);
  const beyond = (id: number) => [desc ? '<' : '>', id] as const;
  const found: Awaited<ReturnType<ReturnType<typeof ticketQuery>['execute']>> = [];
  let start = afterId;
  for (const rows of walkSteps) {
    const bound = await db
      .selectFrom('tickets')
      .select('id')
      .$if(start !== null, (b) => b.where('id', ...beyond(start!)))
      .orderBy('id', desc ? 'desc' : 'asc')
      .offset(rows - 1)
      .limit(1)
      .executeTakeFirst();
    let walk = ticketQuery(db).where(others).where(() => exact);
    if (start !== null) walk = walk.where('tickets.id', ...beyond(start));
    if (bound) walk = walk.where('tickets.id', desc ? '>=' : '<=', bound.id);
    found.push(...(await walk.orderBy('tickets.id', desc ? 'desc' : 'asc').limit(sql.lit(take - found.length)).execute()));
    if (found.length >= take || !bound) return found;
    start = bound.id;
  }
  const last = start!;
  // Materialised, so the planner cannot turn it back into a walk in id order that filters every row;
  // with room for exact bitmaps, since a lossy one rechecks every row of a common pair's pages.
  const ids = await db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '64MB'`.execute(trx);
    return trx
      .with((cte) => cte('m').materialized(), (qc) => qc.selectFrom('tickets').select('tickets.id').where(others).where(() => indexed).where('tickets.id', ...beyond(last)))
      .selectFrom('m')
      .select('m.id')
      .orderBy('m.id', desc ? 'desc' : 'asc')
      .limit(sql.lit(take - found.length))
      .execute();
  });
  if (ids.length === 0) return found;
  const rest = await ticketQuery(db).where('tickets.id', 'in', ids.map((r) => r.id)).orderBy('tickets.id', desc ? 'desc' : 'asc').execute();
  return [...found, ...rest];
}
